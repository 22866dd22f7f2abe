// Time range and filter bar; its state lives in the URL hash (#/overview?range=7d&tool=codex-cli).
import { get, query } from './api.js';

export const RANGES = ['24h', '7d', '30d', '90d'];
const FILTERS = [
  { key: 'tool', label: 'Tool', list: 'tools' },
  { key: 'user', label: 'User', list: 'users', adminOnly: true },
  { key: 'endpoint', label: 'Endpoint', list: 'endpoints' },
  { key: 'model', label: 'Model', list: 'models' },
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter state of a hash's parameters: range (24h|7d|30d|90d|custom), from/to for custom, filters. */
export function parseState(params, user) {
  const state = { range: params.get('range') || '7d', from: '', to: '', tool: '', user: '', endpoint: '', model: '' };
  if (state.range === 'custom' || (!params.get('range') && params.get('from'))) {
    state.range = 'custom';
    const today = new Date().toISOString().slice(0, 10);
    state.from = DATE.test(params.get('from') || '') ? params.get('from') : new Date(Date.now() - 7 * 864e5).toISOString().slice(0, 10);
    state.to = DATE.test(params.get('to') || '') ? params.get('to') : today;
  } else if (!RANGES.includes(state.range)) {
    state.range = '7d';
  }
  for (const f of FILTERS) {
    if (f.adminOnly && !user.admin) continue;
    state[f.key] = params.get(f.key) || '';
  }
  return state;
}

/** The state as hash parameters (what the URL shows). */
export function stateParams(state) {
  const p = state.range === 'custom' ? { range: 'custom', from: state.from, to: state.to } : { range: state.range };
  for (const f of FILTERS) p[f.key] = state[f.key];
  return p;
}

/** The state as the data API's query string: range or from/to, plus the set filters. */
export function apiQuery(state, { skipEndpoint = false } = {}) {
  const p = state.range === 'custom' ? { from: state.from, to: state.to } : { range: state.range };
  for (const f of FILTERS) if (!(skipEndpoint && f.key === 'endpoint')) p[f.key] = state[f.key];
  return query(p);
}

export function hasFilters(state) {
  return FILTERS.some((f) => state[f.key]);
}

/** Hash of a page with the filters cleared (the range stays). */
export function clearedHash(page, state) {
  return '#/' + page + query(state.range === 'custom' ? { range: 'custom', from: state.from, to: state.to } : { range: state.range });
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function field(labelText, control) {
  const wrap = el('label', { class: 'field' });
  wrap.append(el('span', {}, labelText), control);
  return wrap;
}

/** Draws the bar into `bar` for `page`; menus fill in when /ui/api/filters answers (not awaited: charts don't wait for it). */
export function renderFilters(bar, ctx, page) {
  const { state, user } = ctx;
  const go = (next) => ctx.navigate('#/' + page + query(stateParams(next)));
  bar.replaceChildren();

  const range = el('select', { 'data-testid': 'filter-range' });
  for (const [v, t] of [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['90d', 'Last 90 days'], ['custom', 'Custom (UTC)']]) {
    const o = el('option', { value: v }, t);
    range.append(o);
  }
  range.value = state.range;
  range.addEventListener('change', () => {
    const next = { ...state, range: range.value };
    if (range.value === 'custom') {
      next.to = new Date().toISOString().slice(0, 10);
      next.from = new Date(Date.now() - 7 * 864e5).toISOString().slice(0, 10);
    }
    go(next);
  });
  bar.append(field('Range', range));

  if (state.range === 'custom') {
    for (const key of ['from', 'to']) {
      const input = el('input', { type: 'date', 'data-testid': 'filter-' + key });
      input.value = state[key];
      input.addEventListener('change', () => { if (DATE.test(input.value)) go({ ...state, [key]: input.value }); });
      bar.append(field(key === 'from' ? 'From' : 'To', input));
    }
  }

  const selects = {};
  for (const f of FILTERS) {
    if (f.adminOnly && !user.admin) continue;
    const select = el('select', { 'data-testid': 'filter-' + f.key });
    select.append(el('option', { value: '' }, 'All'));
    if (state[f.key]) select.append(el('option', { value: state[f.key] }, state[f.key]));
    select.value = state[f.key];
    if (f.key === 'endpoint' && page === 'agents') {
      select.disabled = true;
      select.title = 'Telemetry rows have no endpoint: this filter does not apply here';
    }
    select.addEventListener('change', () => go({ ...state, [f.key]: select.value }));
    selects[f.key] = select;
    bar.append(field(f.label, select));
  }

  const clear = el('button', { type: 'button', 'data-testid': 'filter-clear', class: 'link' }, 'Clear filters');
  clear.disabled = !hasFilters(state);
  clear.addEventListener('click', () => ctx.navigate(clearedHash(page, state)));
  bar.append(clear);

  get('/ui/api/filters' + apiQuery({ ...state, tool: '', user: '', endpoint: '', model: '' })).then((lists) => {
    if (!ctx.current()) return;
    for (const f of FILTERS) {
      const select = selects[f.key];
      if (!select || !lists || !Array.isArray(lists[f.list])) continue;
      const values = new Set(lists[f.list].filter((v) => v !== null).map(String));
      if (state[f.key]) values.add(state[f.key]);
      select.replaceChildren(el('option', { value: '' }, 'All'));
      for (const v of [...values].sort()) select.append(el('option', { value: v }, v));
      select.value = state[f.key];
    }
  }).catch(() => { /* the menus keep "All" and the current value */ });
}
