'use strict';
// The portfolio-risk panel: holdings stated as text go to POST /api/risk through the page's signed-in `api`
// (app.js exposes it as RX_API), and the answer text, the only thing shown, comes back in the page's language.
(() => {
  const TEXT = {
    ko: {
      title: '포트폴리오 위험',
      label: '보유 비중',
      placeholder: '예: 삼성전자 50%, 코스피 30%, 달러 20%',
      run: '위험 계산',
      report: '보고서 보기',
      busy: '계산 중…',
      failed: '계산하지 못했어요. 잠시 뒤 다시 시도해 주세요.',
    },
    en: {
      title: 'Portfolio risk',
      label: 'Holdings',
      placeholder: 'e.g. Samsung 50%, KOSPI 30%, dollar 20%',
      run: 'Compute risk',
      report: 'Open the report',
      busy: 'Computing…',
      failed: 'Could not compute it. Try again shortly.',
    },
  };
  const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ko');
  const t = (k) => TEXT[lang()][k];

  function build() {
    const section = document.createElement('section');
    section.id = 'risk-card';
    section.className = 'card';
    section.hidden = true;
    section.setAttribute('aria-labelledby', 'risk-title');
    section.innerHTML =
      '<h2 id="risk-title"></h2><form id="risk-form" autocomplete="off"><label class="field"><span id="risk-label"></span>' +
      '<input id="risk-holdings" name="holdings" maxlength="300" required></label>' +
      '<button id="risk-run" class="secondary" type="submit"></button></form>' +
      '<p id="risk-status" role="status"></p><p id="risk-text" class="answer-text" hidden></p><a id="risk-report" hidden target="_blank" rel="noopener"></a>';
    return section;
  }

  function label(section) {
    section.querySelector('#risk-title').textContent = t('title');
    section.querySelector('#risk-label').textContent = t('label');
    section.querySelector('#risk-holdings').placeholder = t('placeholder');
    section.querySelector('#risk-run').textContent = t('run');
    section.querySelector('#risk-report').textContent = t('report');
  }

  async function run(section, ev) {
    ev.preventDefault();
    const status = section.querySelector('#risk-status');
    const text = section.querySelector('#risk-text');
    const report = section.querySelector('#risk-report');
    status.textContent = t('busy');
    text.hidden = true;
    report.hidden = true;
    try {
      const res = await globalThis.RX_API('/api/risk', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ holdings: section.querySelector('#risk-holdings').value, locale: lang() }),
      });
      const body = await res.json().catch(() => null);
      status.textContent = '';
      if (!res.ok) return void (status.textContent = body?.error?.message || t('failed'));
      text.textContent = body.text;
      text.style.whiteSpace = 'pre-line';
      text.hidden = false;
      if (body.reportUrl) {
        report.href = body.reportUrl;
        report.hidden = false;
      }
    } catch {
      status.textContent = t('failed');
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const ask = document.getElementById('ask-card');
    if (!ask || typeof globalThis.RX_API !== 'function') return;
    const section = build();
    ask.after(section);
    label(section);
    // Shown whenever the question card is, i.e. when signed in.
    const sync = () => (section.hidden = ask.hidden);
    new MutationObserver(sync).observe(ask, { attributes: true, attributeFilter: ['hidden'] });
    new MutationObserver(() => label(section)).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
    });
    sync();
    section.querySelector('#risk-form').addEventListener('submit', (ev) => void run(section, ev));
  });
})();
