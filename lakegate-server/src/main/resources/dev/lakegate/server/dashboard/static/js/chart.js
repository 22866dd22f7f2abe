// One chart card: fetch the chart's answer, then draw it as ECharts, a table, KPI cards or an empty state.
// The card's data-state goes loading → ready|empty|error; the returned promise settles when drawn.
import { get } from './api.js';
import { apiQuery, clearedHash } from './filters.js';
import { showSql } from './sqlview.js';
import { renderTable } from './table.js';
import * as fmt from './format.js';

const PALETTE = ['#3b6fd8', '#2fa58f', '#e3a23b', '#8a63d2', '#d9534f', '#5bb0d8', '#9aa84a', '#c0699b', '#6d7889', '#e07b39'];
const KPIS = [
  ['requests', 'Requests', fmt.integer],
  ['tokens', 'Tokens', fmt.compact],
  ['usd', 'Spend', fmt.usd],
  ['active_users', 'Active users', fmt.integer],
  ['error_rate', 'Error rate', fmt.percent],
];
const instances = new Set();
const observer = new ResizeObserver((entries) => {
  for (const e of entries) echarts.getInstanceByDom(e.target)?.resize();
});

/** Disposes every chart of the page being left. */
export function disposeCharts() {
  for (const chart of instances) {
    observer.unobserve(chart.getDom());
    chart.dispose();
  }
  instances.clear();
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const esc = (s) => echarts.format.encodeHTML(String(s ?? ''));

/** The unit a value column is drawn in, by name. */
function unitOf(name) {
  const n = String(name).toLowerCase();
  if (n === 'usd' || n.includes('usd') || n.includes('cost')) return 'usd';
  if (n.endsWith('rate')) return 'percent';
  if (/^p\d+$/.test(n) || n.endsWith('_ms')) return 'ms';
  return 'count';
}

const formatter = (unit) => ({
  usd: fmt.usd,
  percent: fmt.percent,
  ms: (v) => (v === null || v === undefined ? '–' : fmt.compact(v) + ' ms'),
  count: fmt.compact,
}[unit]);

/** Axis tooltip whose every piece of data goes through encodeHTML (names may be attacker-chosen). */
function axisTooltip(valueText) {
  return (params) => {
    const list = Array.isArray(params) ? params : [params];
    if (!list.length) return '';
    const lines = [];
    for (const p of list) {
      const v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      if (v === null || v === undefined || v === '-') continue;
      lines.push(`${p.marker}${esc(p.seriesName)}: <b>${esc(valueText(v, p))}</b>`);
    }
    return `<div class="tt-head">${esc(list[0].axisValueLabel ?? list[0].name)}</div>` + lines.join('<br>');
  };
}

function baseOption(unit, extra = {}) {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", sans-serif' },
    grid: { left: 16, right: 28, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, formatter: axisTooltip(formatter(unit)) },
    legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: '#4a5568' } },
    yAxis: { type: 'value', axisLabel: { formatter: formatter(unit), color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    ...extra,
  };
}

/** Time-bucket labels: hours when the buckets are under a day apart, else dates. */
function timeLabels(times) {
  const hourly = times.length > 1 && Math.min(...times.slice(1).map((t, i) => t - times[i])) < 864e5;
  return times.map((t) => {
    const iso = new Date(t).toISOString();
    return hourly ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(0, 10);
  });
}

/**
 * The answer as series over an x axis. x is the time bucket `t` or the first column; a STRING (or
 * status_code) column after it names the series; the numeric columns are the values (each its own
 * series when there is no naming column, "<name> · <column>" when there are several values, or their
 * total per name with `sum`).
 */
export function toSeries(answer, sum = false) {
  const cols = answer.columns;
  const rows = answer.rows;
  const time = cols[0] && cols[0].name === 't';
  const nameIdx = cols.length >= 3 && (cols[1].type === 'STRING' || cols[1].name === 'status_code') ? 1 : -1;
  const valueIdx = cols.map((c, i) => i).filter((i) => i > 0 && i !== nameIdx);
  const xs = [];
  const xKey = new Map();
  for (const r of rows) {
    const k = time ? fmt.timeMs(r[0]) : String(r[0] ?? 'none');
    if (!xKey.has(k)) { xKey.set(k, xs.length); xs.push(k); }
  }
  if (time) {
    xs.sort((a, b) => a - b);
    xs.forEach((k, i) => xKey.set(k, i));
  }
  const series = new Map();
  for (const r of rows) {
    const xi = xKey.get(time ? fmt.timeMs(r[0]) : String(r[0] ?? 'none'));
    for (const vi of valueIdx) {
      const base = nameIdx >= 0 ? String(r[nameIdx] ?? 'none') : cols[vi].name;
      const name = nameIdx >= 0 && valueIdx.length > 1 && !sum ? `${base} · ${fmt.label(cols[vi].name).toLowerCase()}` : base;
      if (!series.has(name)) series.set(name, { name, column: cols[vi].name, data: new Array(xs.length).fill(null) });
      const data = series.get(name).data;
      const v = fmt.num(r[vi]);
      data[xi] = sum && data[xi] !== null ? data[xi] + (v ?? 0) : v;
    }
  }
  return { categories: time ? timeLabels(xs) : xs, time, series: [...series.values()], unit: unitOf(cols[valueIdx[0]]?.name || '') };
}

function cartesian(answer, kind, opts) {
  const s = toSeries(answer, !!opts.sum);
  const stacked = kind.startsWith('stacked') || kind === 'diverging-bar';
  const only = opts.values ? s.series.filter((x) => opts.values.includes(x.column)) : s.series;
  const series = only.map((x, i) => {
    const line = kind === 'line' || kind === 'lines' || kind === 'stacked-area' || (kind === 'bar-line' && i > 0);
    const out = { name: x.name, type: line ? 'line' : 'bar', data: stacked ? x.data.map((v) => v ?? 0) : x.data, emphasis: { focus: 'series' } };
    if (stacked) out.stack = 'total';
    if (line) { out.showSymbol = x.data.length < 40; out.connectNulls = false; }
    if (kind === 'stacked-area') out.areaStyle = { opacity: 0.35 };
    if (!line) out.barMaxWidth = 36;
    return out;
  });
  if (kind === 'diverging-bar') {
    series.forEach((x, i) => { x.itemStyle = { color: i === 0 ? '#2fa58f' : '#d9534f' }; });
  }
  const category = { type: 'category', data: s.categories, axisLabel: { color: '#6b7280', hideOverlap: true }, axisTick: { alignWithLabel: true } };
  const option = baseOption(s.unit, { xAxis: category, series });
  if (series.length < 2) { option.legend.show = false; option.grid.top = 12; }
  if (opts.rate) {
    const [yes, no] = opts.rate;
    const plain = axisTooltip(formatter(s.unit));
    option.tooltip.formatter = (params) => {
      const i = params[0].dataIndex;
      const get = (n) => s.series.find((x) => x.name === n)?.data[i] ?? 0;
      const total = get(yes) + get(no);
      return plain(params) + (total ? `<br>${esc(fmt.label(yes))} rate: <b>${esc(fmt.percent(get(yes) / total))}</b>` : '');
    };
  }
  if (kind === 'diverging-bar') {
    option.yAxis.axisLabel.formatter = (v) => fmt.compact(Math.abs(v));
    option.tooltip.formatter = axisTooltip((v) => fmt.compact(Math.abs(v)));
  }
  if (opts.horizontal) {
    option.xAxis = { ...option.yAxis };
    option.yAxis = { ...category, inverse: true, axisTick: { show: false } };
    option.tooltip.axisPointer = { type: 'shadow' };
  }
  return option;
}

function pieOption(answer) {
  const data = answer.rows.map((r) => ({ name: String(r[0] ?? 'none'), value: fmt.num(r[1]) }));
  const col = answer.columns[1]?.name || '';
  return {
    animation: false,
    color: PALETTE,
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p) => `${p.marker}${esc(p.name)}: <b>${esc(fmt.byColumn(col, p.value))}</b> (${esc(p.percent)}%)`,
    },
    legend: { show: false }, // the table next to it names every slice
    series: [{ name: fmt.label(col), type: 'pie', radius: ['42%', '75%'], center: ['50%', '50%'], data, label: { show: false } }],
  };
}

function budgetOption(answer, budgets) {
  const rows = answer.rows;
  const names = rows.map((r) => String(r[0]));
  const byName = new Map((budgets || []).map((b) => [b.name, b]));
  const option = baseOption('usd', {
    xAxis: { type: 'value', axisLabel: { formatter: fmt.usd, color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: '#4a5568' } },
    series: [
      { name: 'Limit', type: 'bar', data: rows.map((r) => fmt.num(r[1])), itemStyle: { color: '#e5e8ee' }, barMaxWidth: 28, z: 1 },
      {
        name: 'Spent', type: 'bar', barGap: '-100%', barMaxWidth: 28, z: 2,
        data: rows.map((r) => {
          const spent = fmt.num(r[2]);
          const limit = fmt.num(r[1]);
          return { value: spent, itemStyle: { color: limit && spent / limit >= 1 ? '#d9534f' : limit && spent / limit >= 0.8 ? '#e3a23b' : '#3b6fd8' } };
        }),
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#9aa3b2', type: 'dashed' }, data: [] },
      },
    ],
  });
  option.tooltip.axisPointer = { type: 'shadow' };
  option.tooltip.formatter = (params) => {
    const i = params[0].dataIndex;
    const limit = fmt.num(rows[i][1]);
    const spent = fmt.num(rows[i][2]);
    const lines = [`Spent (your view): <b>${esc(fmt.usd(spent))}</b> of ${esc(fmt.usd(limit))}` + (limit ? ` (${esc(fmt.percent(spent / limit))})` : '')];
    const b = byName.get(names[i]);
    if (b) {
      lines.push(`${esc(b.scope)} ${esc(b.subject)}, ${esc(String(b.period).toLowerCase())}; resets ${esc(fmt.dateTime(b.resets_at))}`);
      if (b.spent_usd !== undefined) lines.push(`Counter: spent ${esc(fmt.usd(b.spent_usd))}, held ${esc(fmt.usd(b.held_usd))}`);
    }
    return `<div class="tt-head">${esc(names[i])}</div>` + lines.join('<br>');
  };
  return option;
}

/** Draws `option` into `host`; resolves on ECharts' `finished` event (or a safety timeout). */
function draw(host, option) {
  const chart = echarts.init(host, null, { renderer: 'canvas' });
  instances.add(chart);
  observer.observe(host);
  return new Promise((resolve) => {
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(); } };
    chart.on('finished', finish);
    chart.setOption(option);
    setTimeout(finish, 3000);
  });
}

function kpiCards(body, answer) {
  const row = answer.rows[0] || [];
  const grid = el('div', { class: 'kpis' });
  for (const [key, title, f] of KPIS) {
    const i = answer.columns.findIndex((c) => c.name === key);
    const v = i >= 0 ? row[i] : null;
    const card = el('div', { class: 'kpi', 'data-kpi': key, 'data-value': v === null || v === undefined ? '' : String(v) });
    card.append(el('div', { class: 'kpi-label' }, title), el('div', { class: 'kpi-value' }, f(v ?? (key === 'usd' || key === 'error_rate' ? null : 0))));
    grid.append(card);
  }
  body.append(grid);
}

/** A hint's text with its `backticked` parts (commands, settings) as <code>, all as text nodes. */
function hintParagraph(hint) {
  const p = el('p', { class: 'empty-hint' });
  String(hint || 'Nothing to show').split('`').forEach((part, i) => p.append(i % 2 ? el('code', {}, part) : document.createTextNode(part)));
  return p;
}

function emptyState(body, empty, ctx) {
  const box = el('div', { class: 'empty', 'data-empty-reason': empty.reason });
  box.append(hintParagraph(empty.hint));
  if (empty.reason === 'NO_MATCH') {
    const b = el('button', { type: 'button', class: 'link' }, 'Clear filters');
    b.addEventListener('click', () => ctx.navigate(clearedHash(ctx.page, ctx.state)));
    box.append(b);
  }
  body.append(box);
}

/** Fills `section` from a chart answer; resolves when it is drawn. */
async function renderAnswer(section, body, answer, spec, ctx) {
  if (answer.empty) {
    emptyState(body, answer.empty, ctx);
    section.dataset.state = 'empty';
    return;
  }
  if (spec.kind === 'kpis') {
    kpiCards(body, answer);
  } else if (spec.kind === 'table') {
    body.append(el('div', { class: 'table-wrap' }));
    body.lastChild.append(renderTable(answer.columns, answer.rows, { id: spec.id }));
  } else {
    const host = el('div', { class: 'chart', 'data-echarts': '' });
    body.append(host);
    let option;
    if (spec.kind === 'pie') option = pieOption(answer);
    else if (spec.kind === 'budget-bar') {
      option = budgetOption(answer, await spec.budgets);
      host.style.height = Math.max(160, 44 * answer.rows.length + 60) + 'px'; // one bar per budget
    }
    else option = cartesian(answer, spec.kind, spec);
    if (spec.kind === 'pie') {
      body.classList.add('pie-body');
      const wrap = el('div', { class: 'table-wrap small' });
      wrap.append(renderTable(answer.columns, answer.rows, { id: spec.id }));
      body.append(wrap);
    }
    await draw(host, option);
  }
  if (answer.truncated) body.append(el('p', { class: 'foot' }, `Showing the first ${answer.rows.length} rows.`));
  section.dataset.state = 'ready';
}

/**
 * A chart card for catalogue entry `spec` ({id, title, kind} plus page options: wide, values,
 * horizontal, note, budgets (a promise), onAnswer); appended to `grid`; resolves when ready, empty or failed.
 */
export async function chartCard(grid, spec, ctx) {
  const section = el('section', { class: 'card' + (spec.wide ? ' wide' : '') + (spec.kind === 'kpis' ? ' kpi-card' : ''), 'data-chart-id': spec.id, 'data-state': 'loading' });
  const head = el('header', { class: 'card-head' });
  const title = el('h2', {}, spec.title);
  const meta = el('span', { class: 'meta' });
  const sql = el('button', { type: 'button', class: 'link', 'data-testid': 'view-sql', disabled: '' }, 'View SQL');
  head.append(title, meta, sql);
  const body = el('div', { class: 'card-body' });
  body.append(el('div', { class: 'loading' }, 'Loading…'));
  section.append(head, body);
  grid.append(section);

  let answer;
  try {
    const q = apiQuery(ctx.state, { skipEndpoint: ctx.page === 'agents' });
    answer = await get('/ui/api/charts/' + encodeURIComponent(spec.id) + q);
  } catch (err) {
    if (!ctx.current()) return;
    body.replaceChildren(el('div', { class: 'error-box' }, err.message));
    section.dataset.state = 'error';
    return;
  }
  if (!ctx.current()) return;
  body.replaceChildren();
  sql.disabled = !answer.sql;
  sql.addEventListener('click', () => showSql(spec.title, answer.sql, ctx.user.admin));
  if (!answer.empty) meta.textContent = `${answer.elapsed_ms} ms${answer.cached ? ' · cached' : ''}`;
  try {
    if (spec.onAnswer) spec.onAnswer(answer, section);
    await renderAnswer(section, body, answer, spec, ctx);
    if (spec.note && section.dataset.state === 'ready') body.append(el('p', { class: 'foot' }, spec.note));
  } catch (err) {
    console.error(err);
    body.replaceChildren(el('div', { class: 'error-box' }, 'Could not draw this chart: ' + err.message));
    section.dataset.state = 'error';
  }
}

/**
 * Renders the page's charts from the catalogue into a grid, all fetched in parallel; `layout` maps
 * chart ids to page options (order follows the layout, then any other charts of the page).
 */
export function chartGrid(ctx, catalogPage, layout = {}) {
  const grid = el('div', { class: 'grid' });
  ctx.content.append(grid);
  const specs = ctx.catalogue.filter((c) => c.page === catalogPage);
  const order = Object.keys(layout);
  specs.sort((a, b) => (order.indexOf(a.id) + 1 || 999) - (order.indexOf(b.id) + 1 || 999));
  return Promise.all(specs.map((c) => chartCard(grid, { ...c, ...(layout[c.id] || {}) }, ctx)));
}
