// RiskXpert web page: plain JS, no build step. The access token lives only in this closure (never in storage);
// the refresh token is an httpOnly cookie the server rotates on every /auth/refresh.
'use strict';

(() => {
  const TEXT = {
    ko: {
      logout: '로그아웃', heroTitle: 'AI 금융 리스크 전망',
      heroText: '지표와 기간을 고르고 질문하면, 예측 모델의 전망 구간과 시나리오를 실시간으로 보여드려요.',
      login: '카카오 로그인', loginOff: '이 서버에는 카카오 로그인이 설정되어 있지 않아요.',
      indicator: '지표', months: '기간', question: '질문', ask: '질문하기', placeholder: '예: 앞으로 6개월 어떻게 될까요?',
      summary: '요약', scenario: '시나리오', history: '지난 답변', historyEmpty: '아직 질문한 내용이 없어요.',
      disclaimer: '예측은 불확실하며 투자 권유가 아닙니다.', monthsN: (n) => `${n}개월`,
      streaming: '답변 생성 중', done: '완료', cached: '저장된 답변', failed: '오류',
      title: (name, h) => `${name} · ${h}개월 전망`,
      headline: (last, med, lo, hi) => `현재 ${last} → 중앙값 <strong>${med}</strong> (80% 구간 ${lo} ~ ${hi})`,
      sample: '샘플 데이터', rateLimited: '질문이 너무 많아요. 잠시 후 다시 시도해 주세요.', network: '연결이 끊겼어요. 다시 시도해 주세요.',
      sessionEnded: '세션이 끝났어요. 다시 로그인해 주세요.', showMore: '자세히', defaultQuestion: (name, h) => `앞으로 ${h}개월 ${name} 어때?`,
      greeting: (n) => `${n}님`,
    },
    en: {
      logout: 'Log out', heroTitle: 'AI financial risk outlook',
      heroText: 'Pick an indicator and a horizon, ask a question, and watch the forecast range and scenario stream in.',
      login: 'Log in with Kakao', loginOff: 'Kakao login is not configured on this server.',
      indicator: 'Indicator', months: 'Months', question: 'Question', ask: 'Ask', placeholder: 'e.g. What happens over the next 6 months?',
      summary: 'Summary', scenario: 'Scenario', history: 'Your past answers', historyEmpty: 'No questions yet.',
      disclaimer: 'Forecasts are uncertain and not investment advice.', monthsN: (n) => `${n} mo`,
      streaming: 'Writing the answer', done: 'Done', cached: 'Saved answer', failed: 'Error',
      title: (name, h) => `${name} · ${h}-month outlook`,
      headline: (last, med, lo, hi) => `Now ${last} → median <strong>${med}</strong> (80% range ${lo} to ${hi})`,
      sample: 'sample data', rateLimited: 'Too many questions; please wait a moment.', network: 'The connection dropped. Please try again.',
      sessionEnded: 'Your session ended. Please log in again.', showMore: 'Details', defaultQuestion: (name, h) => `How will ${name} do over the next ${h} months?`,
      greeting: (n) => n,
    },
  };

  const $ = (id) => document.getElementById(id);
  let lang = localStorage.getItem('rx-lang') === 'en' ? 'en' : 'ko';
  let accessToken = null;
  let refreshTimer = null;
  let indicators = [];
  let user = null;
  const t = (key, ...args) => { const v = TEXT[lang][key]; return typeof v === 'function' ? v(...args) : v; };

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    $('lang').textContent = lang === 'ko' ? 'EN' : '한국어';
    const months = $('months');
    const chosen = months.value || '6';
    months.replaceChildren(...[1, 2, 3, 6, 9, 12, 18, 24].map((n) => new Option(t('monthsN', n), String(n))));
    months.value = chosen;
    fillIndicators();
    if (user) $('user-name').textContent = t('greeting', user.displayName || '');
  }

  function fillIndicators() {
    const sel = $('indicator');
    const chosen = sel.value;
    sel.replaceChildren(...indicators.map((i) => new Option(lang === 'ko' ? i.nameKo : i.nameEn, i.id)));
    if (chosen) sel.value = chosen;
  }

  const fmt = (v) => (typeof v === 'number' ? v.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }) : '–');

  async function refresh() {
    const res = await fetch('/auth/refresh', { method: 'POST', headers: { 'x-riskxpert-web': '1' }, credentials: 'same-origin' });
    if (!res.ok) { accessToken = null; return false; }
    const body = await res.json();
    accessToken = body.accessToken;
    user = body.user;
    clearTimeout(refreshTimer);
    // Renew a minute before the short-lived access token runs out.
    refreshTimer = setTimeout(() => void refresh(), Math.max(5_000, body.expiresAt - Date.now() - 60_000));
    return true;
  }

  async function api(path, init = {}, retry = true) {
    const res = await fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${accessToken}` } });
    if (res.status === 401 && retry && (await refresh())) return api(path, init, false);
    if (res.status === 401) { showLoggedOut(t('sessionEnded')); }
    return res;
  }

  function showLoggedOut(message) {
    accessToken = null;
    user = null;
    $('welcome').hidden = false;
    for (const id of ['ask-card', 'answer', 'history-card', 'logout', 'user-name']) $(id).hidden = true;
    $('form-error').hidden = true;
    if (message) { $('login-off').textContent = message; $('login-off').hidden = false; }
  }

  async function showLoggedIn() {
    $('welcome').hidden = true;
    $('ask-card').hidden = false;
    $('history-card').hidden = false;
    $('logout').hidden = false;
    $('user-name').hidden = false;
    $('user-name').textContent = t('greeting', user?.displayName || '');
    await loadHistory();
  }

  function setStatus(state, text) {
    const s = $('status');
    s.dataset.state = state;
    s.textContent = text;
  }

  /** Reads a text/event-stream body from fetch (EventSource cannot POST or send Authorization). */
  async function* readEvents(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let end;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        let event = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) yield { event, data: JSON.parse(data) };
      }
    }
  }

  async function ask(ev) {
    ev.preventDefault();
    const button = $('ask');
    const question = $('question').value.trim() || t('defaultQuestion', $('indicator').selectedOptions[0]?.text ?? '', $('months').value);
    const body = { question, indicatorId: $('indicator').value || undefined, horizonMonths: Number($('months').value), locale: lang };
    $('form-error').hidden = true;
    button.disabled = true;
    const answer = $('answer');
    answer.hidden = false;
    $('answer-title').textContent = '';
    $('headline').textContent = '';
    $('summary').textContent = '';
    $('scenario').textContent = '';
    $('scenario').classList.add('streaming');
    $('chart-box').hidden = true;
    $('chart').removeAttribute('src');
    $('answer-meta').textContent = '';
    setStatus('streaming', t('streaming'));
    let conversationId = null;
    try {
      const res = await api('/api/forecast', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) {
        const err = await res.json().catch(() => ({}));
        throw new Error(res.status === 429 ? t('rateLimited') : err.error?.message || `HTTP ${res.status}`);
      }
      for await (const { event, data } of readEvents(res.body)) {
        if (event === 'forecast') {
          const name = lang === 'ko' ? data.indicator.nameKo : data.indicator.nameEn;
          $('answer-title').textContent = t('title', name, data.horizonMonths);
          const h = data.median.length - 1;
          $('headline').innerHTML = t('headline', fmt(data.lastValue), fmt(data.median[h]), fmt(data.low?.[h]), fmt(data.high?.[h]));
          $('answer-meta').textContent = `${data.method} · ${data.dataSource}${data.sampleData ? ` (${t('sample')})` : ''}`;
        } else if (event === 'chart') {
          $('chart').src = data.url;
          $('chart').alt = $('answer-title').textContent;
          $('chart-box').hidden = false;
        } else if (event === 'summary') {
          $('summary').textContent = data.text;
        } else if (event === 'scenario-delta') {
          $('scenario').append(document.createTextNode(data.text));
        } else if (event === 'done') {
          conversationId = data.conversationId;
          setStatus('done', data.cached ? t('cached') : t('done'));
        } else if (event === 'error') {
          throw new Error(data.message);
        }
      }
      if (!conversationId) throw new Error(t('network'));
    } catch (err) {
      setStatus('error', t('failed'));
      $('form-error').textContent = err instanceof TypeError ? t('network') : err.message;
      $('form-error').hidden = false;
    } finally {
      $('scenario').classList.remove('streaming');
      button.disabled = false;
    }
    if (conversationId) await loadHistory(conversationId);
  }

  /** Conversations are written in the background: retry briefly until the new one is listed. */
  async function loadHistory(expectId) {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const res = await api('/api/history?limit=20');
      if (!res.ok) return;
      const { items } = await res.json();
      renderHistory(items);
      if (!expectId || items.some((i) => i.id === expectId)) return;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  function renderHistory(items) {
    $('history-empty').hidden = items.length > 0;
    $('history').replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.id = item.id;
      const q = document.createElement('div');
      q.className = 'q';
      q.textContent = item.question;
      const when = document.createElement('div');
      when.className = 'when';
      when.textContent = `${new Date(item.createdAt).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US')} · ${t('monthsN', item.horizonMonths)}`;
      const summary = document.createElement('p');
      summary.className = 'gist';
      summary.textContent = item.summary;
      const details = document.createElement('details');
      const s = document.createElement('summary');
      s.textContent = t('showMore');
      const scenario = document.createElement('p');
      scenario.className = 'scenario';
      scenario.textContent = item.scenario;
      details.append(s, scenario);
      if (item.chartPath) {
        // The redrawn chart needs the access token, which an <img src> cannot send: fetch it when first opened.
        const img = document.createElement('img');
        img.alt = item.question;
        img.hidden = true;
        details.append(img);
        details.addEventListener('toggle', () => void showHistoryChart(details, img, item.chartPath));
      }
      li.append(q, when, summary, details);
      return li;
    }));
  }

  async function showHistoryChart(details, img, path) {
    if (!details.open || img.dataset.loading) return;
    img.dataset.loading = '1';
    const res = await api(path).catch(() => null);
    if (!res || !res.ok) { delete img.dataset.loading; return; }
    const url = URL.createObjectURL(await res.blob());
    img.onload = () => URL.revokeObjectURL(url);
    img.src = url;
    img.hidden = false;
  }

  async function logout() {
    await fetch('/auth/logout', { method: 'POST', headers: { 'x-riskxpert-web': '1' }, credentials: 'same-origin' }).catch(() => undefined);
    clearTimeout(refreshTimer);
    showLoggedOut();
    $('login-off').hidden = true;
  }

  async function start() {
    applyLanguage();
    $('lang').addEventListener('click', () => {
      lang = lang === 'ko' ? 'en' : 'ko';
      localStorage.setItem('rx-lang', lang);
      applyLanguage();
    });
    $('ask-form').addEventListener('submit', (ev) => void ask(ev));
    $('logout').addEventListener('click', () => void logout());
    const config = await (await fetch('/api/config')).json();
    if (!config.login) {
      showLoggedOut();
      $('login').hidden = true;
      $('login-off').hidden = false;
      return;
    }
    const ind = await fetch('/api/indicators').then((r) => (r.ok ? r.json() : { indicators: [] }));
    indicators = ind.indicators;
    fillIndicators();
    if (await refresh()) await showLoggedIn();
    else showLoggedOut();
    document.body.dataset.ready = 'true';
  }

  void start();
})();
