// RiskXpert web page: plain JS, no build step. The access token lives only in this closure (never in storage);
// the refresh token is an httpOnly cookie the server rotates on every /auth/refresh. Every string comes from
// RX_TEXT (text.js); answers and history are kept as data and redrawn whenever the language changes.
'use strict';

(() => {
  const TEXT = globalThis.RX_TEXT;
  const $ = (id) => document.getElementById(id);
  const HORIZONS = [1, 2, 3, 6, 9, 12, 18, 24];
  // Set by the server beside the refresh cookie (not a secret): lets the page show the right card before
  // /auth/refresh answers, and skip that request on a first visit.
  const HINT = 'rx_signed_in';

  let lang = localStorage.getItem('rx-lang') === 'en' ? 'en' : 'ko';
  let accessToken = null;
  let accessExpiresAt = 0;
  let user = null;
  let config = null;
  let indicators = [];
  let historyItems = [];
  let historyProblem = null;
  /** The answer on screen, as data: { request, forecast, chartUrl, summary, scenario, state, problem, clarify, locale }. */
  let current = null;
  let busy = false;
  let renewal = null;
  let renewTimer = null;
  let renewFailures = 0;
  /** Start-up problems by request: { config?, session?, indicators? } each a problem object. */
  const startProblems = {};

  const t = (key, params = {}) =>
    String(TEXT[lang][key] ?? key).replace(/\{(\w+)\}/gu, (_, k) => String(params[k] ?? ''));
  const locale = () => (lang === 'ko' ? 'ko-KR' : 'en-US');
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };

  // ---- formatting -------------------------------------------------------------------------------------------

  const unitOf = (ind) => (ind ? (lang === 'ko' ? ind.unitKo || ind.unit : ind.unit) : '');
  /** One answer's numbers share their decimals (chosen by its last value), so 2,874.6 never sits beside 2,900. */
  const digitsFor = (ref) => (typeof ref === 'number' && Math.abs(ref) >= 1000 ? 1 : 2);
  const fmt = (v, ind, digits = 2) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
    const s = v.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return ind?.unit === '%' ? `${s}%` : s;
  };
  const parseDay = (iso) =>
    typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/u.test(iso) ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null;
  const fmtDay = (iso) => {
    const d = parseDay(iso);
    return d
      ? d.toLocaleDateString(locale(), {
          year: 'numeric',
          month: lang === 'ko' ? 'long' : 'short',
          day: 'numeric',
          timeZone: 'UTC',
        })
      : '–';
  };
  const fmtMonth = (iso) => {
    const d = parseDay(iso);
    return d
      ? d.toLocaleDateString(locale(), { year: 'numeric', month: lang === 'ko' ? 'long' : 'short', timeZone: 'UTC' })
      : '–';
  };
  const indicatorById = (id) => indicators.find((i) => i.id === id);
  const nameOf = (ind, fallback) => (ind ? (lang === 'ko' ? ind.nameKo : ind.nameEn) : fallback || '');

  // ---- problems: every failure becomes { key, params } and is worded in the current language when drawn -------

  class Problem extends Error {
    constructor(key, params = {}, retryAfterS = undefined) {
      super(key);
      this.key = key;
      this.params = params;
      this.retryAfterS = retryAfterS;
    }
  }
  const retryAfter = (res) => {
    const v = res.headers.get('retry-after');
    const n = v === null ? NaN : Number(v);
    if (Number.isFinite(n)) return Math.max(1, Math.ceil(n));
    const at = v ? Date.parse(v) : NaN;
    return Number.isFinite(at) ? Math.max(1, Math.ceil((at - Date.now()) / 1000)) : undefined;
  };
  /** What a non-2xx response means to a person; HTML (a proxy's error page) is told apart from our JSON. */
  function problemOf(res) {
    const json = (res.headers.get('content-type') || '').includes('application/json');
    const wait = retryAfter(res);
    if (res.status === 429) return new Problem('errRateLimited', { seconds: wait ?? 30 }, wait ?? 30);
    if (res.status === 503 && json) return new Problem('errUnavailable', { seconds: wait ?? 5 }, wait ?? 5);
    if (!json) return new Problem('errProxy', { status: res.status }, wait);
    if (res.status >= 500) return new Problem('errServer', { status: res.status }, wait);
    return new Problem('errBadRequest', { status: res.status });
  }
  /** Reads an unwanted body to its end: a body left unread keeps its request open in the browser. */
  const drain = (res) => res.text().catch(() => '');
  async function failed(res) {
    await drain(res);
    return problemOf(res);
  }
  const asProblem = (err) =>
    err instanceof Problem ? err : new Problem(err instanceof TypeError ? 'errNetwork' : 'errMalformed');
  const retryable = (p) => ['errRateLimited', 'errUnavailable', 'errNetwork', 'errProxy', 'errServer'].includes(p.key);
  const say = (p) => t(p.key, p.params);

  async function getJson(path, init) {
    let res;
    try {
      res = await fetch(path, init);
    } catch {
      throw new Problem('errNetwork');
    }
    if (!res.ok) throw await failed(res);
    try {
      return await res.json();
    } catch {
      // A 200 that is not our JSON: a captive portal or a proxy's page.
      throw new Problem('errMalformed');
    }
  }

  // ---- session ----------------------------------------------------------------------------------------------

  const hinted = () => document.cookie.split(';').some((c) => c.trim() === `${HINT}=1`);
  class SignedOut extends Error {}

  /** One renewal in flight per page: concurrent callers share it. */
  function renew() {
    renewal ??= (async () => {
      let res;
      try {
        res = await fetch('/auth/refresh', {
          method: 'POST',
          headers: { 'x-riskxpert-web': '1' },
          credentials: 'same-origin',
        });
      } catch {
        throw new Problem('errNetwork');
      }
      if (res.status === 401) {
        await drain(res);
        throw new SignedOut();
      }
      if (!res.ok) throw await failed(res);
      const body = await res.json().catch(() => null);
      if (!body || typeof body.accessToken !== 'string') throw new Problem('errMalformed');
      accessToken = body.accessToken;
      accessExpiresAt = body.expiresAt;
      user = body.user;
      renewFailures = 0;
      scheduleRenewal(Math.max(5_000, body.expiresAt - Date.now() - 60_000));
      return true;
    })().finally(() => {
      renewal = null;
    });
    return renewal;
  }

  function scheduleRenewal(ms) {
    clearTimeout(renewTimer);
    renewTimer = setTimeout(() => void renewInBackground(), ms);
  }

  /** A scheduled renewal that fails for any reason but 401 keeps the user signed in and tries again with backoff. */
  async function renewInBackground() {
    try {
      await renew();
    } catch (err) {
      if (err instanceof SignedOut) return showSignedOut(new Problem('sessionEnded'));
      renewFailures += 1;
      const p = asProblem(err);
      const backoffS = Math.min(60, 2 ** renewFailures);
      scheduleRenewal(1000 * Math.max(p.retryAfterS ?? 0, backoffS));
    }
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** A call with the access token: renews once on 401, retries 429/503/network with backoff honouring Retry-After. */
  async function api(path, init = {}, attempts = 3) {
    for (let attempt = 0; ; attempt += 1) {
      let res;
      try {
        res = await fetch(path, {
          ...init,
          headers: { ...(init.headers || {}), authorization: `Bearer ${accessToken}` },
        });
      } catch {
        if (attempt + 1 >= attempts) throw new Problem('errNetwork');
        await sleep(500 * 2 ** attempt);
        continue;
      }
      if (res.status === 401 && attempt === 0) {
        await drain(res);
        try {
          await renew();
        } catch (err) {
          if (err instanceof SignedOut) {
            showSignedOut(new Problem('sessionEnded'));
            throw new Problem('sessionEnded');
          }
          throw asProblem(err);
        }
        continue;
      }
      if (res.status === 401) {
        showSignedOut(new Problem('sessionEnded'));
        throw new Problem('sessionEnded');
      }
      if ((res.status === 429 || res.status === 503) && attempt + 1 < attempts) {
        const p = problemOf(res);
        // Only short waits are worth holding the user for; a long one is shown with its time instead.
        if ((p.retryAfterS ?? 1) <= 5) {
          await drain(res);
          await sleep(1000 * (p.retryAfterS ?? 2 ** attempt));
          continue;
        }
      }
      return res;
    }
  }

  // ---- language ---------------------------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
      node.placeholder = t(node.dataset.i18nPlaceholder);
    const button = $('lang');
    button.textContent = t('languageName');
    button.lang = lang === 'ko' ? 'en' : 'ko';
    fillMonths();
    fillIndicators();
    if (user) $('user-name').textContent = t('greeting', { name: user.displayName || '' });
    if (config && !config.login) $('login-off').textContent = t('loginOff');
    drawStartProblems();
    drawAnswer();
    drawHistory();
  }

  function fillMonths() {
    const sel = $('months');
    const chosen = sel.value;
    sel.replaceChildren(new Option(t('auto'), ''), ...HORIZONS.map((n) => new Option(t('monthsN', { n }), String(n))));
    sel.value = chosen;
  }

  function fillIndicators() {
    const sel = $('indicator');
    const chosen = sel.value;
    sel.replaceChildren(new Option(t('auto'), ''), ...indicators.map((i) => new Option(nameOf(i, i.id), i.id)));
    sel.value = indicators.some((i) => i.id === chosen) ? chosen : '';
  }

  // ---- start-up: three requests at once, each failure shown with a retry ----------------------------------

  function drawStartProblems() {
    const entries = Object.entries(startProblems).filter(([, p]) => p);
    $('start-error').hidden = entries.length === 0;
    $('start-problems').replaceChildren(
      ...entries.map(([what, p]) =>
        el('li', {
          textContent: `${t({ config: 'errConfig', session: 'errSession', indicators: 'errIndicators' }[what])} ${say(p)}`,
        }),
      ),
    );
  }

  async function loadConfig() {
    try {
      config = await getJson('/api/config');
      startProblems.config = null;
      if (!config.login) {
        showSignedOut();
        $('login').hidden = true;
        $('login-off').textContent = t('loginOff');
        $('login-off').hidden = false;
      }
    } catch (err) {
      startProblems.config = asProblem(err);
    }
  }

  async function loadIndicators() {
    try {
      const body = await getJson('/api/indicators');
      indicators = Array.isArray(body.indicators) ? body.indicators : [];
      startProblems.indicators = null;
      fillIndicators();
      drawAnswer();
      drawHistory();
    } catch (err) {
      startProblems.indicators = asProblem(err);
    }
  }

  async function loadSession() {
    try {
      await renew();
      startProblems.session = null;
      await showSignedIn();
    } catch (err) {
      if (err instanceof SignedOut) {
        startProblems.session = null;
        return showSignedOut();
      }
      const p = asProblem(err);
      startProblems.session = p;
      // The session may well be fine (a busy server, a 429): try again on our own too, honouring Retry-After.
      if (retryable(p)) scheduleRenewal(1000 * (p.retryAfterS ?? 5));
    }
  }

  async function startUp(which) {
    const jobs = [];
    if (which.config) jobs.push(loadConfig());
    if (which.indicators) jobs.push(loadIndicators());
    // Asked even without the hint: a session from before the hint existed is still found.
    if (which.session) jobs.push(loadSession());
    await Promise.all(jobs);
    drawStartProblems();
  }

  async function retryStart() {
    const which = {
      config: Boolean(startProblems.config),
      indicators: Boolean(startProblems.indicators),
      session: Boolean(startProblems.session),
    };
    $('start-retry').disabled = true;
    try {
      await startUp(which);
    } finally {
      $('start-retry').disabled = false;
    }
  }

  function showSignedOut(problem) {
    accessToken = null;
    globalThis.RX_SIGNED_IN = false;
    user = null;
    clearTimeout(renewTimer);
    $('welcome').hidden = false;
    for (const id of ['ask-card', 'answer', 'history-card', 'logout', 'user-name']) $(id).hidden = true;
    $('form-error').hidden = true;
    if (problem) {
      $('login-off').textContent = say(problem);
      $('login-off').hidden = false;
    }
  }

  function showAskCard() {
    $('welcome').hidden = true;
    $('ask-card').hidden = false;
    $('history-card').hidden = false;
    $('logout').hidden = false;
  }

  async function showSignedIn() {
    showAskCard();
    // Panels in their own files call the API only once a token exists (the hint cookie shows the cards earlier).
    globalThis.RX_SIGNED_IN = true;
    document.dispatchEvent(new Event('rx-signed-in'));
    $('user-name').hidden = false;
    $('user-name').textContent = t('greeting', { name: user?.displayName || '' });
    await loadHistory();
  }

  // ---- the answer -------------------------------------------------------------------------------------------

  /** The answer's event stream (sse.js), with the page's own texts for a dropped connection or a bad event. */
  const readEvents = (body) =>
    globalThis.RX_SSE.read(body, { lost: () => new Problem('errLost'), malformed: () => new Problem('errMalformed') });

  function setBusy(on) {
    busy = on;
    // aria-disabled, not disabled: a disabled button drops the keyboard focus, which must stay on Ask.
    $('ask').setAttribute('aria-disabled', String(on));
    $('answer').setAttribute('aria-busy', String(on));
  }

  async function ask(ev) {
    ev.preventDefault();
    if (busy) return;
    const question = $('question').value.trim();
    if (!question) return;
    const indicatorId = $('indicator').value || undefined;
    const horizonMonths = $('months').value ? Number($('months').value) : undefined;
    await runAnswer({ question, indicatorId, horizonMonths });
  }

  async function runAnswer(request) {
    setBusy(true);
    const body = {
      question: request.question,
      indicatorId: request.indicatorId,
      horizonMonths: request.horizonMonths,
      locale: lang,
    };
    drawRelatedNews([]);
    current = {
      request,
      locale: lang,
      forecast: null,
      chartUrl: null,
      summary: '',
      scenario: '',
      state: 'streaming',
      problem: null,
      clarify: null,
      cached: false,
    };
    $('form-error').hidden = true;
    $('answer').hidden = false;
    drawAnswer();
    let conversationId = null;
    try {
      const res = await api('/api/forecast', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw await failed(res);
      if (!(res.headers.get('content-type') || '').includes('text/event-stream')) throw new Problem('errMalformed');
      for await (const { event, data } of readEvents(res.body)) {
        if (event === 'forecast') {
          current.forecast = data;
          drawAnswer();
        } else if (event === 'chart') {
          current.chartUrl = typeof data.url === 'string' ? data.url : null;
          drawChart();
        } else if (event === 'summary') {
          current.summary = String(data.text ?? '');
          $('summary').textContent = summaryShown(current);
        } else if (event === 'scenario-delta') {
          const text = String(data.text ?? '');
          current.scenario += text;
          $('scenario').append(document.createTextNode(text));
        } else if (event === 'done') {
          drawRelatedNews(data.relatedNews);
          conversationId = data.conversationId;
          current.cached = Boolean(data.cached);
          current.state = 'done';
        } else if (event === 'clarify') {
          current.clarify = {
            message: String(data.message ?? ''),
            choices: Array.isArray(data.choices) ? data.choices : [],
          };
          current.state = 'clarify';
          break;
        } else if (event === 'error') {
          current.serverMessage = typeof data.message === 'string' ? data.message : '';
          throw new Problem(data.code === 'RATE_LIMITED' ? 'errRateLimited' : 'errAnswer', { seconds: 60 });
        }
      }
      if (current.state === 'streaming') throw new Problem('errLost');
    } catch (err) {
      current.state = 'error';
      current.problem = asProblem(err);
      if (current.problem.key === 'sessionEnded') current = null;
    } finally {
      setBusy(false);
    }
    drawAnswer();
    if (current?.state === 'done' || current?.state === 'clarify') $('answer-title').focus();
    if (conversationId) await loadHistory(conversationId);
  }

  function drawChart() {
    const box = $('chart-box');
    const img = $('chart');
    if (!current?.chartUrl) {
      box.hidden = true;
      img.removeAttribute('src');
      return;
    }
    if (img.getAttribute('src') !== current.chartUrl) img.src = current.chartUrl;
    box.hidden = false;
  }

  function numbersTable(f, ind) {
    const digits = digitsFor(f.lastValue);
    const table = el('table', { className: 'numbers' });
    table.append(
      el('caption', { textContent: t('tableCaption', { unit: unitOf(ind) }) }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['colMonth', 'colMedian', 'colRange'].map((k) => el('th', { scope: 'col', textContent: t(k) })),
        ),
      ),
      el(
        'tbody',
        {},
        ...f.dates.map((date, i) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row', textContent: fmtMonth(date) }),
            el('td', { textContent: fmt(f.median[i], ind, digits) }),
            el('td', { textContent: `${fmt(f.low?.[i], ind, digits)} ~ ${fmt(f.high?.[i], ind, digits)}` }),
          ),
        ),
      ),
    );
    return table;
  }

  /** The summary ends with the track-record line for chat platforms; here that line has its own place, so not twice. */
  function summaryShown(a) {
    const line = a.forecast?.trackRecordLine;
    return line && a.summary.endsWith(line) ? a.summary.slice(0, -line.length).trimEnd() : a.summary;
  }

  // "관련 뉴스": stored headlines the server attached to the answer; text nodes only, http(s) links only.
  function drawRelatedNews(items) {
    const box = $('related-news');
    const list = Array.isArray(items) ? items.filter((i) => i && /^https?:\/\//u.test(String(i.url))) : [];
    box.replaceChildren();
    box.hidden = list.length === 0;
    if (list.length === 0) return;
    box.append(el('h3', { textContent: lang === 'ko' ? '관련 뉴스' : 'Related news' }));
    box.append(
      el(
        'ul',
        {},
        ...list.map((i) =>
          el(
            'li',
            {},
            el('a', {
              href: String(i.url),
              textContent: String(i.title),
              rel: 'noopener noreferrer',
              target: '_blank',
            }),
            ` (${String(i.source)}, ${String(i.publishedAt).slice(0, 10)})`,
          ),
        ),
      ),
    );
  }

  function drawAnswer() {
    const a = current;
    if (!a) {
      $('answer').hidden = true;
      return;
    }
    const f = a.forecast;
    // The catalog's names and units in both languages; the event's own (in the language asked) only as a fallback.
    const ind = f ? { ...f.indicator, ...indicatorById(f.indicator.id) } : indicatorById(a.request.indicatorId);
    const title = f ? t('title', { name: nameOf(ind, f.indicator.id), h: f.horizonMonths }) : '';
    $('answer-title').textContent = title;
    const last = f ? f.median.length - 1 : -1;
    const d = digitsFor(f?.lastValue);
    const numbers = f
      ? {
          last: fmt(f.lastValue, ind, d),
          median: fmt(f.median[last], ind, d),
          low: fmt(f.low?.[last], ind, d),
          high: fmt(f.high?.[last], ind, d),
          month: fmtMonth(f.dates[last]),
        }
      : null;
    $('headline').textContent = numbers ? t('headline', numbers) : '';
    const dataDate = $('data-date');
    dataDate.classList.toggle('stale', Boolean(f?.staleData));
    const dataDay = (iso) => (f.frequency === 'M' ? fmtMonth(iso) : fmtDay(iso));
    dataDate.textContent = !f
      ? ''
      : f.staleData
        ? t('staleData', { date: dataDay(f.staleData.lastDate), days: f.staleData.ageDays })
        : t('dataAsOf', { date: dataDay(f.dataAsOf || f.lastDate) });

    drawChart();
    $('chart').alt = numbers ? t('chartAlt', { title, ...numbers }) : '';
    const caption = $('chart-caption');
    if (f) {
      const open = Boolean(caption.querySelector('details')?.open);
      const details = el('details', { open }, el('summary', { textContent: t('tableShow') }), numbersTable(f, ind));
      caption.replaceChildren(details);
    } else caption.replaceChildren();

    // The narration is in the language it was asked in; it says so, so a screen reader pronounces it right.
    $('answer-text').lang = a.locale;
    $('summary').textContent = summaryShown(a);
    // What forecasted it and how well: its own line, in the answer's language, as soon as the forecast arrives.
    const record = $('track-record');
    record.textContent = f?.trackRecordLine || '';
    record.lang = a.locale;
    record.hidden = !f?.trackRecordLine;
    $('scenario').textContent = a.scenario;
    $('scenario').classList.toggle('streaming', a.state === 'streaming');
    $('answer-text').hidden = a.state === 'clarify' || (a.state === 'error' && !a.summary);
    const meta = [];
    if (f)
      meta.push(
        t('unit', { unit: unitOf(ind) }),
        t('source', { source: f.dataSource, method: f.method }) + (f.sampleData ? ` (${t('sample')})` : ''),
      );
    $('answer-meta').textContent = meta.join(' · ');

    const status = { streaming: 'streaming', done: a.cached ? 'cached' : 'done', error: 'failed', clarify: 'asking' }[
      a.state
    ];
    $('status').dataset.state = a.state;
    $('status').textContent = t(status);
    drawClarify();

    const err = $('form-error');
    if (a.state === 'error' && a.problem) {
      // The engine's own words are kept when they are in the language now shown; otherwise ours.
      const own = a.serverMessage && a.locale === lang ? a.serverMessage : say(a.problem);
      err.replaceChildren(
        el('span', { textContent: own }),
        ' ',
        el('button', {
          type: 'button',
          className: 'link',
          textContent: t('retry'),
          onclick: () => void runAnswer(a.request),
        }),
      );
      err.hidden = false;
    } else err.hidden = true;
  }

  function drawClarify() {
    const box = $('clarify');
    const c = current?.clarify;
    if (!c) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const request = current.request;
    box.replaceChildren(
      el('p', { textContent: c.message, lang: current.locale }),
      el(
        'div',
        { className: 'choices', role: 'group' },
        ...c.choices.map((choice) =>
          el('button', {
            type: 'button',
            className: 'choice',
            textContent: choice.label,
            lang: current.locale,
            onclick: () =>
              void runAnswer({
                question: request.question,
                indicatorId: choice.indicatorId ?? request.indicatorId,
                horizonMonths: choice.horizonMonths ?? request.horizonMonths,
              }),
          }),
        ),
      ),
    );
    box.querySelector('.choices').setAttribute('aria-label', t('choose'));
    box.hidden = false;
  }

  // ---- history ----------------------------------------------------------------------------------------------

  /** Conversations are written in the background: retry briefly until the new one is listed. */
  async function loadHistory(expectId) {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        const res = await api('/api/history?limit=20');
        if (!res.ok) throw await failed(res);
        const body = await res.json().catch(() => {
          throw new Problem('errMalformed');
        });
        historyItems = Array.isArray(body.items) ? body.items : [];
        historyProblem = null;
      } catch (err) {
        historyProblem = asProblem(err);
        if (historyProblem.key === 'sessionEnded') return;
      }
      drawHistory();
      if (historyProblem || !expectId || historyItems.some((i) => i.id === expectId)) return;
      await sleep(300);
    }
  }

  function drawHistory() {
    const box = $('history-error');
    if (historyProblem) {
      box.replaceChildren(
        el('span', { textContent: `${t('errHistory')} ${say(historyProblem)}` }),
        ' ',
        el('button', { type: 'button', className: 'link', textContent: t('retry'), onclick: () => void loadHistory() }),
      );
    }
    box.hidden = !historyProblem;
    $('history-empty').hidden = historyItems.length > 0 || Boolean(historyProblem);
    const open = new Set(
      [...document.querySelectorAll('#history li details[open]')].map((d) => d.closest('li').dataset.id),
    );
    $('history').replaceChildren(...historyItems.map((item) => historyEntry(item, open.has(item.id))));
  }

  function historyEntry(item, open) {
    const ind = indicatorById(item.indicatorId);
    const li = el('li');
    li.dataset.id = item.id;
    const created = new Date(item.createdAt);
    const when = `${Number.isNaN(created.getTime()) ? '' : created.toLocaleString(locale())} · ${nameOf(ind, item.indicatorId)} · ${t('monthsN', { n: item.horizonMonths })}`;
    const d = digitsFor(item.lastValue);
    const numbers =
      typeof item.median === 'number'
        ? t('headline', {
            last: fmt(item.lastValue, ind, d),
            median: fmt(item.median, ind, d),
            low: fmt(item.low, ind, d),
            high: fmt(item.high, ind, d),
            month: fmtMonth(item.horizonEnd),
          })
        : '';
    const details = el(
      'details',
      { open },
      el('summary', { textContent: t('showMore') }),
      el('p', { className: 'scenario', textContent: item.scenario, lang: item.locale }),
    );
    li.append(
      el('div', { className: 'q', textContent: item.question, lang: item.locale }),
      el('div', { className: 'when', textContent: when }),
      // No data date here: the stored record keeps the month end, not the day the data ran to.
      numbers ? el('p', { className: 'nums', textContent: numbers }) : null,
      el('p', { className: 'gist', textContent: item.summary, lang: item.locale }),
      details,
    );
    if (item.chartPath) {
      // The redrawn chart needs the access token, which an <img src> cannot send: fetch it when first opened.
      const title = t('title', { name: nameOf(ind, item.indicatorId), h: item.horizonMonths });
      const img = el('img', { alt: numbers ? `${title}: ${numbers}` : title, hidden: true, width: 800, height: 450 });
      const problem = el('p', { className: 'error', hidden: true });
      details.append(img, problem);
      const show = () => void showHistoryChart(details, img, problem, item.chartPath);
      details.addEventListener('toggle', show);
      if (open) show();
    }
    return li;
  }

  const chartBlobs = new Map();
  async function showHistoryChart(details, img, problem, path) {
    if (!details.open || img.dataset.loading) return;
    img.dataset.loading = '1';
    try {
      let url = chartBlobs.get(path);
      if (!url) {
        const res = await api(path);
        if (!res.ok) throw await failed(res);
        url = URL.createObjectURL(await res.blob());
        chartBlobs.set(path, url);
      }
      img.src = url;
      img.hidden = false;
      problem.hidden = true;
    } catch (err) {
      if (asProblem(err).key === 'sessionEnded') return;
      problem.textContent = `${t('errChart')} ${say(asProblem(err))}`;
      problem.hidden = false;
    } finally {
      delete img.dataset.loading;
    }
  }

  async function logout() {
    await fetch('/auth/logout', {
      method: 'POST',
      headers: { 'x-riskxpert-web': '1' },
      credentials: 'same-origin',
    }).catch(() => undefined);
    current = null;
    historyItems = [];
    showSignedOut();
    $('login-off').hidden = true;
  }

  function start() {
    applyLanguage();
    $('lang').addEventListener('click', () => {
      lang = lang === 'ko' ? 'en' : 'ko';
      localStorage.setItem('rx-lang', lang);
      applyLanguage();
    });
    $('ask-form').addEventListener('submit', (ev) => void ask(ev));
    $('logout').addEventListener('click', () => void logout());
    $('start-retry').addEventListener('click', () => void retryStart());
    // The likely card at once, before any answer: a first visit sees the welcome, a returning user the form.
    if (hinted()) showAskCard();
    else showSignedOut();
    void startUp({ config: true, indicators: true, session: true }).then(() => {
      document.body.dataset.ready = 'true';
    });
  }

  // The signed-in call for panels in their own files (scenario-editor.js, risk-panel.js): the access token stays in here.
  globalThis.RX_API = api;
  start();
})();
