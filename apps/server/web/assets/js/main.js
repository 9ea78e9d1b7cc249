// The web app: the session, the shell (header, navigation by role, sign-out), a client-side
// router over the History API, and the pages. The server answers every page path with
// index.html; rules live in the API, the UI only hides what the API would refuse.
import * as api from './api.js';
import { h, replace, clear, ROLE_LABELS } from './dom.js';
import { renderLogin } from './pages/login.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderDocuments } from './pages/documents.js';
import { renderDocument } from './pages/document.js';
import { renderTasks } from './pages/tasks.js';
import { renderTask } from './pages/task.js';
import { renderCalendar } from './pages/calendar.js';
import { renderSearch } from './pages/search.js';
import { renderReport } from './pages/report.js';
import { renderAdmin } from './pages/admin.js';

const ROUTES = [
  { re: /^\/$/, page: renderDashboard, title: 'Tổng quan', nav: '/' },
  { re: /^\/van-ban$/, page: renderDocuments, title: 'Văn bản', nav: '/van-ban' },
  { re: /^\/van-ban\/(\d+)$/, page: renderDocument, title: 'Văn bản', nav: '/van-ban' },
  { re: /^\/nhiem-vu$/, page: renderTasks, title: 'Nhiệm vụ', nav: '/nhiem-vu' },
  { re: /^\/nhiem-vu\/(\d+)$/, page: renderTask, title: 'Nhiệm vụ', nav: '/nhiem-vu' },
  { re: /^\/lich$/, page: renderCalendar, title: 'Lịch', nav: '/lich' },
  { re: /^\/tim-kiem$/, page: renderSearch, title: 'Tìm kiếm', nav: '/tim-kiem' },
  { re: /^\/bao-cao$/, page: renderReport, title: 'Báo cáo', nav: '/bao-cao' },
  { re: /^\/quan-tri(?:\/([a-z-]+))?$/, page: renderAdmin, title: 'Quản trị', nav: '/quan-tri', roles: ['admin', 'clerk', 'leader'] },
];

const NAV = [
  { href: '/', label: 'Tổng quan' },
  { href: '/van-ban', label: 'Văn bản' },
  { href: '/nhiem-vu', label: 'Nhiệm vụ' },
  { href: '/lich', label: 'Lịch' },
  { href: '/tim-kiem', label: 'Tìm kiếm' },
  { href: '/bao-cao', label: 'Báo cáo' },
  { href: '/quan-tri', label: 'Quản trị', roles: ['admin', 'clerk', 'leader'] },
];

const state = { user: null, cleanup: null, seq: 0 };

export function currentUser() {
  return state.user;
}
export const can = {
  edit: () => !!state.user && (state.user.role === 'admin' || state.user.role === 'clerk'),
  admin: () => !!state.user && state.user.role === 'admin',
  updateTasks: () => !!state.user && state.user.role !== 'leader',
  readAll: () => !!state.user && state.user.role !== 'unit',
};

const root = document.getElementById('app');
const live = document.getElementById('live');

// Announces a message to screen readers and shows it briefly.
export function announce(text, kind = 'info') {
  live.textContent = '';
  live.textContent = text;
  const toast = document.getElementById('toast');
  if (toast) {
    toast.textContent = text;
    toast.className = `toast toast-${kind} show`;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(() => { toast.className = 'toast'; }, 4000);
  }
}

export function navigate(path, { replace: rep = false } = {}) {
  if (rep) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function shell() {
  const nav = h('nav', { id: 'nav', class: 'nav', 'aria-label': 'Trang chính' },
    h('ul', null, NAV.filter((n) => !n.roles || n.roles.includes(state.user.role)).map((n) =>
      h('li', null, h('a', { href: n.href, dataset: { nav: n.href } }, n.label)))));
  const toggle = h('button', {
    type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav',
    on: { click: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('open', open);
    } },
  }, h('span', { class: 'bars', 'aria-hidden': 'true' }), 'Danh mục');
  const u = state.user;
  const who = h('div', { class: 'who' },
    h('span', { class: 'who-name' }, u.username),
    h('span', { class: 'who-role' }, ROLE_LABELS[u.role] + (u.unit ? ` · ${u.unit_name || u.unit}` : '')),
    h('button', { type: 'button', class: 'btn btn-quiet', id: 'logout', on: { click: logout } }, 'Đăng xuất'));
  const header = h('header', { class: 'top' },
    h('div', { class: 'top-row' },
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'đđ'),
        h('span', null, 'dondoc'), h('span', { class: 'brand-sub' }, 'Theo dõi, đôn đốc nhiệm vụ')),
      toggle, who),
    nav);
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(root, h('a', { class: 'skip', href: '#main' }, 'Bỏ qua, đến nội dung chính'), header, main,
    h('div', { id: 'toast', class: 'toast', 'aria-hidden': 'true' }));
  return main;
}

async function logout() {
  try {
    await api.post('/api/logout');
  } catch (e) {
    // Already signed out: the login page follows either way.
  }
  state.user = null;
  api.setCsrf(null);
  announce('Đã đăng xuất');
  navigate('/dang-nhap', { replace: true });
}

function showLogin() {
  if (state.cleanup) state.cleanup();
  state.cleanup = null;
  document.title = 'Đăng nhập – dondoc';
  const next = location.pathname === '/dang-nhap' ? new URLSearchParams(location.search).get('tiep') : location.pathname + location.search;
  if (location.pathname !== '/dang-nhap') history.replaceState(null, '', '/dang-nhap' + (next && next !== '/' ? `?tiep=${encodeURIComponent(next)}` : ''));
  renderLogin(root, {
    onSignedIn: (answer) => {
      state.user = answer.user;
      api.setCsrf(answer.csrf_token);
      const target = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/dang-nhap') ? next : '/';
      navigate(target, { replace: true });
    },
  });
}

async function route() {
  const seq = ++state.seq;
  if (state.cleanup) {
    try { state.cleanup(); } catch (e) { /* the old page is gone either way */ }
    state.cleanup = null;
  }
  if (!state.user) {
    try {
      const s = await api.get('/api/session');
      state.user = s.user;
      api.setCsrf(s.csrf_token);
    } catch (e) {
      if (seq === state.seq) showLogin();
      return;
    }
  }
  if (location.pathname === '/dang-nhap') {
    history.replaceState(null, '', '/');
  }
  await unitName();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const r = ROUTES.find((x) => x.re.test(path));
  const main = shell();
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    if (r && a.dataset.nav === r.nav) a.setAttribute('aria-current', 'page');
  }
  if (!r) {
    document.title = 'Không có trang này – dondoc';
    main.append(h('h1', null, 'Không có trang này'), h('p', null, 'Địa chỉ không đúng. ', h('a', { href: '/' }, 'Về trang Tổng quan')));
    return;
  }
  document.title = `${r.title} – dondoc`;
  if (r.roles && !r.roles.includes(state.user.role)) {
    main.append(h('h1', null, r.title), h('p', { class: 'error' }, 'Tài khoản này không có quyền xem trang này.'));
    return;
  }
  const m = r.re.exec(path);
  const ctx = {
    user: state.user,
    params: m.slice(1),
    query: new URLSearchParams(location.search),
    navigate,
    setTitle: (t) => { document.title = `${t} – dondoc`; },
    isCurrent: () => seq === state.seq,
  };
  main.append(h('p', { class: 'loading' }, 'Đang tải…'));
  try {
    const cleanup = await r.page(main, ctx);
    if (seq !== state.seq) {
      if (typeof cleanup === 'function') cleanup();
      return;
    }
    state.cleanup = typeof cleanup === 'function' ? cleanup : null;
    const first = main.querySelector('.loading');
    if (first) first.remove();
    const h1 = main.querySelector('h1');
    if (h1 && navigated) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
    navigated = true;
  } catch (e) {
    if (seq !== state.seq) return;
    if (e && e.status === 401) return;
    clear(main);
    main.append(h('h1', null, r.title), errorBox(e));
  }
}
let navigated = false;

// The unit account's unit: shown in the header by name.
async function unitName() {
  const u = state.user;
  if (!u || !u.unit || u.unit_name) return;
  try {
    const units = await loadUnits();
    const found = units.find((x) => x.id === u.unit);
    if (found) u.unit_name = found.name;
  } catch (e) {
    u.unit_name = u.unit;
  }
}

let unitsCache = null;
export async function loadUnits(fresh = false) {
  if (!unitsCache || fresh) unitsCache = (await api.get('/api/units')).units;
  return unitsCache;
}

export function errorBox(e) {
  const status = e && e.status;
  const msg = (e && e.message) || 'lỗi không xác định';
  const text = status === 403 ? `Không có quyền: ${msg}` : status === 404 ? `Không tìm thấy: ${msg}` : `Lỗi: ${msg}`;
  return h('p', { class: 'error', role: 'alert' }, text);
}

api.onUnauthorized(() => {
  if (!state.user) return;
  state.user = null;
  api.setCsrf(null);
  announce('Phiên đăng nhập đã hết hạn; hãy đăng nhập lại', 'error');
  showLogin();
});

// Links inside the app are followed without reloading the page; downloads and new tabs are not.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
  e.preventDefault();
  const nav = document.getElementById('nav');
  if (nav) nav.classList.remove('open');
  if (href !== location.pathname + location.search) navigate(href);
});
window.addEventListener('popstate', route);
route();
