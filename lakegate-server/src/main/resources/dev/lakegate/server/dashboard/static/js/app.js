// Entry point: session check, sign-in form, hash router (#/page?range=7d&tool=…), page lifecycle
// (pageReady flag and performance marks that the browser suite reads).
import { ApiError, get, session, setCsrf, setUnauthorizedHandler } from './api.js';
import { parseState, renderFilters } from './filters.js';
import { initSqlDialog } from './sqlview.js';
import * as overview from './pages/overview.js';
import * as agents from './pages/agents.js';
import * as usage from './pages/usage.js';
import * as performancePage from './pages/performance.js';
import * as adminPage from './pages/admin.js';
import { disposeCharts } from './chart.js';

const PAGES = { overview, agents, usage, performance: performancePage, admin: adminPage };
const $ = (id) => document.getElementById(id);

let user = null;
let catalogue = null;
let navigation = 0;

function showSignIn() {
  user = null;
  catalogue = null;
  setCsrf(null);
  disposeCharts();
  $('content').replaceChildren();
  $('filters').replaceChildren();
  $('shell').hidden = true;
  $('signin').hidden = false;
  document.body.dataset.pageReady = 'false';
  $('signin-token').focus();
}

function showShell(answer) {
  user = answer.user;
  setCsrf(answer.csrf);
  $('whoami').textContent = user.name;
  $('admin-badge').hidden = !user.admin;
  $('signin').hidden = true;
  $('shell').hidden = false;
  route();
}

function setupSignIn() {
  const form = document.querySelector('[data-testid=signin-form]');
  const input = $('signin-token');
  const error = document.querySelector('[data-testid=signin-error]');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const button = form.querySelector('[data-testid=signin-submit]');
    button.disabled = true;
    try {
      const answer = await session.signIn(input.value.trim());
      input.value = '';
      showShell(answer);
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 ? 'That token is not valid.' : err.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  $('logout').addEventListener('click', async () => {
    try { await session.signOut(); } catch { /* the session is gone either way */ }
    showSignIn();
  });
}

/** The page and its parameters from the hash; unknown pages fall back to the overview. */
function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, qs] = hash.split('?');
  return { name: PAGES[name] ? name : 'overview', params: new URLSearchParams(qs || '') };
}

/** Every navigation or filter change: reset readiness, mark the start, render the page, mark ready. */
async function route() {
  if (!user) return;
  const id = ++navigation;
  document.body.dataset.pageReady = 'false';
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark('page-start');

  const { name, params } = currentRoute();
  const page = PAGES[name];
  for (const a of document.querySelectorAll('.sidenav a')) a.classList.toggle('active', a.dataset.route === name);
  $('page-title').textContent = page.title;
  document.title = page.title + ' · Lakegate';
  disposeCharts();
  const content = $('content');
  content.replaceChildren();

  try {
    if (!catalogue && page.charts !== false) catalogue = await get('/ui/api/charts');
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) content.textContent = 'Could not load the chart list: ' + err.message;
    return;
  }
  if (id !== navigation) return;

  const state = parseState(params, user);
  const ctx = {
    user,
    page: name,
    state,
    content,
    catalogue: catalogue || [],
    current: () => id === navigation,
    navigate: (next) => { location.hash = next; },
  };
  if (page.charts === false) {
    $('filters').replaceChildren();
    $('filters').hidden = true;
  } else {
    $('filters').hidden = false;
    renderFilters($('filters'), ctx, name);
  }
  try {
    await page.render(ctx);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) console.error(err);
  }
  if (id !== navigation || !user) return;
  document.body.dataset.pageReady = 'true';
  performance.measure('page-ready', 'page-start');
}

async function boot() {
  setUnauthorizedHandler(showSignIn);
  setupSignIn();
  initSqlDialog();
  window.addEventListener('hashchange', route);
  if (!location.hash) history.replaceState(null, '', '#/overview');
  try {
    showShell(await session.current());
  } catch {
    showSignIn();
  }
}

boot();
