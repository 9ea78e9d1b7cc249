// Pieces shared by the pages: task lines, status badges, empty states, simple tables.
import { h, fmtDate, statusLabel, overdueText } from './dom.js';

export const LONG_OVERDUE_DAYS = 30;

export function isOverdue(t) {
  return (t.status === 'open' || t.status === 'in_progress') && t.overdue_days > 0;
}

// The board column of a task: overdue wins over open / in progress.
export function columnOf(t) {
  if (isOverdue(t)) return 'overdue';
  return t.status;
}

export function statusBadge(t) {
  if (isOverdue(t)) {
    return h('span', { class: ['badge', 'badge-overdue', t.overdue_days > LONG_OVERDUE_DAYS && 'badge-long'] },
      t.overdue_days > LONG_OVERDUE_DAYS ? 'Quá hạn > 30 ngày' : 'Quá hạn');
  }
  return h('span', { class: `badge badge-${t.status}` }, statusLabel(t.status));
}

export function names(list) {
  return (list || []).join('; ');
}

// "Số 123/UBND-VX" or "#12" as a link to the document page.
export function docLink(t) {
  return h('a', { href: `/van-ban/${t.document_id}`, class: 'doc-link' }, t.document_type ? `${t.document_type} ${t.document}` : t.document);
}

// One task as a list item: action (link to its page), lead, document, due, state.
export function taskLine(t, { showDoc = true, select = null } = {}) {
  const overdue = isOverdue(t);
  const due = t.due
    ? h('span', { class: 'due' }, 'Hạn: ', h('strong', null, fmtDate(t.due)))
    : h('span', { class: 'due muted' }, 'Không có hạn');
  return h('li', { class: ['task-line', overdue && 'is-overdue', overdue && t.overdue_days > LONG_OVERDUE_DAYS && 'is-long'], dataset: { taskId: t.id } },
    select,
    h('div', { class: 'task-line-body' },
      h('a', { href: `/nhiem-vu/${t.id}`, class: 'task-action' }, t.action || '(không có nội dung)'),
      h('div', { class: 'task-meta' },
        statusBadge(t),
        h('span', null, h('span', { class: 'muted' }, 'Chủ trì: '), names(t.lead) || '—'),
        showDoc ? h('span', null, docLink(t), t.ref ? ` – mục ${t.ref}` : '') : (t.ref ? h('span', null, `Mục ${t.ref}`) : null),
        due,
        overdue ? h('span', { class: 'overdue-text' }, overdueText(t)) : null,
        t.status === 'done' && t.done_on ? h('span', null, `Hoàn thành ${fmtDate(t.done_on)}`) : null)));
}

export function taskList(tasks, opts) {
  if (!tasks.length) return empty(opts && opts.emptyText ? opts.emptyText : 'Không có nhiệm vụ nào.');
  return h('ul', { class: 'task-list' }, tasks.map((t) => taskLine(t, opts)));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

// A table from rows of cells; `head` is a list of column titles, numeric columns right-aligned.
export function table({ caption, head, rows, numeric = [], className = '' }) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'Bảng' },
    h('table', { class: `table ${className}` },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null, head.map((c, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) =>
        i === 0 ? h('th', { scope: 'row', 'data-label': head[0] }, c)
          : h('td', { class: numeric.includes(i) ? 'num' : null, 'data-label': head[i] }, c)))))));
}

export function field(label, control, hint) {
  const id = control.id;
  if (hint) control.setAttribute('aria-describedby', `${id}-fmt`);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'hint', id: `${id}-fmt` }, hint) : null);
}

// Filters in a box that folds away on a phone (open on wider screens, or when a filter is set).
export function filterBox(label, form, active) {
  const wide = window.matchMedia('(min-width: 760px)').matches;
  return h('details', { class: 'panel filter-box', open: wide || active },
    h('summary', null, label, active ? h('span', { class: 'badge badge-note' }, 'đang lọc') : null), form);
}

export function pageHeader(title, ...extra) {
  return h('div', { class: 'page-head' }, h('h1', null, title), extra.length ? h('div', { class: 'page-actions' }, extra) : null);
}
