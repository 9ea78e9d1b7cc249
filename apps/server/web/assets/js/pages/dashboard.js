// Tổng quan: for the user's scope (a unit account sees its unit), overdue tasks (red, days and
// working days; more than 30 days marked), due within 7 days, done this month, per-unit counts.
import * as api from '../api.js';
import { h, todayIso, fmtDate, monthLabel, fmtNumber } from '../dom.js';
import { taskList, table, empty, LONG_OVERDUE_DAYS, pageHeader } from '../components.js';

const SHOWN = 10;  // tasks per list; the board has the rest

function shortList(tasks, emptyText, href, what) {
  return [taskList(tasks.slice(0, SHOWN), { emptyText }),
    tasks.length > SHOWN ? h('p', { class: 'more' }, h('a', { href }, `Xem tất cả ${tasks.length} ${what}`)) : null];
}

export async function renderDashboard(main, ctx) {
  const [overdue, soon, done, report] = await Promise.all([
    api.get('/api/tasks', { overdue: 1 }),
    api.get('/api/tasks', { due_within: 7, status: 'open,in_progress' }),
    api.get('/api/tasks', { status: 'done' }),
    api.get('/api/report', { months: 1 }),
  ]);
  const today = overdue.as_of || todayIso();
  const month = today.slice(0, 7);
  const late = overdue.tasks.slice().sort((a, b) => b.overdue_days - a.overdue_days);
  const longLate = late.filter((t) => t.overdue_days > LONG_OVERDUE_DAYS);
  const dueSoon = soon.tasks.filter((t) => t.due && t.due >= today).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const doneMonth = done.tasks.filter((t) => t.done_on && t.done_on.slice(0, 7) === month)
    .sort((a, b) => (a.done_on < b.done_on ? 1 : -1));

  const scope = ctx.user.role === 'unit' ? `Đơn vị: ${ctx.user.unit_name || ctx.user.unit}` : 'Toàn bộ các đơn vị';
  const stat = (n, label, cls, href) => h('a', { class: `stat ${cls}`, href },
    h('span', { class: 'stat-n' }, fmtNumber(n)), h('span', { class: 'stat-label' }, label));

  main.append(
    pageHeader('Tổng quan'),
    h('p', { class: 'muted' }, `${scope} · tính đến ngày ${fmtDate(today)}`),
    h('div', { class: 'stats', role: 'list' },
      h('div', { role: 'listitem' }, stat(late.length, 'Nhiệm vụ quá hạn', 'stat-red', '/nhiem-vu?trang-thai=qua-han')),
      h('div', { role: 'listitem' }, stat(longLate.length, 'Quá hạn trên 30 ngày', 'stat-darkred', '/nhiem-vu?trang-thai=qua-han')),
      h('div', { role: 'listitem' }, stat(dueSoon.length, 'Đến hạn trong 7 ngày', 'stat-amber', '/nhiem-vu?han=7')),
      h('div', { role: 'listitem' }, stat(doneMonth.length, `Hoàn thành ${monthLabel(month).toLowerCase()}`, 'stat-green', '/nhiem-vu?trang-thai=done'))),
    h('div', { class: 'dash-grid' },
      h('section', { class: 'panel panel-red', 'aria-labelledby': 'dash-overdue' },
        h('h2', { id: 'dash-overdue' }, `Quá hạn (${late.length})`),
        shortList(late, 'Không có nhiệm vụ quá hạn.', '/nhiem-vu?trang-thai=qua-han', 'nhiệm vụ quá hạn')),
      h('section', { class: 'panel', 'aria-labelledby': 'dash-soon' },
        h('h2', { id: 'dash-soon' }, `Đến hạn trong 7 ngày (${dueSoon.length})`),
        shortList(dueSoon, 'Không có nhiệm vụ đến hạn trong 7 ngày tới.', '/nhiem-vu?han=7', 'nhiệm vụ đến hạn')),
      h('section', { class: 'panel', 'aria-labelledby': 'dash-done' },
        h('h2', { id: 'dash-done' }, `Hoàn thành trong ${monthLabel(month).toLowerCase()} (${doneMonth.length})`),
        shortList(doneMonth, 'Chưa có nhiệm vụ hoàn thành trong tháng này.', '/nhiem-vu?trang-thai=done', 'nhiệm vụ hoàn thành')),
      h('section', { class: 'panel', 'aria-labelledby': 'dash-units' },
        h('h2', { id: 'dash-units' }, 'Theo đơn vị chủ trì'),
        report.units.length
          ? table({
            caption: 'Số nhiệm vụ theo đơn vị',
            head: ['Đơn vị', 'Tổng số', 'Đang thực hiện trong hạn', 'Quá hạn', 'Hoàn thành'],
            numeric: [1, 2, 3, 4],
            rows: report.units.map((u) => [
              h('a', { href: `/nhiem-vu?don-vi=${encodeURIComponent(u.unit_id || u.unit)}` }, u.unit),
              fmtNumber(u.total), fmtNumber(u.open),
              u.overdue ? h('span', { class: 'overdue-text' }, fmtNumber(u.overdue)) : '0',
              fmtNumber(u.done_on_time + u.done_late)]),
            className: 'table-units',
          })
          : empty('Chưa có nhiệm vụ nào được giao.'))));
}
