// Sortable tables: click a header to sort, numbers compare as numbers, nulls last.
import { byColumn, dateTime, isNumericType, isTimeType, label, num, timeMs } from './format.js';

function compare(a, b, numeric) {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (numeric) return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/**
 * A table of `rows` (arrays) under `columns` ([{name, type}]); returns the <table>.
 * options.id → data-table-id; options.format(name, value) → text; options.rowAttrs(row) → attributes of each <tr>.
 */
export function renderTable(columns, rows, options = {}) {
  const table = document.createElement('table');
  table.className = 'data';
  if (options.id) table.dataset.tableId = options.id;
  // Untyped columns (admin lists) count as numeric when every value is a number or null.
  const numericCol = columns.map((c, i) => (c.type ? isNumericType(c.type)
    : rows.some((r) => typeof r[i] === 'number') && rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number')));
  const timeCol = columns.map((c) => isTimeType(c.type));
  const format = options.format || ((name, v, i) => (timeCol[i] ? dateTime(v) : byColumn(name, v)));

  const thead = table.createTHead();
  const headRow = thead.insertRow();
  const tbody = table.createTBody();
  let sortIndex = -1;
  let ascending = true;

  const draw = () => {
    const sorted = sortIndex < 0 ? rows : [...rows].sort((x, y) => {
      const key = (v) => (numericCol[sortIndex] ? num(v) : timeCol[sortIndex] ? timeMs(v) : v);
      const c = compare(key(x[sortIndex]), key(y[sortIndex]), numericCol[sortIndex] || timeCol[sortIndex]);
      return ascending || x[sortIndex] === null || y[sortIndex] === null ? c : -c;
    });
    const body = document.createDocumentFragment();
    for (const row of sorted) {
      const tr = document.createElement('tr');
      if (options.rowAttrs) for (const [k, v] of Object.entries(options.rowAttrs(row))) tr.setAttribute(k, v);
      columns.forEach((c, i) => {
        const td = document.createElement('td');
        if (numericCol[i]) td.className = 'num';
        td.textContent = format(c.name, row[i], i);
        if (row[i] !== null && row[i] !== undefined && typeof row[i] !== 'object') td.title = String(row[i]);
        tr.append(td);
      });
      if (options.actions) {
        const td = document.createElement('td');
        td.className = 'actions-cell';
        td.append(...options.actions(row));
        tr.append(td);
      }
      body.append(tr);
    }
    tbody.replaceChildren(body);
    headRow.querySelectorAll('th[data-sort-key]').forEach((th, i) => {
      th.setAttribute('aria-sort', i === sortIndex ? (ascending ? 'ascending' : 'descending') : 'none');
    });
  };

  columns.forEach((c, i) => {
    const th = document.createElement('th');
    th.dataset.sortKey = c.name;
    th.textContent = c.label || label(c.name);
    if (numericCol[i]) th.className = 'num';
    th.tabIndex = 0;
    const sort = () => {
      if (sortIndex === i) ascending = !ascending;
      else { sortIndex = i; ascending = !(numericCol[i] || timeCol[i]); }
      draw();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    headRow.append(th);
  });
  if (options.actions) headRow.append(document.createElement('th'));
  draw();
  return table;
}
