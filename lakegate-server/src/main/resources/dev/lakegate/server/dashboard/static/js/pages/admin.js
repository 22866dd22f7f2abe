// Admin: users, groups, endpoint permissions, rate limits, budgets and tokens (admins); "My tokens" for everyone else.
// Every call goes through /ui/api/admin/<rest> = /api/2.0/<rest>; each action reports in a toast.
import { admin as call } from '../api.js';
import { renderTable } from '../table.js';
import { dateTime, label, usd } from '../format.js';

export const title = 'Admin';
export const charts = false;

const SCIM = 'preview/scim/v2/';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function input(testid, attrs = {}) {
  return el('input', { 'data-testid': testid, ...attrs });
}

function select(testid, options) {
  const s = el('select', { 'data-testid': testid });
  for (const o of options) {
    const [value, text] = Array.isArray(o) ? o : [o, o];
    s.append(el('option', { value }, text));
  }
  return s;
}

function field(text, control) {
  const f = el('label', { class: 'field' });
  f.append(el('span', {}, text), control);
  return f;
}

function button(testid, text, cls) {
  return el('button', { type: 'button', 'data-testid': testid, class: cls }, text);
}

export function toast(text, bad = false) {
  const t = el('div', { class: 'toast' + (bad ? ' bad' : ''), 'data-testid': 'toast', role: 'status' }, text);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), 6000);
}

/** Runs an action: toast `done` on success, the API's message on failure; then `after` (a reload). */
async function act(buttonEl, fn, done, after) {
  buttonEl.disabled = true;
  try {
    const result = await fn();
    toast(typeof done === 'function' ? done(result) : done);
    if (after) await after();
    return result;
  } catch (err) {
    toast(err.message, true);
    return undefined;
  } finally {
    buttonEl.disabled = false;
  }
}

/** The confirm dialog (no window.confirm): resolves true on OK. */
function confirmDialog(text) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = text;
  return new Promise((resolve) => {
    const ok = document.getElementById('confirm-ok');
    const cancel = document.getElementById('confirm-cancel');
    const finish = (answer) => {
      ok.removeEventListener('click', onOk);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onOk = () => finish(true);
    const onCancel = (e) => { e.preventDefault(); finish(false); };
    ok.addEventListener('click', onOk);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
  });
}

/** Shows a new token's secret once; closing the dialog removes it from the DOM, and nothing else keeps it. */
function showSecret(created) {
  const dialog = el('dialog', { class: 'modal', 'data-testid': 'token-secret-dialog' });
  dialog.append(el('h2', {}, 'New token'),
    el('p', {}, 'Copy it now: it is shown only this once.'),
    el('div', { class: 'secret', 'data-testid': 'token-secret' }, created.token_value));
  const copy = button('token-secret-copy', 'Copy');
  const close = button('token-secret-close', 'Close', 'primary');
  const actions = el('div', { class: 'actions' });
  actions.append(copy, close);
  dialog.append(actions);
  created.token_value = null; // the dialog's text is the only copy from here on
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(dialog.querySelector('[data-testid=token-secret]').textContent);
      copy.textContent = 'Copied';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(dialog.querySelector('[data-testid=token-secret]'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      copy.textContent = 'Selected: press Ctrl+C';
    }
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    getSelection().removeAllRanges();
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}

function card(testid, heading, note, wide = true) {
  const section = el('section', { class: 'card' + (wide ? ' wide' : ''), 'data-testid': testid });
  const head = el('header', { class: 'card-head' });
  head.append(el('h2', {}, heading));
  section.append(head);
  if (note) section.append(el('p', { class: 'section-note' }, note));
  return section;
}

function rowForm(...fields) {
  const row = el('div', { class: 'form-row' });
  row.append(...fields);
  return row;
}

const cols = (...names) => names.map((n) => (Array.isArray(n) ? { name: n[0], label: n[1], type: n[2] } : { name: n, label: label(n) }));
const daysToSeconds = (d) => Math.round(d * 86400);

// ---------- tokens ----------

function tokensSection(ctx, model) {
  const admin = ctx.user.admin;
  const section = card('admin-tokens', admin ? 'Tokens' : 'My tokens',
    admin ? 'Personal access tokens of every principal. Create one on behalf of a user; its secret is shown once.' : 'Your personal access tokens. A new token\'s secret is shown once.');
  const comment = input('token-comment', { placeholder: 'laptop', maxlength: '200' });
  const lifetime = input('token-lifetime-days', { type: 'number', min: '1', step: '1', value: '90' });
  const create = button('token-create', 'Create token', 'primary');
  const fields = [];
  let userSelect = null;
  if (admin) {
    userSelect = select('token-user', model.users.map((u) => u.userName).filter(Boolean));
    userSelect.value = ctx.user.name;
    fields.push(field('User', userSelect));
  }
  fields.push(field('Comment', comment), field('Lifetime (days)', lifetime), create);
  section.append(rowForm(...fields));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);

  const load = async () => {
    const answer = await call('GET', admin ? 'token-management/tokens' : 'token/list');
    const infos = (answer && answer.token_infos) || [];
    const columns = cols(...(admin ? ['owner'] : []), 'comment', ['creation_time', 'Created'], ['expiry_time', 'Expires'], ['last_used_time', 'Last used'], ['state', 'State']);
    const when = (ms) => (ms > 0 ? dateTime(ms) : ms === -1 ? 'never' : '–');
    const rows = infos.map((t) => [...(admin ? [t.owner || t.created_by_username] : []), t.comment || '', t.creation_time, t.expiry_time, t.last_used_time,
      t.revoked ? 'revoked' : t.expiry_time > 0 && t.expiry_time < Date.now() ? 'expired' : 'active', t]);
    list.replaceChildren(renderTable(columns, rows, {
      id: 'admin-tokens',
      format: (name, v) => (name.endsWith('_time') ? when(v) : v ?? '–'),
      rowAttrs: (r) => ({ 'data-token-id': r[r.length - 1].token_id }),
      actions: (r) => {
        const t = r[r.length - 1];
        if (t.revoked) return [];
        const revoke = button('token-revoke', 'Revoke', 'small');
        revoke.addEventListener('click', async () => {
          if (!(await confirmDialog(`Revoke the token "${t.comment || t.token_id}"${admin ? ' of ' + (t.owner || '') : ''}? Anything using it stops working.`))) return;
          await act(revoke, () => (admin ? call('DELETE', 'token-management/tokens/' + encodeURIComponent(t.token_id))
            : call('POST', 'token/delete', { token_id: t.token_id })), 'Token revoked', load);
        });
        return [revoke];
      },
    }));
  };

  create.addEventListener('click', async () => {
    const body = { comment: comment.value.trim() || undefined };
    const d = Number(lifetime.value);
    if (lifetime.value && !(d > 0)) { toast('Lifetime must be a positive number of days', true); return; }
    if (d > 0) body.lifetime_seconds = daysToSeconds(d);
    if (admin) body.user_name = userSelect.value;
    const created = await act(create, () => call('POST', admin ? 'token-management/on-behalf-of/tokens' : 'token/create', body),
      admin ? `Token created for ${body.user_name}` : 'Token created', load);
    if (created && created.token_value) {
      comment.value = '';
      showSecret(created);
    }
  });
  return { section, load };
}

// ---------- users ----------

function usersSection(ctx, model, reloadAll) {
  const section = card('admin-users', 'Users', 'Deactivating a user ends their sessions and refuses their tokens.', false);
  const name = input('user-create-name', { placeholder: 'alice@example.com' });
  const create = button('user-create', 'Create user', 'primary');
  section.append(rowForm(field('User name', name), create));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);
  create.addEventListener('click', () => {
    if (!name.value.trim()) { toast('Enter a user name', true); return; }
    act(create, () => call('POST', SCIM + 'Users', { userName: name.value.trim() }), `User ${name.value.trim()} created`,
      async () => { name.value = ''; await reloadAll(); });
  });
  const draw = () => {
    const rows = model.users.map((u) => [u.userName, u.admin ? 'admin' : 'user', u.active ? 'active' : 'inactive', u]);
    list.replaceChildren(renderTable(cols(['userName', 'Name'], 'role', 'status'), rows, {
      id: 'admin-users',
      format: (n, v) => v,
      rowAttrs: (r) => ({ 'data-user': r[0] }),
      actions: (r) => {
        const u = r[3];
        if (!u.active || u.userName === ctx.user.name) return [];
        const b = button('user-deactivate', 'Deactivate', 'small');
        b.addEventListener('click', async () => {
          if (!(await confirmDialog(`Deactivate ${u.userName}? Their tokens stop working at once.`))) return;
          await act(b, () => call('DELETE', SCIM + 'Users/' + encodeURIComponent(u.id)), `${u.userName} deactivated`, reloadAll);
        });
        return [b];
      },
    }));
  };
  return { section, draw };
}

// ---------- groups ----------

function groupsSection(model, reloadAll) {
  const section = card('admin-groups', 'Groups', 'Groups share permissions, rate limits and budgets.', false);
  const name = input('group-create-name', { placeholder: 'platform' });
  const create = button('group-create', 'Create group', 'primary');
  section.append(rowForm(field('Group name', name), create));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);
  create.addEventListener('click', () => {
    if (!name.value.trim()) { toast('Enter a group name', true); return; }
    act(create, () => call('POST', SCIM + 'Groups', { displayName: name.value.trim() }), `Group ${name.value.trim()} created`,
      async () => { name.value = ''; await reloadAll(); });
  });
  const draw = () => {
    const rows = model.groups.map((g) => [g.displayName, (g.members || []).map((m) => m.display || m.value).join(', '), g]);
    list.replaceChildren(renderTable(cols(['displayName', 'Group'], 'members'), rows, {
      id: 'admin-groups',
      format: (n, v) => v || '–',
      rowAttrs: (r) => ({ 'data-group': r[0] }),
      actions: (r) => {
        const g = r[2];
        const member = input('group-member-name', { placeholder: 'user name', list: 'admin-user-names', size: '14' });
        const add = button('group-member-add', 'Add', 'small');
        add.addEventListener('click', () => {
          const wanted = member.value.trim();
          const who = model.users.find((u) => u.userName === wanted) || model.principals.find((p) => p.applicationId === wanted || p.displayName === wanted);
          if (!who) { toast(`No user named '${wanted}'`, true); return; }
          act(add, () => call('PATCH', SCIM + 'Groups/' + encodeURIComponent(g.id),
            { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: who.id }] }] }),
          `${wanted} added to ${g.displayName}`, reloadAll);
        });
        return [member, add];
      },
    }));
  };
  return { section, draw };
}

/** user_name / group_name / service_principal_name by what the name is known as. */
function grantee(model, name) {
  if (model.groups.some((g) => g.displayName === name)) return { group_name: name };
  if (model.principals.some((p) => p.applicationId === name)) return { service_principal_name: name };
  return { user_name: name };
}

// ---------- permissions ----------

function permissionsSection(model) {
  const section = card('admin-permissions', 'Endpoint permissions', 'Grant CAN_QUERY (use the endpoint) or CAN_MANAGE (also manage its permissions) to a user, group or service principal.', false);
  const endpoint = select('perm-endpoint', model.endpoints);
  const principal = input('perm-principal', { placeholder: 'user or group', list: 'admin-principal-names' });
  const level = select('perm-level', ['CAN_QUERY', 'CAN_MANAGE']);
  const grant = button('perm-grant', 'Grant', 'primary');
  section.append(rowForm(field('Endpoint', endpoint), field('Principal', principal), field('Level', level), grant));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);
  const load = async () => {
    if (!endpoint.value) { list.replaceChildren(el('p', { class: 'section-note' }, 'No serving endpoints.')); return; }
    const acl = await call('GET', 'permissions/serving-endpoints/' + encodeURIComponent(endpoint.value));
    const rows = ((acl && acl.access_control_list) || []).map((e) => [
      e.user_name || e.group_name || e.service_principal_name, e.user_name ? 'user' : e.group_name ? 'group' : 'service principal',
      (e.all_permissions || []).map((p) => p.permission_level + (p.inherited ? ' (inherited)' : '')).join(', ')]);
    list.replaceChildren(renderTable(cols('principal', 'kind', 'permissions'), rows, { id: 'admin-permissions', format: (n, v) => v || '–' }));
  };
  endpoint.addEventListener('change', () => load().catch((e) => toast(e.message, true)));
  grant.addEventListener('click', () => {
    const name = principal.value.trim();
    if (!name) { toast('Enter a principal', true); return; }
    act(grant, () => call('PATCH', 'permissions/serving-endpoints/' + encodeURIComponent(endpoint.value),
      { access_control_list: [{ ...grantee(model, name), permission_level: level.value }] }),
    `${level.value} on ${endpoint.value} granted to ${name}`, load);
  });
  return { section, load };
}

// ---------- rate limits ----------

function limitsSection(model) {
  const section = card('admin-limits', 'Rate limits', 'Per minute: calls (QPM) and tokens (TPM). Leave both empty to remove a limit. Other ai-gateway settings are kept as they are.', false);
  const endpoint = select('limit-endpoint', model.endpoints);
  const key = select('limit-key', ['user', 'user_group', 'service_principal', 'endpoint']);
  const principal = input('limit-principal', { placeholder: 'empty = default', list: 'admin-principal-names', size: '14' });
  const calls = input('limit-calls', { type: 'number', min: '0', step: '1', size: '8' });
  const tokens = input('limit-tokens', { type: 'number', min: '0', step: '1', size: '10' });
  const save = button('limit-save', 'Save', 'primary');
  section.append(rowForm(field('Endpoint', endpoint), field('Key', key), field('Principal', principal), field('Calls/min', calls), field('Tokens/min', tokens), save));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);
  const path = () => 'serving-endpoints/' + encodeURIComponent(endpoint.value) + '/ai-gateway';
  const load = async () => {
    if (!endpoint.value) { list.replaceChildren(el('p', { class: 'section-note' }, 'No serving endpoints.')); return; }
    const gw = await call('GET', path());
    const rows = ((gw && gw.rate_limits) || []).map((l) => [l.key, l.principal || (l.key === 'user' ? '(default)' : '–'), l.calls ?? null, l.tokens ?? null]);
    list.replaceChildren(renderTable(cols('key', 'principal', ['calls', 'Calls/min', 'LONG'], ['tokens', 'Tokens/min', 'LONG']), rows, { id: 'admin-limits' }));
  };
  endpoint.addEventListener('change', () => load().catch((e) => toast(e.message, true)));
  save.addEventListener('click', () => act(save, async () => {
    const gw = (await call('GET', path())) || {}; // re-read just before: the PUT replaces all four parts
    const who = key.value === 'endpoint' ? undefined : principal.value.trim() || undefined;
    const same = (l) => l.key === key.value && (l.principal || undefined) === who;
    const limits = (gw.rate_limits || []).filter((l) => !same(l));
    const entry = { key: key.value, renewal_period: 'minute' };
    if (who) entry.principal = who;
    if (calls.value !== '') entry.calls = Number(calls.value);
    if (tokens.value !== '') entry.tokens = Number(tokens.value);
    if (entry.calls !== undefined || entry.tokens !== undefined) limits.push(entry);
    const { source, ...settings } = gw; // source is the GET's answer only: a PUT refuses fields it does not take
    return call('PUT', path(), { ...settings, rate_limits: limits });
  }, `Rate limits of ${endpoint.value} saved`, load));
  return { section, load };
}

// ---------- budgets ----------

function budgetsSection(model) {
  const section = card('admin-budgets', 'Budgets', 'Spend limits in USD per day or month; requests over the limit are refused with 403 BUDGET_EXCEEDED.');
  const name = input('budget-name', { placeholder: 'team-eng-daily' });
  const scope = select('budget-scope', [['USER', 'user'], ['GROUP', 'group'], ['SERVICE_PRINCIPAL', 'service principal'], ['ENDPOINT', 'endpoint']]);
  const subject = input('budget-subject', { placeholder: 'alice', list: 'admin-principal-names' });
  const period = select('budget-period', [['DAY', 'day'], ['MONTH', 'month']]);
  const limit = input('budget-limit-usd', { type: 'number', min: '0', step: '0.01', size: '8' });
  const create = button('budget-create', 'Create budget', 'primary');
  section.append(rowForm(field('Name', name), field('Scope', scope), field('Subject', subject), field('Period', period), field('Limit (USD)', limit), create));
  const list = el('div', { class: 'table-wrap' });
  section.append(list);
  const load = async () => {
    const answer = await call('GET', 'budgets');
    const rows = ((answer && answer.budgets) || []).map((b) => {
      const w = b.current_window || {};
      return [b.name, b.scope, b.subject, b.period, b.limit_usd, w.spent_usd ?? null, w.reserved_usd ?? null, w.resets_at || null];
    });
    list.replaceChildren(renderTable(cols('name', 'scope', 'subject', 'period', ['limit_usd', 'Limit', 'DOUBLE'], ['spent_usd', 'Spent', 'DOUBLE'],
      ['reserved_usd', 'Held', 'DOUBLE'], ['resets_at', 'Resets', 'TIMESTAMP']), rows, {
      id: 'admin-budgets',
      format: (n, v) => (n.endsWith('_usd') ? usd(v) : n === 'resets_at' ? (v ? dateTime(v) : '–') : v ?? '–'),
      rowAttrs: (r) => ({ 'data-budget': r[0] }),
      actions: (r) => {
        const del = button('budget-delete', 'Delete', 'small');
        del.addEventListener('click', async () => {
          if (!(await confirmDialog(`Delete the budget ${r[0]}? Its subject's spend is no longer limited.`))) return;
          await act(del, () => call('DELETE', 'budgets/' + encodeURIComponent(r[0])), `Budget ${r[0]} deleted`, load);
        });
        return [del];
      },
    }));
  };
  create.addEventListener('click', () => {
    const body = { name: name.value.trim(), scope: scope.value, subject: subject.value.trim(), period: period.value, limit_usd: limit.value === '' ? undefined : Number(limit.value) };
    act(create, () => call('POST', 'budgets', body), `Budget ${body.name} created`, async () => { name.value = ''; await load(); });
  });
  return { section, load };
}

/** Name suggestions for the principal inputs. */
function datalists(model) {
  const users = el('datalist', { id: 'admin-user-names' });
  const all = el('datalist', { id: 'admin-principal-names' });
  for (const u of model.users) { users.append(el('option', { value: u.userName })); all.append(el('option', { value: u.userName })); }
  for (const g of model.groups) all.append(el('option', { value: g.displayName }));
  for (const p of model.principals) if (p.applicationId) all.append(el('option', { value: p.applicationId }));
  return [users, all];
}

async function loadModel() {
  const list = (answer) => (answer && answer.Resources) || [];
  const [users, groups, sps, endpoints] = await Promise.all([
    call('GET', SCIM + 'Users').then(list),
    call('GET', SCIM + 'Groups').then(list),
    call('GET', SCIM + 'ServicePrincipals').then(list).catch(() => []),
    call('GET', 'serving-endpoints').then((a) => ((a && a.endpoints) || []).map((e) => e.name)),
  ]);
  return { users, groups, principals: sps, endpoints };
}

export async function render(ctx) {
  const root = el('div', { class: 'admin' });
  ctx.content.append(root);
  if (!ctx.user.admin) {
    const tokens = tokensSection(ctx, { users: [] });
    root.append(tokens.section);
    await tokens.load().catch((e) => toast(e.message, true));
    return;
  }
  let model;
  try {
    model = await loadModel();
  } catch (err) {
    root.append(el('div', { class: 'error-box' }, 'Could not load the admin data: ' + err.message));
    return;
  }
  if (!ctx.current()) return;
  const lists = el('div', { hidden: '' });
  lists.append(...datalists(model));
  const reloadAll = async () => {
    Object.assign(model, await loadModel());
    lists.replaceChildren(...datalists(model));
    users.draw();
    groups.draw();
  };
  const users = usersSection(ctx, model, reloadAll);
  const groups = groupsSection(model, reloadAll);
  const perms = permissionsSection(model);
  const limits = limitsSection(model);
  const budgets = budgetsSection(model);
  const tokens = tokensSection(ctx, model);
  root.append(lists, users.section, groups.section, perms.section, limits.section, budgets.section, tokens.section);
  users.draw();
  groups.draw();
  await Promise.all([perms.load(), limits.load(), budgets.load(), tokens.load()].map((p) => p.catch((e) => toast(e.message, true))));
}
