// Small SVG charts drawn at the width of their container (redrawn when it changes), so that
// labels keep a readable size from a phone to a desktop. No library.
import { h, clear } from './dom.js';

const NS = 'svg:';

function text(x, y, s, attrs = {}) {
  return h(`${NS}text`, { x, y, ...attrs }, s);
}

function shorten(s, max) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// Horizontal bars: one row per item {label, value (0..100) or null, note}.
export function drawRateChart(box, items, { title }) {
  const width = Math.max(280, box.clientWidth || 600);
  const narrow = width < 520;
  const labelW = narrow ? 0 : Math.min(260, width * 0.38);
  const rowH = narrow ? 44 : 28;
  const top = 8;
  const right = 48;
  const height = top + items.length * rowH + 24;
  const plotW = width - labelW - right - 8;
  const svg = h(`${NS}svg`, { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(h(`${NS}title`, null, title));
  // Grid at 0, 50, 100 %.
  for (const p of [0, 50, 100]) {
    const x = labelW + (plotW * p) / 100;
    svg.append(h(`${NS}line`, { x1: x, x2: x, y1: top, y2: height - 20, class: 'grid' }),
      text(x, height - 6, `${p}%`, { 'text-anchor': p === 0 ? 'start' : p === 100 ? 'end' : 'middle', class: 'axis' }));
  }
  items.forEach((it, i) => {
    const y = top + i * rowH;
    const barY = narrow ? y + 18 : y + 5;
    const barH = narrow ? 18 : rowH - 10;
    const label = shorten(it.label, narrow ? Math.floor(width / 7.5) : Math.floor(labelW / 7));
    svg.append(narrow ? text(0, y + 13, label, { class: 'label' }) : text(labelW - 8, y + rowH / 2 + 4, label, { 'text-anchor': 'end', class: 'label' }));
    if (it.value === null || it.value === undefined) {
      svg.append(text(labelW + 4, barY + barH / 2 + 4, 'chưa có nhiệm vụ đến hạn', { class: 'axis' }));
      return;
    }
    const w = Math.max(1, (plotW * it.value) / 100);
    const cls = it.value >= 80 ? 'bar-good' : it.value >= 50 ? 'bar-mid' : 'bar-bad';
    const bar = h(`${NS}rect`, { x: labelW, y: barY, width: w, height: barH, rx: 2, class: `bar ${cls}` });
    bar.append(h(`${NS}title`, null, `${it.label}: ${formatPercent(it.value)}`));
    svg.append(bar, text(labelW + w + 4, barY + barH / 2 + 4, formatPercent(it.value), { class: 'value' }));
  });
  clear(box);
  box.append(svg);
}

export function formatPercent(v) {
  if (v === null || v === undefined) return '—';
  return `${(Math.round(v * 10) / 10).toString().replace('.', ',')}%`;
}

// Columns per month: overdue (red) and done (green) side by side.
export function drawMonthChart(box, months, { title, labelOf }) {
  const width = Math.max(280, box.clientWidth || 600);
  const twoLines = width < 420;  // the legend's two entries one under the other
  const height = twoLines ? 258 : 244;
  const left = 34;
  const bottom = twoLines ? 66 : 52;
  const top = 12;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...months.map((m) => Math.max(m.overdue, m.done)));
  const step = niceStep(max);
  const top100 = Math.ceil(max / step) * step;
  const svg = h(`${NS}svg`, { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(h(`${NS}title`, null, title));
  for (let v = 0; v <= top100; v += step) {
    const y = top + plotH - (plotH * v) / top100;
    svg.append(h(`${NS}line`, { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }),
      text(left - 6, y + 4, String(v), { 'text-anchor': 'end', class: 'axis' }));
  }
  const slot = plotW / months.length;
  const barW = Math.max(3, Math.min(18, slot / 2 - 3));
  const every = slot < 28 ? Math.ceil(28 / slot) : 1;
  months.forEach((m, i) => {
    const x0 = left + i * slot + slot / 2;
    const bars = [['overdue', m.overdue, 'bar-bad', 'quá hạn'], ['done', m.done, 'bar-good', 'hoàn thành']];
    bars.forEach(([, v, cls, word], j) => {
      const hgt = (plotH * v) / top100;
      const r = h(`${NS}rect`, { x: x0 - barW - 1 + j * (barW + 2), y: top + plotH - hgt, width: barW, height: Math.max(0, hgt), class: `bar ${cls}` });
      r.append(h(`${NS}title`, null, `${labelOf(m.month)}: ${v} ${word}`));
      svg.append(r);
    });
    // Labelled from the last (current) month backwards; the year under the first label and
    // under each January.
    if ((months.length - 1 - i) % every === 0) {
      const [y, mo] = m.month.split('-');
      svg.append(text(x0, height - bottom + 14, `T${Number(mo)}`, { 'text-anchor': 'middle', class: 'axis' }));
      if (i === (months.length - 1) % every || Number(mo) === 1) svg.append(text(x0, height - bottom + 27, y, { 'text-anchor': 'middle', class: 'axis' }));
    }
  });
  const second = twoLines ? { x: left, y: height - 13 } : { x: left + 150, y: height - 13 };
  const first = { x: left, y: twoLines ? height - 27 : height - 13 };
  svg.append(h(`${NS}rect`, { x: first.x, y: first.y, width: 10, height: 10, class: 'swatch bar-bad' }),
    text(first.x + 14, first.y + 9, 'Quá hạn (cuối tháng)', { class: 'axis' }),
    h(`${NS}rect`, { x: second.x, y: second.y, width: 10, height: 10, class: 'swatch bar-good' }),
    text(second.x + 14, second.y + 9, 'Hoàn thành trong tháng', { class: 'axis' }));
  clear(box);
  box.append(svg);
}

function niceStep(max) {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return Math.max(1, m * p);
  return Math.max(1, 10 * p);
}

// Redraws when the container's width changes; returns a function that stops watching.
export function keepDrawn(box, draw) {
  draw();
  let last = box.clientWidth;
  const ro = new ResizeObserver(() => {
    if (Math.abs(box.clientWidth - last) < 8) return;
    last = box.clientWidth;
    draw();
  });
  ro.observe(box);
  return () => ro.disconnect();
}
