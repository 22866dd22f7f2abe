// fetch wrapper: JSON in and out, the session's CSRF header on every non-GET, 401 → sign-in.

let csrf = null;
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export function setCsrf(token) {
  csrf = token;
}

/** Called with no arguments whenever the server answers 401 (session gone): the app shows the sign-in form. */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/** A request to the dashboard API; resolves to the parsed JSON (null for an empty body). */
export async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-Lakegate-CSRF'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { message: text }; }
  }
  if (!res.ok) {
    if (res.status === 401 && !quiet401) onUnauthorized();
    throw new ApiError(res.status, data && data.error_code, (data && (data.message || data.detail)) || `HTTP ${res.status}`);
  }
  return data;
}

export const get = (path, opts) => request('GET', path, undefined, opts);

/** Query string from an object, dropping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

export const session = {
  current: () => get('/ui/api/session', { quiet401: true }),
  signIn: (token) => request('POST', '/ui/api/session', { token }, { quiet401: true }),
  signOut: () => request('DELETE', '/ui/api/session'),
};

/** The admin API (/api/2.0/<rest>) through the dashboard's forwarder. */
export const admin = (method, rest, body) => request(method, '/ui/api/admin/' + rest, body);
