// Number, date and label formatting; pure functions, no DOM.

const NUMERIC = new Set(['LONG', 'INT', 'INTEGER', 'SHORT', 'BYTE', 'DOUBLE', 'FLOAT', 'DECIMAL', 'BIGINT', 'SMALLINT', 'TINYINT']);

export function isNumericType(type) {
  return NUMERIC.has(String(type || '').toUpperCase().replace(/\(.*$/, ''));
}

export function isTimeType(type) {
  return /^TIMESTAMP|^DATE/.test(String(type || '').toUpperCase());
}

/** A number from a JSON value (DECIMALs may arrive as strings); null stays null. */
export function num(v) {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Milliseconds since the epoch of a TIMESTAMP value ("2026-11-28T06:00:00Z", "2026-11-28 06:00:00", epoch ms). */
export function timeMs(v) {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return null;
  let s = String(v).trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}(:?\d{2})?)$/.test(s)) s += 'Z';
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

const compactFmt = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function compact(n) {
  n = num(n);
  if (n === null) return '–';
  return Math.abs(n) < 10000 ? decFmt.format(n) : compactFmt.format(n);
}

export function integer(n) {
  n = num(n);
  return n === null ? '–' : intFmt.format(n);
}

export function usd(n) {
  n = num(n);
  if (n === null) return '–';
  const digits = Math.abs(n) < 1 && n !== 0 ? 4 : 2;
  return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits });
}

export function percent(n) {
  n = num(n);
  return n === null ? '–' : (n * 100).toLocaleString('en-US', { maximumFractionDigits: 2 }) + '%';
}

/** How a column's value reads in a table or tooltip, by column name. */
export function byColumn(name, v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return JSON.stringify(v);
  const n = String(name || '').toLowerCase();
  if (num(v) === null) return String(v);
  if (n === 'usd' || n.endsWith('_usd') || n.startsWith('usd_') || n.includes('cost')) return usd(v);
  if (n.endsWith('_rate') || n === 'rate') return percent(v);
  if (n.endsWith('_ms') || /^p\d+$/.test(n)) return decFmt.format(num(v)) + ' ms';
  if (n.endsWith('_hours')) return decFmt.format(num(v));
  return Number.isInteger(num(v)) ? integer(v) : decFmt.format(num(v));
}

/** A column name as a heading: "input_tokens" → "Input tokens". */
export function label(name) {
  const words = String(name || '').split('_').map((w) => (w === 'usd' ? 'USD' : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function dateTime(v) {
  const ms = timeMs(v);
  if (ms === null) return String(v ?? '–');
  return new Date(ms).toISOString().replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC');
}

/** The UTC date (YYYY-MM-DD) of epoch ms or an ISO instant. */
export function isoDate(v) {
  const ms = typeof v === 'number' ? v : timeMs(v);
  return ms === null ? '' : new Date(ms).toISOString().slice(0, 10);
}
