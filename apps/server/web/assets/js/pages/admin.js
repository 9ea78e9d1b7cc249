// Quản trị: accounts (admin), the unit directory (admins edit it; clerks map names that resolve
// to no unit), the audit log (admin: filters, paging, CSV export) and the quality of extraction
// from real use (what people kept, changed, added, deleted per field).
import * as api from '../api.js';
import { h, replace, fmtDate, fmtTime, dateField, ROLE_LABELS, fmtNumber, nextId } from '../dom.js';
import { field, empty, table, filterBox } from '../components.js';
import { announce, loadUnits } from '../main.js';

const TABS = [
  { id: 'tai-khoan', label: 'Tài khoản', roles: ['admin'], render: renderAccounts },
  { id: 'don-vi', label: 'Danh mục đơn vị', roles: ['admin', 'clerk', 'leader'], render: renderUnits },
  { id: 'nhat-ky', label: 'Nhật ký', roles: ['admin'], render: renderAudit },
  { id: 'chat-luong', label: 'Chất lượng trích xuất', roles: ['admin', 'clerk', 'leader'], render: renderQuality },
];

export const ACTION_LABELS = {
  login: 'Đăng nhập',
  'login.failed': 'Đăng nhập sai',
  'login.throttled': 'Đăng nhập bị chặn tạm thời',
  logout: 'Đăng xuất',
  'document.ingest': 'Nạp văn bản',
  'document.correct': 'Sửa thông tin văn bản',
  'document.anchor': 'Đặt ngày của mốc',
  'task.update': 'Cập nhật nhiệm vụ',
  'task.assign': 'Giao nhiệm vụ',
  'task.correct': 'Sửa nhiệm vụ',
  'task.add': 'Thêm nhiệm vụ',
  'task.delete': 'Xóa nhiệm vụ',
  'task.attach': 'Đính kèm tệp',
  'user.add': 'Thêm tài khoản',
  'user.passwd': 'Đổi mật khẩu',
  'user.remove': 'Xóa tài khoản',
  'unit.put': 'Sửa danh mục đơn vị',
  'unit.map': 'Gán tên đơn vị',
  'feed.create': 'Tạo đường dẫn lịch',
};

const QUALITY_LABELS = {
  type: 'Loại văn bản', number: 'Số', symbol: 'Ký hiệu', issuer: 'Cơ quan ban hành', date: 'Ngày ban hành',
  subject: 'Trích yếu', signer: 'Người ký', citations: 'Văn bản dẫn chiếu', tasks: 'Nhiệm vụ', lead: 'Đơn vị chủ trì',
  support: 'Đơn vị phối hợp', action: 'Nội dung nhiệm vụ', deadline: 'Thời hạn', report_to: 'Báo cáo về',
};

export async function renderAdmin(main, ctx) {
  const tabs = TABS.filter((t) => t.roles.includes(ctx.user.role));
  const current = tabs.find((t) => t.id === ctx.params[0]) || tabs[0];
  ctx.setTitle(`${current.label} – Quản trị`);
  const body = h('div', { id: 'admin-body' });
  main.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Quản trị')),
    h('nav', { class: 'tabs', 'aria-label': 'Các mục quản trị' }, h('ul', null, tabs.map((t) =>
      h('li', null, h('a', { href: `/quan-tri/${t.id}`, 'aria-current': t === current ? 'page' : null }, t.label))))),
    body);
  await current.render(body, ctx);
}

// ---- accounts ----

async function renderAccounts(box, ctx) {
  const [{ users }, units] = await Promise.all([api.get('/api/users'), loadUnits()]);
  const unitName = (id) => (units.find((u) => u.id === id) || {}).name || id;
  const list = h('div', { id: 'users' });
  const rows = users.map((u) => {
    const pw = h('input', { type: 'password', id: `pw-${u.username}`, autocomplete: 'new-password', minlength: '8', placeholder: 'Mật khẩu mới' });
    const err = h('span', { class: 'error', role: 'alert' });
    const pwForm = h('form', { class: 'inline-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.textContent = '';
      if (pw.value.length < 8) {
        err.textContent = 'Mật khẩu cần ít nhất 8 ký tự.';
        return;
      }
      try {
        await api.patch(`/api/users/${encodeURIComponent(u.username)}`, { password: pw.value });
        pw.value = '';
        announce(`Đã đổi mật khẩu của ${u.username}; các phiên đăng nhập của tài khoản đã kết thúc`);
      } catch (x) {
        err.textContent = x.message;
      }
    } } },
    h('label', { for: `pw-${u.username}`, class: 'visually-hidden' }, `Mật khẩu mới cho ${u.username}`), pw,
    h('button', { type: 'submit', class: 'btn btn-small' }, 'Đổi mật khẩu'), err);
    const remove = u.username === ctx.user.username ? h('span', { class: 'muted small' }, '(tài khoản đang dùng)')
      : h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Xóa tài khoản ${u.username}`, on: { click: async () => {
        if (!window.confirm(`Xóa tài khoản ${u.username}?`)) return;
        try {
          await api.del(`/api/users/${encodeURIComponent(u.username)}`);
          announce(`Đã xóa tài khoản ${u.username}`);
          replace(box);
          await renderAccounts(box, ctx);
        } catch (x) {
          announce(`Không xóa được: ${x.message}`, 'error');
        }
      } } }, 'Xóa');
    return [u.username, ROLE_LABELS[u.role] || u.role, u.unit ? unitName(u.unit) : '—', fmtTime(u.created_at), h('div', { class: 'row-actions' }, pwForm, remove)];
  });
  replace(list, table({ caption: 'Tài khoản', head: ['Tên đăng nhập', 'Vai trò', 'Đơn vị', 'Tạo lúc', 'Thao tác'], rows, className: 'table-cards-sm' }));

  const name = h('input', { id: 'nu-name', type: 'text', autocomplete: 'off', autocapitalize: 'none', required: true });
  const pass = h('input', { id: 'nu-pass', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  const role = h('select', { id: 'nu-role' }, ['clerk', 'leader', 'unit', 'admin'].map((r) => h('option', { value: r }, ROLE_LABELS[r])));
  const unit = h('select', { id: 'nu-unit' }, h('option', { value: '' }, '(chọn đơn vị)'),
    units.filter((u) => u.active !== false).map((u) => h('option', { value: u.id }, u.name)));
  const unitField = field('Đơn vị', unit);
  const sync = () => { unitField.hidden = role.value !== 'unit'; };
  role.addEventListener('change', sync);
  sync();
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'edit-form form-grid', id: 'new-user', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    err.hidden = true;
    const body = { username: name.value.trim(), password: pass.value, role: role.value };
    if (role.value === 'unit') body.unit = unit.value;
    const problem = !body.username ? 'Hãy nhập tên đăng nhập.' : pass.value.length < 8 ? 'Mật khẩu cần ít nhất 8 ký tự.'
      : role.value === 'unit' && !unit.value ? 'Tài khoản đơn vị cần chọn đơn vị.' : null;
    if (problem) {
      err.textContent = problem;
      err.hidden = false;
      return;
    }
    try {
      await api.post('/api/users', body);
      announce(`Đã tạo tài khoản ${body.username}`);
      replace(box);
      await renderAccounts(box, ctx);
    } catch (x) {
      err.textContent = `Không tạo được: ${x.message}`;
      err.hidden = false;
    }
  } } },
  field('Tên đăng nhập', name), field('Mật khẩu', pass, 'ít nhất 8 ký tự'), field('Vai trò', role), unitField,
  err, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Tạo tài khoản')));
  box.append(
    h('section', { class: 'panel', 'aria-labelledby': 'acc-h' }, h('h2', { id: 'acc-h' }, `Tài khoản (${users.length})`), list),
    h('section', { class: 'panel', 'aria-labelledby': 'acc-new-h' }, h('h2', { id: 'acc-new-h' }, 'Thêm tài khoản'),
      h('p', { class: 'muted' }, 'Văn thư: nạp, sửa văn bản và giao nhiệm vụ. Lãnh đạo: xem tất cả, nhận báo cáo. Đơn vị: chỉ xem và cập nhật nhiệm vụ của đơn vị. Quản trị: thêm quản lý tài khoản, danh mục đơn vị, nhật ký.'),
      form));
}

// ---- the unit directory ----

async function renderUnits(box, ctx) {
  const units = await loadUnits(true);
  const admin = ctx.user.role === 'admin';
  const mapper = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
  const byId = new Map(units.map((u) => [u.id, u]));
  if (mapper) box.append(await unresolvedPanel(box, ctx, units));
  const rows = units.map((u) => [
    u.name, u.id, u.parent ? (byId.get(u.parent) || {}).name || u.parent : '—', (u.aliases || []).join('; ') || '—',
    u.active === false ? 'Ngừng' : 'Đang dùng',
    admin ? h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Sửa đơn vị ${u.name}`, on: { click: () => editUnit(box, ctx, u, units) } }, 'Sửa') : '']);
  box.append(h('section', { class: 'panel', 'aria-labelledby': 'units-h' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'units-h' }, `Danh mục đơn vị (${units.length})`),
      admin ? h('button', { type: 'button', class: 'btn btn-small', id: 'add-unit', on: { click: () => editUnit(box, ctx, null, units) } }, 'Thêm đơn vị') : null),
    h('div', { id: 'unit-editor' }),
    table({ caption: 'Danh mục đơn vị', head: ['Tên đơn vị', 'Mã', 'Cấp trên', 'Tên gọi khác', 'Trạng thái', admin ? 'Thao tác' : ''], rows, className: 'table-cards-sm' })));
}

async function unresolvedPanel(box, ctx, units) {
  const { names } = await api.get('/api/units/unresolved');
  const items = names.map((n) => {
    const id = nextId('map');
    const sel = h('select', { id }, h('option', { value: '' }, '(chọn đơn vị)'),
      units.filter((u) => u.active !== false).map((u) => h('option', { value: u.id }, u.name)));
    return h('li', { class: 'map-row' },
      h('form', { class: 'inline-form', on: { submit: async (e) => {
        e.preventDefault();
        if (!sel.value) return;
        try {
          await api.post(`/api/units/${encodeURIComponent(sel.value)}/names`, { name: n.name });
          announce(`Đã gán "${n.name}" cho ${sel.selectedOptions[0].textContent}`);
          replace(box);
          await renderUnits(box, ctx);
        } catch (x) {
          announce(`Không gán được: ${x.message}`, 'error');
        }
      } } },
      h('span', { class: 'map-name' }, h('strong', null, n.name), h('span', { class: 'muted' }, ` · ${n.tasks} nhiệm vụ`)),
      h('label', { for: id, class: 'visually-hidden' }, `Đơn vị của "${n.name}"`), sel,
      h('button', { type: 'submit', class: 'btn btn-small' }, 'Gán')));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'unres-h' },
    h('h2', { id: 'unres-h' }, `Tên đơn vị chưa xác định (${names.length})`),
    h('p', { class: 'muted' }, 'Tên đơn vị viết trong nhiệm vụ mà danh mục chưa có. Gán một lần: áp dụng cho mọi nhiệm vụ có tên này, cả về sau.'),
    items.length ? h('ul', { class: 'plain' }, items) : empty('Mọi tên đơn vị đều đã xác định.'));
}

function editUnit(box, ctx, u, units) {
  const editor = box.querySelector('#unit-editor');
  const isNew = !u;
  const id = h('input', { id: 'ue-id', type: 'text', value: u ? u.id : '', readonly: !isNew, pattern: '[a-z0-9-]{1,64}' });
  const name = h('input', { id: 'ue-name', type: 'text', value: u ? u.name : '' });
  const aliases = h('textarea', { id: 'ue-aliases', rows: '3' }, u ? (u.aliases || []).join('\n') : '');
  const parent = h('select', { id: 'ue-parent' }, h('option', { value: '' }, '(không có)'),
    units.filter((x) => !u || x.id !== u.id).map((x) => h('option', { value: x.id, selected: u && u.parent === x.id }, x.name)));
  const active = h('input', { id: 'ue-active', type: 'checkbox', checked: !u || u.active !== false });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  replace(editor, h('form', { class: 'edit-form form-grid', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    err.hidden = true;
    if (!/^[a-z0-9-]{1,64}$/.test(id.value.trim()) || !name.value.trim()) {
      err.textContent = 'Cần mã đơn vị (chữ thường không dấu, số, dấu gạch ngang) và tên đơn vị.';
      err.hidden = false;
      return;
    }
    const body = { name: name.value.trim(), aliases: aliases.value.split('\n').map((x) => x.trim()).filter(Boolean), active: active.checked };
    if (parent.value) body.parent = parent.value;
    try {
      await api.put(`/api/units/${encodeURIComponent(id.value.trim())}`, body);
      announce(`Đã lưu đơn vị ${body.name}`);
      replace(box);
      await renderUnits(box, ctx);
    } catch (x) {
      err.textContent = `Không lưu được: ${x.message}`;
      err.hidden = false;
    }
  } } },
  h('h3', null, isNew ? 'Thêm đơn vị' : `Sửa đơn vị: ${u.name}`),
  field('Mã đơn vị', id, 'ví dụ: so-noi-vu'), field('Tên đơn vị', name), field('Tên gọi khác', aliases, 'mỗi dòng một tên'),
  field('Đơn vị cấp trên', parent),
  h('div', { class: 'field field-check' }, active, h('label', { for: 'ue-active' }, 'Đang dùng')),
  err,
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lưu đơn vị'),
    h('button', { type: 'button', class: 'btn btn-quiet', on: { click: () => replace(editor) } }, 'Hủy'))));
  (isNew ? id : name).focus();
}

// ---- the audit log ----

async function renderAudit(box, ctx) {
  const q = ctx.query;
  const f = { actor: q.get('nguoi') || '', action: q.get('hanh-dong') || '', object_type: q.get('doi-tuong') || '',
    object_id: q.get('ma') || '', from: q.get('tu') || '', to: q.get('den') || '' };
  const actor = h('input', { id: 'au-actor', type: 'text', value: f.actor, autocomplete: 'off' });
  const action = h('select', { id: 'au-action' }, h('option', { value: '' }, 'Tất cả'),
    h('option', { value: 'task', selected: f.action === 'task' }, 'Mọi thao tác với nhiệm vụ'),
    Object.entries(ACTION_LABELS).map(([k, l]) => h('option', { value: k, selected: k === f.action }, l)));
  const otype = h('select', { id: 'au-type' }, h('option', { value: '' }, 'Tất cả'),
    [['document', 'Văn bản'], ['task', 'Nhiệm vụ'], ['user', 'Tài khoản'], ['unit', 'Đơn vị']].map(([k, l]) => h('option', { value: k, selected: k === f.object_type }, l)));
  const oid = h('input', { id: 'au-id', type: 'text', value: f.object_id, autocomplete: 'off' });
  const from = dateField({ id: 'au-from', value: f.from, label: 'Từ ngày' });
  const to = dateField({ id: 'au-to', value: f.to, label: 'Đến ngày' });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const apiFilter = { actor: f.actor, action: f.action, object_type: f.object_type, object_id: f.object_id, from: f.from,
    to: f.to ? `${f.to}T23:59:59Z` : '' };
  const form = h('form', { class: 'filters', 'aria-label': 'Lọc nhật ký', on: { submit: (e) => {
    e.preventDefault();
    err.hidden = true;
    const p = new URLSearchParams();
    try {
      if (actor.value.trim()) p.set('nguoi', actor.value.trim());
      if (action.value) p.set('hanh-dong', action.value);
      if (otype.value) p.set('doi-tuong', otype.value);
      if (oid.value.trim()) p.set('ma', oid.value.trim());
      const a = from.read();
      const b = to.read();
      if (a) p.set('tu', a);
      if (b) p.set('den', b);
    } catch (x) {
      err.textContent = x.message;
      err.hidden = false;
      return;
    }
    ctx.navigate(`/quan-tri/nhat-ky?${p.toString()}`);
  } } },
  field('Người thực hiện', actor), field('Hành động', action), field('Đối tượng', otype), field('Mã đối tượng', oid),
  field('Từ ngày', from, 'dd/mm/yyyy'), field('Đến ngày', to, 'dd/mm/yyyy'),
  h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lọc'),
    h('a', { class: 'btn btn-small', href: api.url('/api/audit.csv', apiFilter), download: '', id: 'audit-csv' }, 'Xuất CSV')),
  err);
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'btn', hidden: true }, 'Xem thêm');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  let shown = 0;
  let last = null;
  const load = async () => {
    const r = await api.get('/api/audit', { ...apiFilter, limit: 100, before_id: last || '' });
    for (const e of r.entries) {
      tbody.append(h('tr', null,
        h('td', { 'data-label': 'Thời điểm', class: 'cell-inline' }, h('time', { datetime: e.at }, fmtTime(e.at))),
        h('td', { 'data-label': 'Người thực hiện', class: 'cell-inline' }, e.actor, e.role ? h('span', { class: 'muted' }, ` (${ROLE_LABELS[e.role] || e.role})`) : null),
        h('td', { 'data-label': 'Hành động' }, ACTION_LABELS[e.action] || e.action),
        h('td', { 'data-label': 'Đối tượng' }, objectLink(e)),
        h('td', { 'data-label': 'Địa chỉ', class: 'cell-inline' }, e.address || '—'),
        h('td', { 'data-label': 'Thay đổi', class: 'cell-change' }, change(e))));
    }
    shown += r.entries.length;
    if (r.entries.length) last = r.entries[r.entries.length - 1].id;
    more.hidden = r.entries.length < 100;
    count.textContent = `${fmtNumber(shown)} dòng nhật ký${more.hidden ? '' : ' (còn nữa)'}`;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await load(); } finally { more.disabled = false; }
  });
  box.append(filterBox('Lọc nhật ký', form, Object.values(f).some(Boolean)),
    h('section', { class: 'panel', 'aria-labelledby': 'audit-h' },
      h('h2', { id: 'audit-h' }, 'Nhật ký thay đổi'),
      count,
      h('div', { class: 'table-wrap' }, h('table', { class: 'table table-cards', id: 'audit-table' },
        h('caption', { class: 'visually-hidden' }, 'Nhật ký, mới nhất trước'),
        h('thead', null, h('tr', null, ['Thời điểm', 'Người thực hiện', 'Hành động', 'Đối tượng', 'Địa chỉ', 'Thay đổi'].map((c) => h('th', { scope: 'col' }, c)))),
        tbody)),
      more));
  await load();
}

function objectLink(e) {
  if (!e.object_type) return '—';
  const label = { document: 'Văn bản', task: 'Nhiệm vụ', user: 'Tài khoản', unit: 'Đơn vị' }[e.object_type] || e.object_type;
  if (e.object_type === 'document' && /^\d+$/.test(e.object_id)) return h('a', { href: `/van-ban/${e.object_id}` }, `${label} #${e.object_id}`);
  if (e.object_type === 'task' && /^\d+$/.test(e.object_id)) return h('a', { href: `/nhiem-vu/${e.object_id}` }, `${label} #${e.object_id}`);
  return `${label} ${e.object_id || ''}`;
}

function change(e) {
  if (!e.before && !e.after) return '—';
  const show = (v) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));
  return h('details', null, h('summary', null, 'Xem'),
    h('div', { class: 'change' },
      e.before ? h('div', null, h('strong', null, 'Trước: '), h('code', null, show(e.before))) : null,
      e.after ? h('div', null, h('strong', null, 'Sau: '), h('code', null, show(e.after))) : null));
}

// ---- quality ----

async function renderQuality(box, ctx) {
  const fromQ = ctx.query.get('tu') || '';
  const from = dateField({ id: 'q-from', value: fromQ, label: 'Từ ngày' });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const r = await api.get('/api/quality', { from: fromQ });
  const rows = r.fields.map((x) => {
    const base = x.extracted || 0;
    const keptPct = base ? `${Math.round((x.kept / base) * 1000) / 10}%`.replace('.', ',') : '—';
    return [QUALITY_LABELS[x.field] || x.field, fmtNumber(x.extracted), fmtNumber(x.kept), fmtNumber(x.changed), fmtNumber(x.added), fmtNumber(x.deleted), keptPct];
  });
  box.append(
    h('section', { class: 'panel' },
      h('form', { class: 'filters', on: { submit: (e) => {
        e.preventDefault();
        err.hidden = true;
        try {
          const d = from.read();
          ctx.navigate(`/quan-tri/chat-luong${d ? `?tu=${d}` : ''}`);
        } catch (x) {
          err.textContent = x.message;
          err.hidden = false;
        }
      } } }, field('Từ ngày', from, 'dd/mm/yyyy; để trống là từ đầu'),
      h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Xem')), err)),
    h('section', { class: 'panel', 'aria-labelledby': 'q-h' },
      h('h2', { id: 'q-h' }, `Chất lượng trích xuất ${r.from ? `từ ngày ${fmtDate(r.from)}` : 'từ đầu'}`),
      h('p', { class: 'muted' }, 'Mỗi trường: số giá trị hệ thống trích xuất, số giá trị người dùng giữ nguyên, sửa, thêm (hệ thống bỏ sót) và xóa (hệ thống trích sai). Đây là độ chính xác thực tế tại cơ quan.'),
      table({ caption: 'Chất lượng trích xuất theo trường', head: ['Trường', 'Trích xuất', 'Giữ nguyên', 'Đã sửa', 'Thêm', 'Xóa', 'Tỷ lệ giữ nguyên'],
        numeric: [1, 2, 3, 4, 5, 6], rows, className: 'table-quality' })));
}
