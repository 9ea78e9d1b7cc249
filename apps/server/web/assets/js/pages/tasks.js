// Nhiệm vụ: a task board (open / in progress / overdue / done) for a unit or for the user's
// whole scope, filters kept in the URL (unit, document, status, due range), and a bulk status
// change for the tasks ticked on the board.
import * as api from '../api.js';
import { h, replace, dateField, fmtNumber, STATUS_LABELS } from '../dom.js';
import { taskLine, columnOf, field, empty, pageHeader, filterBox } from '../components.js';
import { can, announce, loadUnits } from '../main.js';

const COLUMNS = [
  ['open', 'Chưa thực hiện'],
  ['in_progress', 'Đang thực hiện'],
  ['overdue', 'Quá hạn'],
  ['done', 'Hoàn thành'],
  ['cancelled', 'Đã hủy'],
];

export async function renderTasks(main, ctx) {
  const q = ctx.query;
  const f = {
    unit: q.get('don-vi') || '',
    support: q.get('phoi-hop') === '1',
    document: q.get('van-ban') || '',
    status: q.get('trang-thai') || '',
    dueFrom: q.get('han-tu') || '',
    dueTo: q.get('han-den') || '',
    within: q.get('han') || '',
  };
  const unitRole = ctx.user.role === 'unit';
  const units = await loadUnits();

  // ---- filters ----
  const unitSel = h('select', { id: 'tf-unit', name: 'don-vi' },
    h('option', { value: '' }, unitRole ? (ctx.user.unit_name || 'Đơn vị của tôi') : 'Tất cả các đơn vị'),
    unitRole ? null : units.filter((u) => u.active !== false).map((u) => h('option', { value: u.id, selected: u.id === f.unit }, u.name)));
  if (!unitRole && f.unit && !units.some((u) => u.id === f.unit)) unitSel.append(h('option', { value: f.unit, selected: true }, f.unit));
  const support = h('input', { type: 'checkbox', id: 'tf-support', checked: f.support });
  const docInput = h('input', { id: 'tf-doc', type: 'text', value: f.document, placeholder: 'ví dụ: 123/UBND-VX', autocomplete: 'off' });
  const statusSel = h('select', { id: 'tf-status' },
    h('option', { value: '' }, 'Tất cả'),
    h('option', { value: 'open', selected: f.status === 'open' }, STATUS_LABELS.open),
    h('option', { value: 'in_progress', selected: f.status === 'in_progress' }, STATUS_LABELS.in_progress),
    h('option', { value: 'qua-han', selected: f.status === 'qua-han' }, 'Quá hạn'),
    h('option', { value: 'done', selected: f.status === 'done' }, STATUS_LABELS.done),
    h('option', { value: 'cancelled', selected: f.status === 'cancelled' }, STATUS_LABELS.cancelled));
  const dueFrom = dateField({ id: 'tf-from', value: f.dueFrom, label: 'Hạn từ ngày' });
  const dueTo = dateField({ id: 'tf-to', value: f.dueTo, label: 'Hạn đến ngày' });
  const formErr = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Lọc nhiệm vụ', on: { submit: (e) => {
    e.preventDefault();
    formErr.hidden = true;
    const p = new URLSearchParams();
    try {
      if (unitSel.value) p.set('don-vi', unitSel.value);
      if (support.checked) p.set('phoi-hop', '1');
      if (docInput.value.trim()) p.set('van-ban', docInput.value.trim());
      if (statusSel.value) p.set('trang-thai', statusSel.value);
      const a = dueFrom.read();
      const b = dueTo.read();
      if (a) p.set('han-tu', a);
      if (b) p.set('han-den', b);
    } catch (x) {
      formErr.textContent = x.message;
      formErr.hidden = false;
      return;
    }
    const s = p.toString();
    ctx.navigate('/nhiem-vu' + (s ? `?${s}` : ''));
  } } },
  unitRole ? null : field('Đơn vị', unitSel),
  h('div', { class: 'field field-check' }, support, h('label', { for: 'tf-support' }, 'Kể cả nhiệm vụ phối hợp')),
  field('Văn bản (số hiệu)', docInput),
  field('Trạng thái', statusSel),
  field('Hạn từ ngày', dueFrom, 'dd/mm/yyyy'),
  field('Hạn đến ngày', dueTo, 'dd/mm/yyyy'),
  h('div', { class: 'field field-actions' },
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lọc'),
    h('a', { href: '/nhiem-vu', class: 'btn btn-quiet' }, 'Bỏ lọc')),
  formErr);

  const unitName = f.unit ? ((units.find((u) => u.id === f.unit) || {}).name || f.unit)
    : unitRole ? (ctx.user.unit_name || ctx.user.unit) : 'tất cả các đơn vị';
  const board = h('div', { id: 'board' });
  main.append(
    pageHeader('Nhiệm vụ'),
    filterBox('Lọc nhiệm vụ', form, !!(f.unit || f.support || f.document || f.status || f.dueFrom || f.dueTo || f.within)),
    h('h2', { class: 'board-title' }, `Bảng nhiệm vụ – ${unitName}`),
    board);

  const params = { unit: f.unit, support: f.support && (f.unit || unitRole) ? 1 : '', document: f.document };
  if (f.status === 'qua-han') params.overdue = 1;
  else if (f.status) params.status = f.status;
  if (f.within) {
    params.due_within = f.within;
    params.status = params.status || 'open,in_progress';
  }
  let answer;
  try {
    answer = await api.get('/api/tasks', params);
  } catch (x) {
    replace(board, h('p', { class: 'error', role: 'alert' }, `Lỗi: ${x.message}`));
    return;
  }
  let tasks = answer.tasks;
  if (f.dueFrom) tasks = tasks.filter((t) => t.due && t.due >= f.dueFrom);
  if (f.dueTo) tasks = tasks.filter((t) => t.due && t.due <= f.dueTo);
  if (f.within) tasks = tasks.filter((t) => t.due && t.due >= answer.as_of);
  showBoard(board, tasks, ctx, () => ctx.navigate(location.pathname + location.search, { replace: true }));
}

function showBoard(board, tasks, ctx, reload) {
  const selectable = can.updateTasks();
  const selected = new Set();
  const count = h('span', { id: 'bulk-count' }, 'Chưa chọn nhiệm vụ nào');
  const bulkStatus = h('select', { id: 'bulk-status' },
    ['open', 'in_progress', 'done', 'cancelled'].map((s) => h('option', { value: s }, STATUS_LABELS[s])));
  const bulkBtn = h('button', { type: 'submit', class: 'btn btn-primary', disabled: true }, 'Chuyển trạng thái');
  const bulkMsg = h('p', { class: 'bulk-msg', role: 'status' });
  const update = () => {
    count.textContent = selected.size ? `Đã chọn ${selected.size} nhiệm vụ` : 'Chưa chọn nhiệm vụ nào';
    bulkBtn.disabled = !selected.size;
  };
  const bulk = selectable ? h('form', { class: 'bulk', 'aria-label': 'Đổi trạng thái nhiều nhiệm vụ', on: { submit: async (e) => {
    e.preventDefault();
    if (!selected.size) return;
    bulkBtn.disabled = true;
    try {
      const r = await api.post('/api/tasks/bulk', { ids: Array.from(selected), status: bulkStatus.value });
      const bad = r.results.filter((x) => !x.ok);
      announce(bad.length ? `${r.results.length - bad.length} nhiệm vụ đã đổi; ${bad.length} không đổi được` : `Đã đổi trạng thái ${r.results.length} nhiệm vụ`, bad.length ? 'error' : 'info');
      if (bad.length) {
        bulkMsg.textContent = bad.map((x) => `#${x.id}: ${x.error}`).join('; ');
        bulkBtn.disabled = false;
        return;
      }
      reload();
    } catch (x) {
      bulkMsg.textContent = `Không đổi được: ${x.message}`;
      bulkBtn.disabled = false;
    }
  } } }, count, field('Trạng thái mới', bulkStatus), bulkBtn, bulkMsg) : null;

  const groups = new Map(COLUMNS.map(([k]) => [k, []]));
  for (const t of tasks) groups.get(columnOf(t)).push(t);
  for (const list of groups.values()) list.sort((a, b) => (a.due || '9999') < (b.due || '9999') ? -1 : (a.due || '9999') > (b.due || '9999') ? 1 : a.id - b.id);
  const cols = COLUMNS.filter(([k]) => k !== 'cancelled' || groups.get(k).length).map(([k, label]) => {
    const list = groups.get(k);
    const boxes = [];
    const items = list.map((t) => {
      let box = null;
      if (selectable) {
        box = h('input', { type: 'checkbox', class: 'task-check', id: `sel-${t.id}`, 'aria-label': `Chọn nhiệm vụ: ${t.action.slice(0, 80)}`,
          on: { change: (e) => { if (e.target.checked) selected.add(t.id); else selected.delete(t.id); update(); } } });
        boxes.push(box);
      }
      return taskLine(t, { select: box });
    });
    const all = selectable && list.length ? h('input', { type: 'checkbox', id: `sel-all-${k}`, on: { change: (e) => {
      for (const b of boxes) {
        b.checked = e.target.checked;
        b.dispatchEvent(new Event('change'));
      }
    } } }) : null;
    return h('section', { class: `column column-${k}`, 'aria-labelledby': `col-${k}` },
      h('div', { class: 'column-head' },
        h('h3', { id: `col-${k}` }, label, h('span', { class: 'count' }, fmtNumber(list.length))),
        all ? h('span', { class: 'select-all' }, all, h('label', { for: `sel-all-${k}` }, 'Chọn cả cột')) : null),
      items.length ? h('ul', { class: 'task-list' }, items) : empty('Không có.'));
  });
  replace(board,
    h('p', { class: 'muted' }, `${fmtNumber(tasks.length)} nhiệm vụ`),
    bulk,
    h('div', { class: 'board' }, cols));
}
