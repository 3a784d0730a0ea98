// The operator console: no build step, like app.js. Every decision is the server's; this only draws its answers.
const $ = (id) => document.getElementById(id);
let token;

async function refresh() {
  const r = await fetch('/auth/refresh', { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
  if (!r.ok) return false;
  token = (await r.json()).accessToken;
  return true;
}

async function api(path, init = {}) {
  const headers = { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) };
  const r = await fetch(path, { ...init, headers });
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok)
    throw Object.assign(new Error(body?.error?.message ?? `HTTP ${r.status}`), {
      status: r.status,
      reason: body?.error?.reason,
    });
  return body;
}

const cell = (tr, text) => {
  const td = document.createElement('td');
  td.textContent = text ?? '—';
  tr.append(td);
  return td;
};
const row = (tbody, values) => {
  const tr = document.createElement('tr');
  values.forEach((v) => cell(tr, v));
  tbody.append(tr);
  return tr;
};
const show = (id, on = true) => {
  $(id).hidden = !on;
};

async function loadConsole(me) {
  await api('/admin/api/console-cookie', { method: 'POST' });
  show('console');
  const data = await api('/admin/api/data');
  const dataBody = $('data').tBodies[0];
  dataBody.replaceChildren();
  for (const i of data.indicators) {
    const tr = row(dataBody, [i.id, i.lastDate, i.source, i.lastSuccessAt, i.lastError]);
    const b = document.createElement('button');
    b.textContent = '새로고침 · Refresh';
    b.disabled = !data.refreshAvailable;
    b.addEventListener('click', async () => {
      try {
        await api(`/admin/api/data/${encodeURIComponent(i.id)}/refresh`, { method: 'POST' });
        b.textContent = '요청됨 · Queued';
      } catch (e) {
        b.textContent = e.message;
      }
    });
    cell(tr, '').append(b);
  }
  const llm = await api('/admin/api/llm-usage');
  const llmBody = $('llm').tBodies[0];
  llmBody.replaceChildren();
  for (const d of llm.days)
    row(llmBody, [
      d.day,
      d.feature,
      d.model,
      String(d.calls),
      String(d.errors),
      String(d.avgLatencyMs),
      String(d.tokensIn),
      String(d.tokensOut),
      d.costUsd.toFixed(4),
    ]);
  const events = await api('/admin/api/events');
  $('events').replaceChildren(
    ...events.events.map((e) =>
      Object.assign(document.createElement('li'), { textContent: `${e.date} ${e.indicatorId} ${e.kind ?? ''}` }),
    ),
  );
  if (me.role === 'admin') {
    show('admin-only');
    await loadAdmin();
  }
}

async function loadAdmin() {
  const users = await api('/admin/api/users');
  $('roles').replaceChildren(
    ...users.roles.map((r) =>
      Object.assign(document.createElement('li'), {
        textContent: `${r.userId}: ${r.role}${r.bootstrap ? ' (ADMIN_KAKAO_IDS)' : ''}`,
      }),
    ),
  );
  await loadAudit();
}

async function loadAudit() {
  const user = $('audit-user').value.trim();
  const audit = await api(`/admin/api/audit?limit=100${user ? `&userId=${encodeURIComponent(user)}` : ''}`);
  const body = $('audit').tBodies[0];
  body.replaceChildren();
  for (const e of audit.entries) row(body, [e.at, e.type, e.actorId, e.targetId, e.ip]).dataset.type = e.type;
}

async function showUser(id) {
  const u = await api(`/admin/api/users/${encodeURIComponent(id)}`);
  const out = $('user-out');
  out.replaceChildren(
    Object.assign(document.createElement('p'), {
      textContent: `${id} · ${u.role} · ${u.subscriptions.length} subscriptions`,
    }),
  );
  for (const s of u.sessions) {
    const p = document.createElement('p');
    p.textContent = `${s.sessionId} ${s.createdAt} ${s.ip ?? ''} ${s.active ? 'active' : 'ended'} `;
    if (s.active) {
      const b = Object.assign(document.createElement('button'), { textContent: '세션 종료 · Revoke' });
      b.dataset.session = s.sessionId;
      b.addEventListener('click', async () => {
        await api(`/admin/api/sessions/${encodeURIComponent(s.sessionId)}/revoke`, { method: 'POST' });
        await showUser(id);
        await loadAudit();
      });
      p.append(b);
    }
    out.append(p);
  }
}

// Every signed-in user sees and ends their own sessions here, operator or not.
async function loadMySessions() {
  const mine = await api('/account/api/sessions');
  $('my-list').replaceChildren(
    ...mine.sessions
      .filter((x) => x.active)
      .map((x) => {
        const li = document.createElement('li');
        li.textContent = `${x.createdAt} ${x.ip ?? ''} ${x.userAgent ?? ''}${x.current ? ' (이 브라우저 · this browser)' : ''} `;
        if (!x.current) {
          const b = Object.assign(document.createElement('button'), { textContent: '종료 · End' });
          b.addEventListener('click', async () => {
            await api(`/account/api/sessions/${encodeURIComponent(x.sessionId)}/revoke`, { method: 'POST' });
            await loadMySessions();
          });
          li.append(b);
        }
        return li;
      }),
  );
  show('my-sessions');
}

async function start() {
  if (!(await refresh())) {
    $('status').textContent = '로그인이 필요해요 · Please log in';
    show('login');
    return;
  }
  await loadMySessions().catch(() => undefined);
  let me;
  try {
    me = await api('/admin/api/me');
  } catch (e) {
    $('status').textContent = e.status === 403 ? '운영자 권한이 없어요 · You have no operator role' : e.message;
    return;
  }
  $('status').textContent = `${me.userId} · ${me.role}`;
  $('status').dataset.role = me.role;
  if (!me.mfaEnrolled) {
    show('enroll');
    show('mfa');
    return;
  }
  if (!me.mfaAt) {
    show('mfa');
    return;
  }
  await loadConsole(me);
}

$('enroll-start').addEventListener('click', async () => {
  const e = await api('/admin/api/mfa/enroll', { method: 'POST' });
  $('qr').src = e.qrPng;
  $('secret').textContent = e.secret;
  $('recovery').replaceChildren(
    ...e.recoveryCodes.map((c) => Object.assign(document.createElement('li'), { textContent: c })),
  );
  show('enroll-out');
});
$('mfa-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api('/admin/api/mfa/verify', { method: 'POST', body: JSON.stringify({ code: $('mfa-code').value.trim() }) });
    $('mfa-error').textContent = '';
    show('mfa', false);
    show('enroll', false);
    const me = await api('/admin/api/me');
    $('status').textContent = `${me.userId} · ${me.role} · 2FA ✓`;
    await loadConsole(me);
  } catch (e) {
    $('mfa-error').textContent =
      e.status === 429
        ? '너무 많이 틀렸어요. 잠시 후 다시 · Locked for a while'
        : '코드가 맞지 않아요 · That code is not valid';
  }
});
$('role-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api('/admin/api/roles', {
      method: 'POST',
      body: JSON.stringify({ userId: $('role-user').value.trim(), role: $('role-role').value }),
    });
    $('role-result').textContent = '적용됨 · Applied';
    await loadAdmin();
  } catch (e) {
    $('role-result').textContent =
      e.reason === 'mfa-stale' ? '새 인증 코드가 필요해요 · Enter a fresh code first' : e.message;
    if (e.reason === 'mfa-stale') show('mfa');
  }
});
// Broadcast: the server hashes what the preview showed; send repeats that hash, so only a previewed notice goes out.
let bcPending;
const bcBody = () => {
  const t = $('bc-target').value;
  const target =
    t === 'indicator'
      ? { kind: 'indicator', indicatorId: $('bc-indicator').value.trim() }
      : { kind: 'platform', platform: t.split(':')[1] };
  return { target, text: $('bc-text').value };
};
const bcError = (e) => {
  $('bc-result').textContent =
    e.reason === 'mfa-stale' ? '새 인증 코드가 필요해요 · Enter a fresh code first' : e.message;
  if (e.reason === 'mfa-stale') show('mfa');
};
$('bc-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  show('bc-send', false);
  try {
    const body = bcBody();
    const p = await api('/admin/api/broadcast/preview', { method: 'POST', body: JSON.stringify(body) });
    bcPending = { ...body, confirm: p.confirm };
    const c = p.counts;
    $('bc-preview').textContent =
      `Telegram ${c.telegram} · Discord ${c.discord} · Kakao ${c.kakao} (${p.total})\n\n${p.texts.ko}\n\n${p.texts.en}`;
    $('bc-result').textContent = '';
    show('bc-send', p.total > 0);
  } catch (e) {
    bcError(e);
  }
});
$('bc-send').addEventListener('click', async () => {
  try {
    const r = await api('/admin/api/broadcast', { method: 'POST', body: JSON.stringify(bcPending) });
    $('bc-result').textContent = `대기열에 넣음 · Queued ${r.queued}`;
    show('bc-send', false);
  } catch (e) {
    bcError(e);
  }
});
$('user-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void showUser($('user-id').value.trim());
});
$('audit-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void loadAudit();
});
$('signout').addEventListener('click', async () => {
  // Ending the session through the console API puts the sign-out in the audit log; /auth/logout clears the cookies.
  const mine = await api('/account/api/sessions').catch(() => ({ sessions: [] }));
  const current = mine.sessions.find((x) => x.current);
  if (current)
    await api(`/account/api/sessions/${encodeURIComponent(current.sessionId)}/revoke`, { method: 'POST' }).catch(
      () => undefined,
    );
  await fetch('/auth/logout', { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
  location.reload();
});
void start();
