// Báo cáo: the periodic report for a chosen period (month, quarter, half year, year) or date:
// per unit assigned, done on time, done late, open, overdue, overdue > 30 days; the overdue
// tasks with names; charts of the on-time rate per unit and of overdue counts over months;
// downloads (XLSX, CSV with BOM, Markdown, ICS) of the same report.
import * as api from '../api.js';
import { h, fmtDate, dateField, todayIso, quarterLabel, quarterOf, daysInMonth, monthShort, fmtNumber } from '../dom.js';
import { table, empty, field, pageHeader, LONG_OVERDUE_DAYS } from '../components.js';
import { drawRateChart, drawMonthChart, keepDrawn, formatPercent } from '../chart.js';
import { loadUnits } from '../main.js';

const pad2 = (n) => String(n).padStart(2, '0');

// A period -> its last day and its name ("Quý II/2026").
export function periodEnd(kind, year, n) {
  if (kind === 'thang') return { end: `${year}-${pad2(n)}-${pad2(daysInMonth(year, n))}`, name: `Tháng ${n}/${year}`, months: 12 };
  if (kind === 'quy') {
    const m = n * 3;
    return { end: `${year}-${pad2(m)}-${pad2(daysInMonth(year, m))}`, name: quarterLabel(n, year), months: 12 };
  }
  if (kind === '6thang') {
    return n === 1 ? { end: `${year}-06-30`, name: `6 tháng đầu năm ${year}`, months: 12 }
      : { end: `${year}-12-31`, name: `6 tháng cuối năm ${year}`, months: 12 };
  }
  return { end: `${year}-12-31`, name: `Năm ${year}`, months: 12 };
}

export async function renderReport(main, ctx) {
  const q = ctx.query;
  const today = todayIso();
  const { year: ty, q: tq } = quarterOf(today);
  const kind = q.get('ky') || 'quy';
  const year = Number(q.get('nam')) || ty;
  const n = Number(q.get('so')) || (kind === 'thang' ? Number(today.slice(5, 7)) : kind === '6thang' ? (tq <= 2 ? 1 : 2) : tq);
  const unit = q.get('don-vi') || '';
  let asOf;
  let name;
  let months = 12;
  if (kind === 'ngay') {
    asOf = q.get('ngay') || today;
    name = `Tính đến ngày ${fmtDate(asOf)}`;
  } else {
    const p = periodEnd(kind, year, n);
    asOf = p.end < today ? p.end : today;
    name = p.name;
    months = p.months;
  }
  const unitRole = ctx.user.role === 'unit';
  const units = unitRole ? [] : await loadUnits();

  // ---- the period form ----
  const kindSel = h('select', { id: 'rp-kind' },
    [['thang', 'Tháng'], ['quy', 'Quý'], ['6thang', '6 tháng'], ['nam', 'Năm'], ['ngay', 'Đến ngày']].map(([v, l]) =>
      h('option', { value: v, selected: v === kind }, l)));
  const numSel = h('select', { id: 'rp-num' });
  const yearInput = h('input', { id: 'rp-year', type: 'text', inputmode: 'numeric', value: String(year), size: '4' });
  const dateInput = dateField({ id: 'rp-date', value: kind === 'ngay' ? asOf : today, label: 'Ngày tính' });
  const unitSel = unitRole ? null : h('select', { id: 'rp-unit' }, h('option', { value: '' }, 'Tất cả các đơn vị'),
    units.filter((u) => u.active !== false).map((u) => h('option', { value: u.id, selected: u.id === unit }, u.name)));
  const numField = field('Kỳ', numSel);
  const yearField = field('Năm', yearInput);
  const dateF = field('Tính đến ngày', dateInput, 'dd/mm/yyyy');
  const fillNums = () => {
    const k = kindSel.value;
    numSel.replaceChildren();
    const opts = k === 'thang' ? Array.from({ length: 12 }, (_, i) => [i + 1, `Tháng ${i + 1}`])
      : k === 'quy' ? [1, 2, 3, 4].map((i) => [i, `Quý ${['I', 'II', 'III', 'IV'][i - 1]}`])
        : k === '6thang' ? [[1, '6 tháng đầu năm'], [2, '6 tháng cuối năm']] : [];
    for (const [v, l] of opts) numSel.append(h('option', { value: String(v), selected: k === kind && v === n }, l));
    numField.hidden = !opts.length;
    yearField.hidden = k === 'ngay';
    dateF.hidden = k !== 'ngay';
  };
  kindSel.addEventListener('change', fillNums);
  fillNums();
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Chọn kỳ báo cáo', on: { submit: (e) => {
    e.preventDefault();
    err.hidden = true;
    const p = new URLSearchParams();
    p.set('ky', kindSel.value);
    try {
      if (kindSel.value === 'ngay') {
        p.set('ngay', dateInput.read() || today);
      } else {
        if (!/^\d{4}$/.test(yearInput.value.trim())) throw new Error('Năm phải gồm 4 chữ số.');
        p.set('nam', yearInput.value.trim());
        if (numSel.value) p.set('so', numSel.value);
      }
    } catch (x) {
      err.textContent = x.message;
      err.hidden = false;
      return;
    }
    if (unitSel && unitSel.value) p.set('don-vi', unitSel.value);
    ctx.navigate(`/bao-cao?${p.toString()}`);
  } } },
  field('Loại kỳ', kindSel), numField, yearField, dateF,
  unitSel ? field('Đơn vị', unitSel) : null,
  h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Xem báo cáo')),
  err);

  const r = await api.get('/api/report', { as_of: asOf, unit, months });
  const dl = (fmt, label) => h('a', { class: 'btn btn-small', href: api.url('/api/report', { format: fmt, as_of: asOf, unit }), download: '', dataset: { format: fmt } }, label);
  const unitRows = r.units.map((u) => [
    u.unit, fmtNumber(u.total), fmtNumber(u.done_on_time), fmtNumber(u.done_late), fmtNumber(u.open),
    u.overdue ? h('span', { class: 'overdue-text' }, fmtNumber(u.overdue)) : '0',
    u.overdue_30 ? h('strong', { class: 'overdue-text' }, fmtNumber(u.overdue_30)) : '0',
    fmtNumber(u.cancelled), formatPercent(u.on_time_percent)]);
  const tot = r.total;
  if (tot && r.units.length) {
    unitRows.push([h('strong', null, 'Tổng cộng'), ...[tot.total, tot.done_on_time, tot.done_late, tot.open, tot.overdue, tot.overdue_30, tot.cancelled]
      .map((x) => h('strong', null, fmtNumber(x))), h('strong', null, formatPercent(tot.on_time_percent))]);
  }
  const rateBox = h('div', { class: 'chart-box', id: 'chart-rate' });
  const monthBox = h('div', { class: 'chart-box', id: 'chart-months' });
  const overdue = r.overdue || [];
  main.append(
    pageHeader('Báo cáo'),
    h('section', { class: 'panel' }, form),
    h('h2', { class: 'report-title', id: 'report-title' }, `Báo cáo tình hình thực hiện nhiệm vụ – ${name}`),
    h('p', { class: 'muted' }, `Số liệu tính đến ngày ${fmtDate(r.as_of || asOf)}`,
      unit ? ` · đơn vị: ${(units.find((u) => u.id === unit) || {}).name || unit}` : '', '.'),
    h('div', { class: 'downloads', role: 'group', 'aria-label': 'Tải báo cáo' },
      h('span', { class: 'muted' }, 'Tải về:'),
      dl('xlsx', 'Excel (XLSX)'), dl('csv', 'CSV'), dl('md', 'Markdown'), dl('ics', 'Lịch (ICS)')),
    h('section', { class: 'panel', 'aria-labelledby': 'rp-units-h' },
      h('h2', { id: 'rp-units-h' }, 'Tổng hợp theo đơn vị chủ trì'),
      r.units.length ? table({
        caption: 'Số nhiệm vụ theo đơn vị chủ trì',
        head: ['Đơn vị', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn', 'Quá hạn trên 30 ngày', 'Đã hủy', 'Tỷ lệ đúng hạn'],
        numeric: [1, 2, 3, 4, 5, 6, 7, 8],
        rows: unitRows,
        className: 'table-report',
      }) : empty('Chưa có nhiệm vụ nào trong phạm vi báo cáo.')),
    h('div', { class: 'chart-grid' },
      h('section', { class: 'panel', 'aria-labelledby': 'rp-rate-h' }, h('h2', { id: 'rp-rate-h' }, 'Tỷ lệ hoàn thành đúng hạn theo đơn vị'), rateBox),
      h('section', { class: 'panel', 'aria-labelledby': 'rp-months-h' }, h('h2', { id: 'rp-months-h' }, 'Nhiệm vụ quá hạn qua các tháng'), monthBox)),
    h('section', { class: 'panel', 'aria-labelledby': 'rp-late-h' },
      h('h2', { id: 'rp-late-h' }, `Nhiệm vụ quá hạn (${overdue.length})`),
      overdue.length ? table({
        caption: 'Danh sách nhiệm vụ quá hạn',
        head: ['Đơn vị chủ trì', 'Văn bản', 'Mục', 'Nội dung', 'Thời hạn', 'Số ngày quá hạn', 'Số ngày làm việc quá hạn'],
        numeric: [5, 6],
        rows: overdue.map((o) => [o.unit, h('a', { href: `/van-ban/${o.document_id}` }, o.document), o.ref,
          h('a', { href: `/nhiem-vu/${o.task_id}` }, o.action), fmtDate(o.due),
          o.days > LONG_OVERDUE_DAYS ? h('strong', { class: 'overdue-text' }, `${o.days} (trên 30 ngày)`) : String(o.days), String(o.working_days)]),
        className: 'table-overdue',
      }) : empty('Không có nhiệm vụ quá hạn.')));
  const rateItems = r.units.map((u) => ({ label: u.unit, value: u.on_time_percent }));
  const stops = [
    rateItems.length ? keepDrawn(rateBox, () => drawRateChart(rateBox, rateItems, { title: 'Tỷ lệ hoàn thành đúng hạn theo đơn vị' }))
      : (rateBox.append(empty('Chưa có số liệu.')), null),
    keepDrawn(monthBox, () => drawMonthChart(monthBox, r.months || [], { title: 'Số nhiệm vụ quá hạn và hoàn thành theo tháng', labelOf: monthShort })),
  ];
  return () => stops.forEach((s) => s && s());
}
