// DOM building without HTML strings: every text goes in as a text node (document text is data,
// never markup), listeners are attached with addEventListener. Vietnamese formats for dates,
// quarters, months, statuses and roles.

export function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      } else if (k === 'dataset') {
        for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = dv;
      } else if (k === 'class') {
        el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
      } else if (k === 'value' && 'value' in el && !tag.startsWith('svg:')) {
        el.value = v;
      } else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden' || k === 'multiple') {
        el[k] = !!v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

let uid = 0;
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

// ---- dates ----

const pad2 = (n) => String(n).padStart(2, '0');

export function isoOf(d) {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function todayIso() {
  return isoOf(new Date());
}

// "2026-04-20" -> "20/04/2026"; partial dates keep what they have ("2026-04" -> "04/2026").
export function fmtDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(iso));
  if (!m) return String(iso);
  if (m[3]) return `${m[3]}/${m[2]}/${m[1]}`;
  if (m[2]) return `${m[2]}/${m[1]}`;
  return m[1];
}

// An ISO UTC time -> "dd/mm/yyyy HH:MM" in the browser's time zone.
export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

// "dd/mm/yyyy" (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) -> ISO, or null when not a real date.
export function parseDate(text) {
  const s = String(text || '').trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

export function addDaysIso(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return isoOf(new Date(y, m - 1, d + days));
}

export function daysInMonth(y, m) {
  return new Date(y, m, 0).getDate();
}

const ROMAN = ['I', 'II', 'III', 'IV'];
export function quarterOf(iso) {
  const [y, m] = iso.split('-').map(Number);
  return { year: y, q: Math.floor((m - 1) / 3) + 1 };
}
export function quarterLabel(q, year) {
  return `Quý ${ROMAN[q - 1]}/${year}`;
}
// "2026-04" -> "Tháng 4/2026"
export function monthLabel(ym) {
  const [y, m] = ym.split('-').map(Number);
  return `Tháng ${m}/${y}`;
}
export function monthShort(ym) {
  const [y, m] = ym.split('-').map(Number);
  return `${pad2(m)}/${y}`;
}

export const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
export const WEEKDAYS_SHORT = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

export function weekdayOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return (new Date(y, m - 1, d).getDay() + 6) % 7;  // Monday = 0
}

// A text field for dates written dd/mm/yyyy (what an office writes, whatever the browser's
// language); `read()` gives ISO, null when empty, or throws with a message for the user.
export function dateField({ id, name, value, required = false, label }) {
  const input = h('input', {
    type: 'text', id, name, inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy',
    pattern: '\\d{1,2}[\\/.\\-]\\d{1,2}[\\/.\\-]\\d{4}', value: value ? fmtDate(value) : '', required,
    class: 'date-input',
  });
  input.read = () => {
    const v = input.value.trim();
    if (!v) {
      if (required) throw new Error(`${label || 'Ngày'}: hãy nhập ngày (dd/mm/yyyy)`);
      return null;
    }
    const iso = parseDate(v);
    if (!iso) throw new Error(`${label || 'Ngày'}: "${v}" không phải ngày hợp lệ (dd/mm/yyyy)`);
    return iso;
  };
  return input;
}

// ---- labels ----

export const STATUS_LABELS = {
  open: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};
export function statusLabel(s) {
  return STATUS_LABELS[s] || s || '';
}

export const ROLE_LABELS = {
  admin: 'Quản trị',
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  unit: 'Đơn vị',
};

export const BOUND_LABELS = {
  before: 'trước ngày',
  by: 'chậm nhất',
  on: 'vào ngày',
  relative: 'tương đối',
};

export function plural(n, word) {
  return `${new Intl.NumberFormat('vi-VN').format(n)} ${word}`;
}

export function fmtNumber(n) {
  return new Intl.NumberFormat('vi-VN').format(n);
}

export function fmtSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

// Strips diacritics and đ, lower case: for matching typed filters against names.
export function fold(s) {
  return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

// Names typed one per line or separated by ';' (commas are part of unit names).
export function splitNames(text) {
  return String(text || '').split(/[\n;]/).map((s) => s.trim()).filter(Boolean);
}

// Overdue text: "quá 12 ngày (8 ngày làm việc)"
export function overdueText(t) {
  return `quá hạn ${t.overdue_days} ngày (${t.overdue_working_days} ngày làm việc)`;
}

// Spans are byte ranges [b, e) into the UTF-8 bytes of a text; the DOM counts UTF-16 units.
// utf8Index(text) maps every byte offset that starts a character (and the end) to its UTF-16
// offset; charRange(index, [b, e]) converts a span (null when it does not fall on characters).
export function utf8Index(text) {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  const map = new Int32Array(bytes + 1).fill(-1);
  let byte = 0;
  let i = 0;
  for (const ch of text) {
    map[byte] = i;
    const cp = ch.codePointAt(0);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map[byte] = i;
  return { map, bytes };
}

export function charRange(index, span) {
  if (!Array.isArray(span) || span.length !== 2) return null;
  const [b, e] = span;
  if (!(b >= 0 && e <= index.bytes && e > b)) return null;
  const cb = index.map[b];
  const ce = index.map[e];
  if (cb < 0 || ce < 0) return null;
  return [cb, ce];
}

// A small line icon (SVG, drawn with currentColor), hidden from screen readers: the control
// that holds it carries the name.
export function icon(name) {
  const svg = h('svg:svg', { viewBox: '0 0 16 16', width: '16', height: '16', 'aria-hidden': 'true', focusable: 'false', class: 'icon' });
  if (name === 'locate') {
    svg.append(h('svg:circle', { cx: '8', cy: '8', r: '4.5' }),
      h('svg:path', { d: 'M8 0.5v3M8 12.5v3M0.5 8h3M12.5 8h3' }),
      h('svg:circle', { cx: '8', cy: '8', r: '1.2', class: 'icon-fill' }));
  }
  return svg;
}
