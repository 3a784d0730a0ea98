// The scenario editor: shocks with their units, a live preview (debounced POST /api/scenarios/preview), save with
// versions and a diff between two, and a run on stated holdings. Plain JS, no build step; text nodes only; strings
// from RX_TEXT (text.js + scenario-text.js). API calls go through app.js's RX_API, which holds the access token.
'use strict';

(() => {
  const TEXT = globalThis.RX_TEXT;
  const card = document.getElementById('scenario-card');
  const DEBOUNCE_MS = 400;
  const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ko');
  const t = (key, params = {}) =>
    String(TEXT[lang()][key] ?? key).replace(/\{(\w+)\}/gu, (_, k) => String(params[k] ?? ''));
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    const { dataset, ...rest } = props;
    Object.assign(node, rest);
    Object.assign(node.dataset, dataset || {});
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };
  const fmt = (n, digits = 1) =>
    new Intl.NumberFormat(lang() === 'ko' ? 'ko-KR' : 'en-US', {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    }).format(n);
  const signed = (n, unit) => `${n > 0 ? '+' : ''}${fmt(n)}${unit}`;
  /** '2020-04' (a month-end) as the page states months: 2020년 4월 / Apr 2020. */
  const monthOf = (ym) => {
    const d = new Date(`${String(ym).slice(0, 7)}-01T00:00:00Z`);
    return Number.isNaN(d.getTime())
      ? String(ym)
      : d.toLocaleDateString(lang() === 'ko' ? 'ko-KR' : 'en-US', {
          year: 'numeric',
          month: lang() === 'ko' ? 'long' : 'short',
          timeZone: 'UTC',
        });
  };
  const won = (n) => `${n > 0 ? '+' : ''}${fmt(n, 0)}${lang() === 'ko' ? '원' : ' KRW'}`;

  /** Everything the editor shows, as data; draw() renders it in the current language. */
  const state = {
    indicators: [],
    saved: [],
    current: null,
    versions: [],
    preview: null,
    run: null,
    errors: {},
    message: '',
  };
  let timer = null;
  let previewSeq = 0;
  let shockSeq = 0;

  const indicator = (id) => state.indicators.find((i) => i.id === id);
  const nameOf = (id) => {
    const i = indicator(id);
    return i ? (lang() === 'ko' ? i.nameKo : i.nameEn) : id;
  };
  const unitOf = (id) => indicator(id)?.changeUnit ?? '%';

  async function call(path, init = {}) {
    const res = await globalThis.RX_API(path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers || {}) },
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const err = new Error(body?.error?.message || t('scError', { status: res.status }));
      err.key = body?.error?.key || '';
      err.locale = body?.error?.message ? lang() : undefined;
      throw err;
    }
    return body;
  }

  // ---- the form: fields are built once; labels and options are worded by draw() -------------------------------
  const f = {};
  function field(id, key, control) {
    const error = el('p', { id: `${id}-error`, className: 'error sc-error', hidden: true });
    control.id = id;
    control.setAttribute('aria-describedby', error.id);
    f[id] = { control, error, label: el('span', { dataset: { sc: key } }) };
    return el(
      'div',
      { className: 'sc-field' },
      el('label', { className: 'field', htmlFor: id }, f[id].label),
      control,
      error,
    );
  }

  function shockRow(shock) {
    const key = ++shockSeq;
    const select = el('select', { className: 'sc-indicator' });
    const move = el('input', {
      className: 'sc-move',
      type: 'number',
      step: 'any',
      inputMode: 'decimal',
      value: shock.move ?? '',
    });
    const unit = el('span', { className: 'sc-unit' });
    const remove = el('button', { type: 'button', className: 'ghost sc-remove', textContent: '×' });
    const row = el('li', { className: 'sc-shock', dataset: { key: String(key) } });
    const selLabel = el('label', { htmlFor: `sc-ind-${key}`, className: 'sc-visually-hidden' });
    const moveLabel = el('label', { htmlFor: `sc-move-${key}`, className: 'sc-visually-hidden' });
    select.id = `sc-ind-${key}`;
    move.id = `sc-move-${key}`;
    select.dataset.value = shock.indicatorId || state.indicators[0]?.id || '';
    row.append(selLabel, select, moveLabel, move, unit, remove);
    select.addEventListener('change', () => {
      select.dataset.value = select.value;
      drawShocks();
      schedulePreview();
    });
    move.addEventListener('input', schedulePreview);
    remove.addEventListener('click', () => {
      row.remove();
      drawShocks();
      schedulePreview();
    });
    return row;
  }

  function build() {
    const saved = el('select');
    const name = el('input', { type: 'text', maxLength: 80, autocomplete: 'off' });
    const horizon = el('input', { type: 'number', min: 1, max: 60, step: 1, value: 3, inputMode: 'numeric' });
    const holdings = el('textarea', { rows: 3, value: 'kospi 5000000\nusdkrw 1000000' });
    f.shocks = {
      list: el('ol', { id: 'sc-shocks', className: 'sc-shocks' }),
      error: el('p', { id: 'sc-shocks-error', className: 'error sc-error', hidden: true }),
    };
    f.shocks.list.append(shockRow({ indicatorId: 'usdkrw' }));
    const add = el('button', { id: 'sc-add', type: 'button', className: 'secondary', dataset: { sc: 'scAdd' } });
    add.addEventListener('click', () => {
      f.shocks.list.append(shockRow({}));
      drawShocks();
    });
    const fieldset = el(
      'fieldset',
      { className: 'sc-fieldset' },
      el('legend', { dataset: { sc: 'scShocks' } }),
      f.shocks.list,
      add,
      f.shocks.error,
    );
    fieldset.setAttribute('aria-describedby', 'sc-shocks-error');
    const preview = el('div', { id: 'sc-preview', className: 'sc-preview' });
    preview.setAttribute('aria-live', 'polite');
    const save = el('button', { id: 'sc-save', type: 'button', className: 'primary', dataset: { sc: 'scSave' } });
    const run = el('button', { id: 'sc-run', type: 'button', className: 'secondary', dataset: { sc: 'scRun' } });
    const message = el('p', { id: 'sc-message', className: 'notice', role: 'status' });
    const diffA = el('select');
    const diffB = el('select');
    card.append(
      el('h2', { id: 'sc-title', dataset: { sc: 'scTitle' } }),
      field('sc-saved', 'scSaved', saved),
      field('sc-name', 'scName', name),
      fieldset,
      field('sc-horizon', 'scHorizon', horizon),
      el('h3', { dataset: { sc: 'scPreview' } }),
      preview,
      save,
      message,
      el('h3', { dataset: { sc: 'scVersions' } }),
      el('ol', { id: 'sc-versions', className: 'sc-versions' }),
      el(
        'div',
        { className: 'row sc-diff-pick' },
        field('sc-diff-a', 'scDiffFrom', diffA),
        field('sc-diff-b', 'scDiffTo', diffB),
      ),
      el('ul', { id: 'sc-diff', className: 'sc-diff' }),
      field('sc-holdings', 'scHoldings', holdings),
      run,
      el('div', { id: 'sc-run-result', className: 'sc-run-result' }),
    );
    saved.addEventListener('change', () => void choose(saved.value));
    name.addEventListener('input', schedulePreview);
    horizon.addEventListener('input', schedulePreview);
    diffA.addEventListener('change', drawDiff);
    diffB.addEventListener('change', drawDiff);
    save.addEventListener('click', () => void doSave());
    run.addEventListener('click', () => void doRun());
  }
  const $ = (id) => document.getElementById(id);

  // ---- reading the form ------------------------------------------------------------------------------------
  function readSpec(forPreview) {
    const shocks = [...f.shocks.list.children].map((row) => {
      const id = row.querySelector('.sc-indicator').value;
      const raw = row.querySelector('.sc-move').value.trim();
      return { indicatorId: id, move: raw === '' ? NaN : Number(raw), unit: unitOf(id) };
    });
    const name = $('sc-name').value.trim();
    return { name: name || (forPreview ? t('scUntitled') : ''), horizonMonths: Number($('sc-horizon').value), shocks };
  }

  function readHoldings() {
    const out = [];
    const lines = $('sc-holdings').value.split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i].trim();
      if (!line) continue;
      const m = /^([a-z0-9_:]{1,40})[\s=]+([\d,]+(?:\.\d+)?)$/iu.exec(line);
      if (!m) return { bad: i + 1 };
      out.push({ symbol: m[1].toLowerCase(), valueWon: Number(m[2].replace(/,/gu, '')) });
    }
    return { holdings: out };
  }

  // ---- errors, next to their field, in the language they were asked in -------------------------------------
  const fieldOfKey = (key) =>
    key === 'scenario.name' ? 'sc-name' : key === 'scenario.horizon' ? 'sc-horizon' : 'shocks';
  function showError(where, message, locale) {
    state.errors[where] = message ? { message, locale } : null;
    drawErrors();
  }
  function drawErrors() {
    for (const where of ['sc-name', 'sc-horizon', 'shocks', 'sc-holdings']) {
      const e = state.errors[where];
      const target = where === 'shocks' ? f.shocks : f[where];
      target.error.hidden = !e;
      target.error.textContent = e ? e.message : '';
      if (e?.locale) target.error.lang = e.locale;
      else target.error.removeAttribute('lang');
      if (target.control) target.control.setAttribute('aria-invalid', e ? 'true' : 'false');
    }
    // A shock refusal names its indicator: the row that holds it is marked invalid too.
    const shockError = state.errors.shocks?.message || '';
    for (const row of f.shocks.list.children) {
      const id = row.querySelector('.sc-indicator').value;
      const i = indicator(id);
      const hit = !!shockError && !!i && (shockError.includes(i.nameKo) || shockError.includes(i.nameEn));
      row.querySelector('.sc-move').setAttribute('aria-invalid', hit ? 'true' : 'false');
      row.querySelector('.sc-move').setAttribute('aria-describedby', 'sc-shocks-error');
    }
  }
  const clearSpecErrors = () => {
    state.errors['sc-name'] = state.errors['sc-horizon'] = state.errors.shocks = null;
    drawErrors();
  };
  const report = (err) => showError(fieldOfKey(err.key || ''), err.message, err.locale);

  // ---- preview ---------------------------------------------------------------------------------------------
  function schedulePreview() {
    clearTimeout(timer);
    timer = setTimeout(() => void preview(), DEBOUNCE_MS);
  }
  async function preview() {
    const spec = readSpec(true);
    const seq = ++previewSeq;
    if (spec.shocks.length === 0 || spec.shocks.some((s) => !Number.isFinite(s.move))) {
      state.preview = null;
      clearSpecErrors();
      drawPreview();
      return;
    }
    $('sc-preview').dataset.state = 'busy';
    try {
      const body = await call('/api/scenarios/preview', {
        method: 'POST',
        body: JSON.stringify({ spec, locale: lang(), holdings: [] }),
      });
      if (seq !== previewSeq) return;
      state.preview = body.result;
      clearSpecErrors();
    } catch (err) {
      if (seq !== previewSeq) return;
      state.preview = null;
      report(err);
    }
    drawPreview();
  }

  function drawPreview() {
    const box = $('sc-preview');
    box.dataset.state = state.preview ? 'done' : 'empty';
    const r = state.preview;
    if (!r) return void box.replaceChildren(el('p', { className: 'muted', textContent: t('scPreviewEmpty') }));
    const rows = r.effects
      .filter((e) => !e.shocked)
      .map((e) =>
        el(
          'tr',
          { dataset: { id: e.indicatorId } },
          el('th', { scope: 'row', textContent: nameOf(e.indicatorId) }),
          el('td', { className: 'sc-median', textContent: signed(e.median, e.unit) }),
          el('td', { textContent: `${signed(e.low, e.unit)} ~ ${signed(e.high, e.unit)}` }),
          el('td', {
            className: 'muted',
            textContent: `${signed(e.uncond.median, e.unit)} (${signed(e.uncond.low, e.unit)} ~ ${signed(e.uncond.high, e.unit)})`,
          }),
        ),
      );
    const head = el(
      'tr',
      {},
      ...['scColIndicator', 'scColMedian', 'scColBand', 'scColUncond'].map((k) =>
        el('th', { scope: 'col', textContent: t(k) }),
      ),
    );
    box.replaceChildren(
      el(
        'table',
        { className: 'numbers' },
        el('caption', { textContent: t('scPreviewCaption', { h: r.horizonMonths, date: monthOf(r.asOf) }) }),
        el('thead', {}, head),
        el('tbody', {}, ...rows),
      ),
    );
  }

  // ---- saved scenarios, save, versions, diff ---------------------------------------------------------------
  async function loadSaved() {
    try {
      state.saved = (await call('/api/scenarios')).scenarios;
    } catch (err) {
      state.message = err.message;
    }
    drawSaved();
  }
  function drawSaved() {
    const sel = $('sc-saved');
    sel.replaceChildren(
      new Option(t('scNew'), ''),
      ...state.saved.map((s) => new Option(`${s.spec.name} (v${s.version})`, s.id)),
    );
    sel.value = state.current?.id ?? '';
  }

  function fill(spec) {
    $('sc-name').value = spec.name;
    $('sc-horizon').value = String(spec.horizonMonths);
    f.shocks.list.replaceChildren(...spec.shocks.map((s) => shockRow(s)));
    drawShocks();
  }

  async function choose(id) {
    state.current = state.saved.find((s) => s.id === id) ?? null;
    state.run = null;
    state.versions = [];
    if (state.current) {
      fill(state.current.spec);
      await loadVersions();
    }
    drawAll();
    schedulePreview();
  }

  async function loadVersions() {
    state.versions = (await call(`/api/scenarios/${encodeURIComponent(state.current.id)}/versions`)).versions;
  }

  async function doSave() {
    const spec = readSpec(false);
    const path = state.current ? `/api/scenarios/${encodeURIComponent(state.current.id)}` : '/api/scenarios';
    try {
      const body = await call(path, {
        method: state.current ? 'PUT' : 'POST',
        body: JSON.stringify({ spec, locale: lang() }),
      });
      clearSpecErrors();
      state.current = body.scenario;
      state.message = t('scSavedMsg', { v: body.scenario.version });
      await loadSaved();
      await loadVersions();
    } catch (err) {
      report(err);
      state.message = '';
    }
    drawAll();
  }

  function drawVersions() {
    $('sc-versions').replaceChildren(
      ...state.versions.map((v) =>
        el('li', {
          textContent: `${t('scVersionItem', { v: v.version, date: String(v.createdAt).slice(0, 10) })} · ${v.spec.name}`,
        }),
      ),
    );
    const pick = state.versions.length >= 2;
    for (const [id, fallback] of [
      ['sc-diff-a', state.versions.length - 2],
      ['sc-diff-b', state.versions.length - 1],
    ]) {
      const sel = $(id);
      // A new version resets the pair to the latest two; a redraw (language) keeps the user's choice.
      const chosen = sel.options.length === state.versions.length ? sel.value : '';
      sel.replaceChildren(...state.versions.map((v) => new Option(`v${v.version}`, String(v.version))));
      sel.value = state.versions.some((v) => String(v.version) === chosen)
        ? chosen
        : String(state.versions[fallback]?.version ?? '');
      sel.closest('.sc-field').hidden = !pick;
    }
    drawDiff();
  }

  function drawDiff() {
    const a = state.versions.find((v) => String(v.version) === $('sc-diff-a').value)?.spec;
    const b = state.versions.find((v) => String(v.version) === $('sc-diff-b').value)?.spec;
    const out = [];
    if (a && b && state.versions.length >= 2) {
      if (a.name !== b.name) out.push(t('scDiffName', { a: a.name, b: b.name }));
      if (a.horizonMonths !== b.horizonMonths) out.push(t('scDiffHorizon', { a: a.horizonMonths, b: b.horizonMonths }));
      const before = new Map(a.shocks.map((s) => [s.indicatorId, s]));
      const after = new Map(b.shocks.map((s) => [s.indicatorId, s]));
      for (const [id, s] of after) {
        const old = before.get(id);
        if (!old) out.push(t('scDiffAdded', { name: nameOf(id), move: signed(s.move, s.unit) }));
        else if (old.move !== s.move)
          out.push(t('scDiffChanged', { name: nameOf(id), a: signed(old.move, old.unit), b: signed(s.move, s.unit) }));
      }
      for (const [id, s] of before)
        if (!after.has(id)) out.push(t('scDiffRemoved', { name: nameOf(id), move: signed(s.move, s.unit) }));
      if (out.length === 0) out.push(t('scDiffNone'));
    }
    $('sc-diff').replaceChildren(...out.map((line) => el('li', { textContent: line })));
  }

  // ---- run on stated holdings --------------------------------------------------------------------------------
  const readEvents = (body) => globalThis.RX_SSE.read(body);

  /** The run's numbers and chart arrive first; its explanation streams in after them, as on the forecasts. */
  async function doRun() {
    if (!state.current) return void ((state.message = t('scRunNeedsSave')), drawAll());
    const read = readHoldings();
    if (read.bad) return showError('sc-holdings', t('scHoldingsBad', { line: read.bad }));
    showError('sc-holdings', null);
    try {
      const locale = lang();
      const res = await globalThis.RX_API(`/api/scenarios/${encodeURIComponent(state.current.id)}/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ holdings: read.holdings, locale }),
      });
      if (!res.ok || !(res.headers.get('content-type') || '').includes('text/event-stream')) {
        const body = await res.json().catch(() => null);
        const err = new Error(body?.error?.message || t('scError', { status: res.status }));
        throw err;
      }
      state.message = '';
      for await (const { event, data } of readEvents(res.body)) {
        if (event === 'result') {
          state.run = { result: data.result, text: '', locale };
          drawAll();
        } else if (event === 'delta' && state.run) {
          state.run.text += data.text;
          drawRun();
        } else if (event === 'done' && state.run) state.run.text = data.text;
      }
    } catch (err) {
      showError('sc-holdings', err.message, err.locale);
    }
    drawAll();
  }

  function drawRun() {
    const box = $('sc-run-result');
    const r = state.run?.result;
    if (!r?.pnl) return void box.replaceChildren();
    const rows = r.pnl.holdings.map((h) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row', textContent: h.symbol }),
        el('td', { textContent: fmt(h.valueWon, 0) }),
        el('td', { textContent: signed(h.movePct, '%') }),
        el('td', { className: 'sc-pnl', textContent: `${won(h.pnlWon)} (${won(h.lowWon)} ~ ${won(h.highWon)})` }),
      ),
    );
    const total = el(
      'tr',
      {},
      el('th', { scope: 'row', textContent: t('scTotal') }),
      el('td'),
      el('td', { textContent: signed(r.pnl.totalPct, '%') }),
      el('td', { id: 'sc-total', textContent: won(r.pnl.totalWon) }),
    );
    // The portfolio's 80% band, from the holdings simulated jointly (not the sum of their bands).
    const band = r.pnl.band
      ? el(
          'tr',
          {},
          el('th', { scope: 'row', textContent: t('scBand') }),
          el('td'),
          el('td'),
          el('td', { id: 'sc-band', textContent: `${won(r.pnl.band.lowWon)} ~ ${won(r.pnl.band.highWon)}` }),
        )
      : null;
    const head = el(
      'tr',
      {},
      ...['scColHolding', 'scColValue', 'scColMove', 'scColPnl'].map((k) =>
        el('th', { scope: 'col', textContent: t(k) }),
      ),
    );
    box.replaceChildren(
      el(
        'table',
        { className: 'numbers' },
        el('caption', { textContent: t('scPnl', { v: r.version }) }),
        el('thead', {}, head),
        el('tbody', {}, ...rows, total, band),
      ),
      el('p', { className: 'sc-explain', textContent: state.run.text, lang: state.run.locale }),
    );
  }

  // ---- drawing -----------------------------------------------------------------------------------------------
  function drawShocks() {
    [...f.shocks.list.children].forEach((row, i) => {
      const select = row.querySelector('.sc-indicator');
      const id = select.dataset.value;
      select.replaceChildren(
        ...state.indicators.map((ind) => new Option(lang() === 'ko' ? ind.nameKo : ind.nameEn, ind.id)),
      );
      select.value = id;
      const unit = unitOf(id);
      row.querySelector('label[for^="sc-ind-"]').textContent = t('scShockIndicator', { n: i + 1 });
      row.querySelector('label[for^="sc-move-"]').textContent = t('scShockMove', { n: i + 1, unit });
      row.querySelector('.sc-unit').textContent = unit;
      row.querySelector('.sc-remove').setAttribute('aria-label', t('scRemove', { n: i + 1 }));
    });
  }

  function drawAll() {
    for (const node of card.querySelectorAll('[data-sc]')) node.textContent = t(node.dataset.sc);
    $('sc-message').textContent = state.message;
    drawSaved();
    drawShocks();
    drawErrors();
    drawPreview();
    drawVersions();
    drawRun();
  }

  async function startEditor() {
    if (card.childElementCount === 0) build();
    try {
      state.indicators = (await call('/api/scenarios/indicators')).indicators;
    } catch (err) {
      state.message = err.message;
    }
    drawAll();
    await loadSaved();
    schedulePreview();
    card.dataset.ready = 'true';
  }

  // The editor is for signed-in users: it shows with the history card, and rewords itself when the language changes.
  const history = document.getElementById('history-card');
  let started = false;
  const sync = () => {
    card.hidden = history.hidden;
    if (!history.hidden && !started && globalThis.RX_API && globalThis.RX_SIGNED_IN) {
      started = true;
      void startEditor();
    }
  };
  new MutationObserver(sync).observe(history, { attributes: true, attributeFilter: ['hidden'] });
  document.addEventListener('rx-signed-in', sync);
  new MutationObserver(() => {
    if (card.childElementCount > 0) {
      drawAll();
      schedulePreview();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  sync();
})();
