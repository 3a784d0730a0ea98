// The news panel: a search box over GET /api/news and the stored headlines with outlet, date and link.
// Built from text nodes only (no innerHTML: titles come from feeds); a link is shown only when it is http(s).
'use strict';

(() => {
  const root = document.getElementById('news-panel');
  if (!root) return;
  const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ko');
  const say = (key) => globalThis.RX_TEXT?.[lang()]?.[key] ?? key;
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'i18n') node.dataset.i18n = v;
      else if (k === 'i18nPlaceholder') node.dataset.i18nPlaceholder = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  };
  const safeUrl = (raw) => {
    try {
      const u = new URL(raw);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
    } catch {
      return undefined;
    }
  };

  const title = el('h2', { id: 'news-title', i18n: 'newsTitle' }, say('newsTitle'));
  const input = el('input', {
    id: 'news-q',
    name: 'q',
    type: 'search',
    maxlength: '60',
    i18nPlaceholder: 'newsPlaceholder',
    placeholder: say('newsPlaceholder'),
  });
  const label = el('label', { class: 'field' }, el('span', { i18n: 'newsQuery' }, say('newsQuery')), input);
  const button = el(
    'button',
    { id: 'news-search', class: 'secondary', type: 'submit', i18n: 'newsSearch' },
    say('newsSearch'),
  );
  const form = el('form', { id: 'news-form', role: 'search', autocomplete: 'off' }, label, button);
  const summary = el('p', { id: 'news-summary', class: 'summary' });
  const status = el('p', { id: 'news-status', class: 'muted', role: 'status' });
  const list = el('ol', { id: 'news-list', class: 'news-list' });
  root.append(title, form, status, summary, list);

  async function load(q) {
    status.textContent = '';
    summary.textContent = '';
    list.replaceChildren();
    const params = new URLSearchParams({ limit: '10', locale: lang() });
    if (q) params.set('q', q);
    let body;
    try {
      const res = await fetch(`/api/news?${params}`, { headers: { accept: 'application/json' } });
      body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? say('newsError'));
    } catch (err) {
      status.textContent = err instanceof Error && body?.error?.message ? body.error.message : say('newsError');
      return;
    }
    if (!body.items?.length) {
      status.textContent = say('newsEmpty');
      return;
    }
    summary.textContent = body.summary ?? '';
    for (const item of body.items) {
      const url = safeUrl(item.url);
      const head = url
        ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, String(item.title))
        : el('span', {}, String(item.title));
      const meta = el('span', { class: 'muted small' }, ` ${item.source} · ${String(item.publishedAt).slice(0, 10)}`);
      list.append(el('li', {}, head, meta));
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(input.value.trim());
  });
  void load('');
})();
