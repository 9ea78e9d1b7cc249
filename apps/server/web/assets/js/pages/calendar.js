// Lịch: a month of deadlines, working days and days off (from the API's calendar, which is
// lib/calendar: weekends, Tết, public holidays and announced swaps), and the secret iCalendar
// feed URL of a unit that phones subscribe to.
import * as api from '../api.js';
import { h, replace, fmtDate, todayIso, weekdayOf, WEEKDAYS, WEEKDAYS_SHORT, monthLabel } from '../dom.js';
import { isOverdue, field } from '../components.js';
import { announce, loadUnits } from '../main.js';

function shiftMonth(ym, k) {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(y, m - 1 + k, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export async function renderCalendar(main, ctx) {
  const asked = ctx.query.get('thang');
  const month = asked && /^\d{4}-\d{2}$/.test(asked) ? asked : todayIso().slice(0, 7);
  const cal = await api.get('/api/calendar', { month });
  const today = todayIso();
  const byDay = new Map();
  for (const t of cal.tasks) {
    if (!byDay.has(t.due)) byDay.set(t.due, []);
    byDay.get(t.due).push(t);
  }
  const offDays = cal.days.filter((d) => !d.working).length;
  const cells = [];
  const lead = weekdayOf(cal.days[0].date);
  for (let i = 0; i < lead; i += 1) cells.push(h('li', { class: 'day day-pad', 'aria-hidden': 'true' }));
  for (const d of cal.days) {
    const tasks = byDay.get(d.date) || [];
    const wd = weekdayOf(d.date);
    const dayNum = Number(d.date.slice(8));
    cells.push(h('li', {
      // On a phone the month is a list: days with nothing on them (plain working days, weekends)
      // are left out; today, holidays and days with deadlines stay.
      class: ['day', !d.working && 'day-off', d.date === today && 'day-today', tasks.length && 'has-tasks',
        !tasks.length && !d.name && d.date !== today && (d.working ? 'day-plain' : 'day-quiet')],
      dataset: { date: d.date },
    },
    h('div', { class: 'day-head' },
      // The grid shows the day's number; the phone's list (and a screen reader) the full date.
      h('span', { class: 'day-num' }, h('span', { class: 'day-n', 'aria-hidden': 'true' }, String(dayNum)),
        h('span', { class: 'day-full' }, `${WEEKDAYS[wd]} ${fmtDate(d.date)}`)),
      d.date === today ? h('span', { class: 'badge badge-today' }, 'Hôm nay') : null),
    d.name ? h('p', { class: 'day-name' }, d.name) : !d.working ? h('p', { class: 'day-name muted' }, 'Nghỉ') : null,
    tasks.length ? h('ul', { class: 'day-tasks' }, tasks.map((t) => h('li', { class: [isOverdue(t) && 'is-overdue', t.status === 'done' && 'is-done'] },
      h('a', { href: `/nhiem-vu/${t.id}`, title: t.action }, t.action.length > 70 ? `${t.action.slice(0, 68)}…` : t.action),
      h('span', { class: 'muted small' }, ` · ${(t.lead || []).join('; ')}`)))) : null));
  }
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  main.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Lịch')),
    h('div', { class: 'cal-nav' },
      h('a', { class: 'btn btn-quiet', href: `/lich?thang=${prev}`, 'aria-label': `Tháng trước (${monthLabel(prev)})` }, '‹ ', h('span', { class: 'wide-only' }, 'Tháng '), 'trước'),
      h('h2', { class: 'cal-title', id: 'cal-title' }, monthLabel(month)),
      h('a', { class: 'btn btn-quiet', href: `/lich?thang=${next}`, 'aria-label': `Tháng sau (${monthLabel(next)})` }, h('span', { class: 'wide-only' }, 'Tháng '), 'sau ›')),
    h('p', { class: 'muted' },
      `${cal.days.length - offDays} ngày làm việc, ${offDays} ngày nghỉ; ${cal.tasks.length} nhiệm vụ đến hạn trong tháng. `,
      month !== today.slice(0, 7) ? h('a', { href: '/lich' }, 'Về tháng này') : null),
    h('div', { class: 'legend', 'aria-hidden': 'true' },
      h('span', { class: 'lg lg-off' }, 'Ngày nghỉ'), h('span', { class: 'lg lg-today' }, 'Hôm nay'),
      h('span', { class: 'lg lg-overdue' }, 'Quá hạn'), h('span', { class: 'lg lg-done' }, 'Hoàn thành')),
    h('div', { class: 'calendar', role: 'region', 'aria-labelledby': 'cal-title' },
      h('ol', { class: 'weekdays', 'aria-hidden': 'true' }, WEEKDAYS_SHORT.map((w) => h('li', null, w))),
      h('ol', { class: 'days' }, cells)),
    await feedPanel(ctx));
}

async function feedPanel(ctx) {
  const unitRole = ctx.user.role === 'unit';
  const units = unitRole ? [] : await loadUnits();
  const sel = unitRole ? null : h('select', { id: 'feed-unit' },
    units.filter((u) => u.active !== false).map((u) => h('option', { value: u.id }, u.name)));
  const out = h('div', { class: 'feed-out', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Tạo đường dẫn lịch');
  return h('section', { class: 'panel', 'aria-labelledby': 'feed-h' },
    h('h2', { id: 'feed-h' }, 'Theo dõi trên điện thoại (iCalendar)'),
    h('p', null, 'Tạo một đường dẫn lịch riêng cho đơn vị rồi thêm vào ứng dụng Lịch của điện thoại (Google Calendar, Lịch iPhone: "Thêm lịch theo URL"). Lịch hiện các nhiệm vụ chưa hoàn thành của đơn vị, kèm nhắc trước một ngày. Mỗi đơn vị chỉ có một đường dẫn: tạo đường dẫn mới thì đường dẫn cũ ngừng hoạt động (khi lộ đường dẫn hoặc mất điện thoại).'),
    h('form', { class: 'inline-form', on: { submit: async (e) => {
      e.preventDefault();
      const unit = unitRole ? ctx.user.unit : sel.value;
      btn.disabled = true;
      try {
        const r = await api.post(`/api/units/${encodeURIComponent(unit)}/feed`);
        const url = new URL(r.url, location.origin).href;
        const input = h('input', { id: 'feed-url', type: 'text', readonly: true, value: url, class: 'feed-url' });
        const copy = h('button', { type: 'button', class: 'btn btn-small', on: { click: async () => {
          input.select();
          try {
            await navigator.clipboard.writeText(url);
            announce('Đã chép đường dẫn');
          } catch (x) {
            announce('Hãy chép đường dẫn đã được chọn (Ctrl+C)');
          }
        } } }, 'Chép');
        replace(out, field('Đường dẫn lịch (bí mật)', input), copy,
          h('p', { class: 'warn' }, 'Đường dẫn chỉ hiện một lần này: hãy lưu lại ngay. Ai có đường dẫn đều xem được lịch nhiệm vụ của đơn vị; đừng chia sẻ công khai.'));
        input.focus();
        input.select();
      } catch (x) {
        replace(out, h('p', { class: 'error', role: 'alert' }, `Không tạo được: ${x.message}`));
      } finally {
        btn.disabled = false;
      }
    } } },
    unitRole ? h('p', null, `Đơn vị: ${ctx.user.unit_name || ctx.user.unit}`) : field('Đơn vị', sel),
    btn),
    out);
}
