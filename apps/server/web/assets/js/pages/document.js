// The document page: the text as read, with every extracted value highlighted at its span
// (header fields, citations as links to the stored cited document, tasks, leads, deadlines);
// a panel beside it lists the values, and a click on one scrolls to its span and flashes it.
// Clerks correct header fields, citations and tasks there, add a task the reader missed,
// delete a false one, and give the date of a relative deadline's anchor.
import * as api from '../api.js';
import {
  h, replace, fmtDate, fmtTime, fmtSize, dateField, parseDate, splitNames, utf8Index, charRange, nextId, BOUND_LABELS, icon,
} from '../dom.js';
import { statusBadge, names, field, empty } from '../components.js';
import { can, announce } from '../main.js';
import { DOC_TYPES, docTitle } from './documents.js';

const HEADER_FIELDS = [
  ['type', 'Loại văn bản'],
  ['number', 'Số'],
  ['symbol', 'Ký hiệu'],
  ['year', 'Năm (trong số hiệu)'],
  ['issuer', 'Cơ quan ban hành'],
  ['parent', 'Cơ quan cấp trên'],
  ['place', 'Địa danh'],
  ['date', 'Ngày ban hành'],
  ['subject', 'Trích yếu'],
  ['recipients', 'Kính gửi'],
  ['signer', 'Người ký'],
  ['distribution', 'Nơi nhận'],
];
const SIGNER_PARTS = [['authority', 'Thẩm quyền ký'], ['on_behalf', 'Thay mặt'], ['title', 'Chức vụ'], ['name', 'Họ và tên']];
const CITATION_PARTS = [['type', 'Loại'], ['number', 'Số'], ['symbol', 'Ký hiệu'], ['year', 'Năm'], ['date', 'Ngày'], ['issuer', 'Cơ quan ban hành'], ['text', 'Nguyên văn']];

// A cited document's number as written: "45-KH/TU" (party symbols hold a '/'), "45/KH-UBND",
// "245/2025/QH15".
function citeIdent(c) {
  if (!c.number) return c.symbol || '';
  if (!c.symbol) return c.number;
  if (c.symbol.includes('/')) return `${c.number}-${c.symbol}`;
  return [c.number, c.year, c.symbol].filter((x) => x !== null && x !== undefined && x !== '').join('/');
}

// A deadline phrase that writes its own date ("trước ngày 20/4/2026") needs no date beside it.
export function hasDate(text) {
  return /\d{1,2}\/\d{1,2}\/\d{4}/.test(text || '');
}

export async function renderDocument(main, ctx) {
  const id = Number(ctx.params[0]);
  const page = await api.get(`/api/documents/${id}`);
  const view = new DocumentView(main, ctx, id);
  view.show(page);
  const focusKey = ctx.query.get('nhiem-vu');
  if (focusKey) view.locate(`task-${focusKey}`, { fromPanel: true });
}

class DocumentView {
  constructor(main, ctx, id) {
    this.main = main;
    this.ctx = ctx;
    this.id = id;
    this.page = null;
  }

  // Re-fetches after a change and shows the page again, keeping the panel's scroll and focus.
  async reload(focusSelector) {
    const page = await api.get(`/api/documents/${this.id}`);
    this.show(page);
    if (focusSelector) {
      const el = this.main.querySelector(focusSelector);
      if (el) {
        el.setAttribute('tabindex', '-1');
        el.focus();
      }
    }
  }

  show(page) {
    this.page = page;
    const title = docTitle(page, this.id);
    this.ctx.setTitle(title);
    const text = h('div', { class: 'doc-text', id: 'doc-text', 'aria-label': 'Nội dung văn bản như đã đọc' });
    this.renderText(text);
    const side = h('div', { class: 'doc-side' },
      this.headerSection(),
      this.citationsSection(),
      this.tasksSection(),
      this.filesSection());
    replace(this.main,
      h('div', { class: 'page-head' },
        h('div', null,
          h('p', { class: 'crumbs' }, h('a', { href: '/van-ban' }, 'Văn bản'), ' › ', title),
          h('h1', null, title),
          h('p', { class: 'doc-subject' }, page.subject || ''),
          h('p', { class: 'muted' }, [page.issuer, page.date ? `ngày ${fmtDate(page.date)}` : null].filter(Boolean).join(', '),
            page.text && page.text.diacritics === 'restored' ? h('span', { class: 'badge badge-note' }, 'dấu tiếng Việt được khôi phục') : null,
            page.text && page.text.ocr ? h('span', { class: 'badge badge-note' }, 'đọc từ bản quét (OCR)') : null))),
      h('div', { class: 'legend', 'aria-hidden': 'true' },
        h('span', { class: 'hl hl-hdr' }, 'thông tin văn bản'), h('span', { class: 'hl hl-cit' }, 'văn bản dẫn chiếu'),
        h('span', { class: 'hl hl-task' }, 'nhiệm vụ'), h('span', { class: 'hl hl-lead' }, 'đơn vị chủ trì'),
        h('span', { class: 'hl hl-dl' }, 'thời hạn')),
      h('div', { class: 'doc-layout' },
        h('section', { class: 'doc-text-wrap', 'aria-labelledby': 'doc-text-h' },
          h('h2', { id: 'doc-text-h' }, 'Nội dung văn bản'), text),
        side));
  }

  // ---- the text with its spans ----

  spans() {
    const p = this.page;
    const out = [];
    for (const [key, span] of Object.entries(p.spans || {})) out.push({ key: `hdr-${key}`, kind: 'hdr', span });
    const cites = p.cites || [];
    (p.citations || []).forEach((c, i) => {
      const target = cites.find((x) => x.text === c.text && x.number === c.number && x.symbol === c.symbol) || cites[i];
      out.push({ key: `cit-${i}`, kind: 'cit', span: c.span, href: target && target.target_id ? `/van-ban/${target.target_id}` : null });
    });
    for (const t of p.tasks || []) {
      out.push({ key: `task-${t.id}`, kind: 'task', span: t.span });
      (t.deadlines || []).forEach((d, j) => out.push({ key: `dl-${t.id}-${j}`, kind: 'dl', span: d.span }));
      (t.lead_spans || []).forEach((l, j) => out.push({ key: `lead-${t.id}-${j}`, kind: 'lead', span: l.span }));
    }
    return out;
  }

  renderText(box) {
    const text = this.page.text_content || '';
    if (!text) {
      box.append(empty('Văn bản không có nội dung chữ.'));
      return;
    }
    const index = utf8Index(text);
    const ranges = [];
    for (const s of this.spans()) {
      const r = charRange(index, s.span);
      if (r) ranges.push({ ...s, b: r[0], e: r[1] });
    }
    const cuts = new Set([0, text.length]);
    for (const r of ranges) { cuts.add(r.b); cuts.add(r.e); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    // Spans sorted by length: the last covering one is the innermost.
    ranges.sort((a, b) => (b.e - b.b) - (a.e - a.b));
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i += 1) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const cover = ranges.filter((r) => r.b <= a && r.e >= b);
      if (!cover.length) {
        frag.append(document.createTextNode(piece));
        continue;
      }
      const kinds = Array.from(new Set(cover.map((r) => r.kind)));
      const link = cover.find((r) => r.kind === 'cit' && r.href);
      const el = h(link ? 'a' : 'span', {
        class: ['hl', ...kinds.map((k) => `hl-${k}`)],
        href: link ? link.href : null,
        dataset: { keys: cover.map((r) => r.key).join(' ') },
      }, piece);
      frag.append(el);
    }
    box.append(frag);
    box.addEventListener('click', (e) => {
      const el = e.target.closest('[data-keys]');
      if (!el || el.tagName === 'A') return;
      const keys = el.dataset.keys.split(' ');
      const inner = keys[keys.length - 1];
      const target = this.main.querySelector(`[data-src="${inner}"]`) || this.main.querySelector(`[data-src="${keys[0]}"]`);
      if (target) {
        target.scrollIntoView({ block: 'center', behavior: 'smooth' });
        target.focus({ preventScroll: true });
      }
    });
  }

  // Scrolls to a value's span in the text and flashes it.
  locate(key, { fromPanel = false } = {}) {
    const els = Array.from(this.main.querySelectorAll('#doc-text [data-keys]'))
      .filter((el) => el.dataset.keys.split(' ').includes(key));
    if (!els.length) {
      if (fromPanel) announce('Giá trị này không có vị trí trong văn bản (do người sửa hoặc thêm).');
      return false;
    }
    for (const el of this.main.querySelectorAll('.flash')) el.classList.remove('flash');
    els[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (const el of els) {
      el.classList.remove('flash');
      void el.offsetWidth;  // restart the animation
      el.classList.add('flash');
    }
    els[0].setAttribute('tabindex', '-1');
    els[0].focus({ preventScroll: true });
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => els.forEach((el) => el.classList.remove('flash')), 2600);
    return true;
  }

  srcButton(key, label) {
    const has = this.spanKeys().has(key);
    if (!has) return null;
    return h('button', {
      type: 'button', class: 'src-btn', dataset: { src: key }, title: 'Xem vị trí trong văn bản',
      'aria-label': `Xem vị trí trong văn bản: ${label}`,
      on: { click: () => this.locate(key, { fromPanel: true }) },
    }, icon('locate'));
  }

  spanKeys() {
    if (this.page._keys) return this.page._keys;
    const text = this.page.text_content || '';
    const index = utf8Index(text);
    this.page._keys = new Set(this.spans().filter((s) => charRange(index, s.span)).map((s) => s.key));
    return this.page._keys;
  }

  corrected(key) {
    return !!(this.page.corrected && Object.prototype.hasOwnProperty.call(this.page.corrected, key));
  }

  // ---- header fields ----

  headerSection() {
    const p = this.page;
    const rows = [];
    for (const [key, label] of HEADER_FIELDS) {
      const v = p[key];
      let value;
      if (key === 'recipients' || key === 'distribution') {
        value = (v && v.length) ? h('ul', { class: 'plain' }, v.map((x, i) => h('li', null,
          this.valueButton(`hdr-${key}.${i}`, x), this.srcButton(`hdr-${key}.${i}`, `${label}: ${x}`)))) : h('span', { class: 'muted' }, '—');
      } else if (key === 'signer') {
        const keys = this.spanKeys();
        const whole = keys.has('hdr-signer') ? 'hdr-signer' : null;
        value = v ? h('ul', { class: 'plain' }, SIGNER_PARTS.filter(([k]) => v[k]).map(([k, l]) => {
          const key = keys.has(`hdr-signer.${k}`) ? `hdr-signer.${k}` : whole;
          return h('li', null, h('span', { class: 'muted' }, `${l}: `), key ? this.valueButton(key, v[k]) : v[k],
            key && (key !== whole || k === SIGNER_PARTS.filter(([x]) => v[x]).pop()[0]) ? this.srcButton(key, `${l}: ${v[k]}`) : null);
        })) : h('span', { class: 'muted' }, '—');
      } else {
        const shown = v === null || v === undefined || v === '' ? null : key === 'date' ? fmtDate(v) : String(v);
        value = shown === null ? h('span', { class: 'muted' }, '—')
          : h('span', null, this.valueButton(`hdr-${key}`, shown), this.srcButton(`hdr-${key}`, `${label}: ${shown}`));
      }
      rows.push(h('div', { class: 'kv' }, h('dt', null, label, this.corrected(key) ? h('span', { class: 'badge badge-note' }, 'đã sửa') : null), h('dd', null, value)));
    }
    const section = h('section', { class: 'panel', 'aria-labelledby': 'doc-hdr-h', id: 'doc-header' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'doc-hdr-h' }, 'Thông tin văn bản'),
        can.edit() ? h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', id: 'edit-header',
          on: { click: (e) => this.toggleForm(e.currentTarget, section, () => this.headerForm()) } }, 'Sửa') : null),
      h('dl', { class: 'kvs' }, rows));
    return section;
  }

  valueButton(key, text) {
    if (!this.spanKeys().has(key)) return h('span', null, text);
    return h('button', { type: 'button', class: 'value-btn', on: { click: () => this.locate(key, { fromPanel: true }) } }, text);
  }

  toggleForm(button, section, make) {
    const open = section.querySelector('form.edit-form');
    if (open) {
      open.remove();
      button.setAttribute('aria-expanded', 'false');
      button.textContent = 'Sửa';
      return;
    }
    const form = make();
    section.append(form);
    button.setAttribute('aria-expanded', 'true');
    button.textContent = 'Đóng';
    const first = form.querySelector('input, textarea, select');
    if (first) first.focus();
  }

  headerForm() {
    const p = this.page;
    const inputs = {};
    const fields = [];
    const err = h('p', { class: 'error', role: 'alert', hidden: true });
    for (const [key, label] of HEADER_FIELDS) {
      const id = `hf-${key}`;
      if (key === 'signer') {
        const s = p.signer || {};
        inputs.signer = {};
        const group = h('fieldset', { class: 'group' }, h('legend', null, label));
        for (const [k, l] of SIGNER_PARTS) {
          inputs.signer[k] = h('input', { id: `hf-signer-${k}`, type: 'text', value: s[k] || '' });
          group.append(field(l, inputs.signer[k]));
        }
        fields.push(group);
      } else if (key === 'recipients' || key === 'distribution') {
        inputs[key] = h('textarea', { id, rows: '3' }, (p[key] || []).join('\n'));
        fields.push(field(label, inputs[key], 'mỗi dòng một mục'));
      } else if (key === 'type') {
        const types = DOC_TYPES.includes(p.type) || !p.type ? DOC_TYPES : [p.type, ...DOC_TYPES];
        inputs.type = h('select', { id }, h('option', { value: '' }, '(không rõ)'), types.map((t) => h('option', { value: t, selected: t === p.type }, t)));
        fields.push(field(label, inputs.type));
      } else if (key === 'date') {
        inputs.date = h('input', { id, type: 'text', inputmode: 'numeric', value: p.date ? fmtDate(p.date) : '', placeholder: 'dd/mm/yyyy' });
        fields.push(field(label, inputs.date, 'dd/mm/yyyy (bản dự thảo: mm/yyyy hoặc yyyy)'));
      } else if (key === 'subject') {
        inputs.subject = h('textarea', { id, rows: '3' }, p.subject || '');
        fields.push(field(label, inputs.subject));
      } else if (key === 'year') {
        inputs.year = h('input', { id, type: 'text', inputmode: 'numeric', value: p.year === null || p.year === undefined ? '' : String(p.year) });
        fields.push(field(label, inputs.year));
      } else {
        inputs[key] = h('input', { id, type: 'text', value: p[key] || '' });
        fields.push(field(label, inputs[key]));
      }
    }
    const form = h('form', { class: 'edit-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      let changes;
      try {
        changes = this.headerChanges(inputs);
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      if (!Object.keys(changes).length) {
        err.textContent = 'Không có gì thay đổi.';
        err.hidden = false;
        return;
      }
      await this.save(() => api.patch(`/api/documents/${this.id}`, changes), 'Đã lưu thông tin văn bản', '#doc-hdr-h', err);
    } } },
    fields, err,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lưu thông tin văn bản')));
    return form;
  }

  headerChanges(inputs) {
    const p = this.page;
    const out = {};
    const str = (v) => (v.trim() === '' ? null : v.trim());
    for (const key of ['type', 'number', 'symbol', 'issuer', 'parent', 'place', 'subject']) {
      const v = str(inputs[key].value);
      if (v !== (p[key] === undefined ? null : p[key])) out[key] = v;
    }
    const yearText = inputs.year.value.trim();
    const year = yearText === '' ? null : Number(yearText);
    if (yearText !== '' && !/^\d{4}$/.test(yearText)) throw new Error('Năm phải gồm 4 chữ số.');
    if (year !== (p.year === undefined ? null : p.year)) out.year = year;
    const dateText = inputs.date.value.trim();
    let date = null;
    if (dateText) {
      date = parseDate(dateText);
      if (!date) {
        let m = /^(\d{1,2})[/.-](\d{4})$/.exec(dateText);
        if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) date = `${m[2]}-${m[1].padStart(2, '0')}`;
        m = /^(\d{4})$/.exec(dateText);
        if (m) date = m[1];
      }
      if (!date) throw new Error(`Ngày ban hành: "${dateText}" không phải ngày hợp lệ (dd/mm/yyyy).`);
    }
    if (date !== (p.date || null)) out.date = date;
    for (const key of ['recipients', 'distribution']) {
      const lines = inputs[key].value.split('\n').map((x) => x.trim()).filter(Boolean);
      if (JSON.stringify(lines) !== JSON.stringify(p[key] || [])) out[key] = lines;
    }
    const s = {};
    let any = false;
    for (const [k] of SIGNER_PARTS) {
      s[k] = str(inputs.signer[k].value);
      if (s[k]) any = true;
    }
    const old = p.signer || null;
    const was = old ? Object.fromEntries(SIGNER_PARTS.map(([k]) => [k, old[k] || null])) : null;
    const now = any ? s : null;
    if (JSON.stringify(was) !== JSON.stringify(now)) out.signer = now;
    return out;
  }

  async save(action, message, focusSelector, errEl) {
    try {
      await action();
      await this.reload(focusSelector);
      announce(message);
    } catch (x) {
      if (errEl) {
        errEl.textContent = `Không lưu được: ${x.message}`;
        errEl.hidden = false;
      } else {
        announce(`Không lưu được: ${x.message}`, 'error');
      }
    }
  }

  // ---- citations ----

  citationsSection() {
    const p = this.page;
    const cites = p.cites || [];
    const items = (p.citations || []).map((c, i) => {
      const target = cites.find((x) => x.text === c.text && x.number === c.number && x.symbol === c.symbol) || cites[i];
      const label = [c.type, citeIdent(c)].filter(Boolean).join(' số ');
      return h('li', { class: 'cite' },
        target && target.target_id
          ? h('a', { href: `/van-ban/${target.target_id}` }, label || c.text)
          : h('span', null, label || c.text),
        c.date ? ` ngày ${fmtDate(c.date)}` : '',
        c.issuer ? ` của ${c.issuer}` : '',
        this.srcButton(`cit-${i}`, c.text || label),
        target && target.target_id ? null : h('span', { class: 'muted small' }, ' (chưa có trong kho)'));
    });
    const by = (p.cited_by || []).map((c) => h('li', null, h('a', { href: `/van-ban/${c.document_id}` }, [c.type, c.document].filter(Boolean).join(' '))));
    const section = h('section', { class: 'panel', 'aria-labelledby': 'doc-cit-h', id: 'doc-citations' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'doc-cit-h' }, `Văn bản dẫn chiếu (${items.length})`,
        this.corrected('citations') ? h('span', { class: 'badge badge-note' }, 'đã sửa') : null),
      can.edit() ? h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', id: 'edit-citations',
        on: { click: (e) => this.toggleForm(e.currentTarget, section, () => this.citationsForm()) } }, 'Sửa') : null),
      items.length ? h('ul', { class: 'plain cites' }, items) : empty('Văn bản không dẫn chiếu văn bản nào.'),
      by.length ? [h('h3', null, 'Được dẫn chiếu bởi'), h('ul', { class: 'plain' }, by)] : null);
    return section;
  }

  citationsForm() {
    const list = h('ol', { class: 'cite-edit' });
    const addRow = (c) => {
      const inputs = {};
      const li = h('li', { class: 'group' });
      const legend = h('p', { class: 'group-title' }, 'Văn bản dẫn chiếu');
      li.append(legend);
      for (const [k, l] of CITATION_PARTS) {
        const id = nextId('cit');
        let v = c[k];
        if (k === 'date') v = v ? fmtDate(v) : '';
        inputs[k] = h(k === 'text' ? 'textarea' : 'input', k === 'text' ? { id, rows: '2' } : { id, type: 'text', value: v === null || v === undefined ? '' : String(v) }, k === 'text' ? (v || '') : null);
        li.append(field(l, inputs[k], k === 'date' ? 'dd/mm/yyyy' : null));
      }
      li.append(h('button', { type: 'button', class: 'btn btn-small btn-danger', on: { click: () => li.remove() } }, 'Bỏ văn bản dẫn chiếu này'));
      li.inputs = inputs;
      li.original = c;
      list.append(li);
      return li;
    };
    for (const c of this.page.citations || []) addRow(c);
    const err = h('p', { class: 'error', role: 'alert', hidden: true });
    return h('form', { class: 'edit-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      const out = [];
      try {
        for (const li of list.children) {
          const c = {};
          for (const [k] of CITATION_PARTS) {
            const v = li.inputs[k].value.trim();
            if (k === 'year') {
              if (v && !/^\d{4}$/.test(v)) throw new Error('Năm của văn bản dẫn chiếu phải gồm 4 chữ số.');
              c.year = v ? Number(v) : null;
            } else if (k === 'date') {
              if (v && !parseDate(v)) throw new Error(`Ngày "${v}" không hợp lệ (dd/mm/yyyy).`);
              c.date = v ? parseDate(v) : null;
            } else {
              c[k] = v || null;
            }
          }
          if (!c.number && !c.symbol) throw new Error('Mỗi văn bản dẫn chiếu cần có số hoặc ký hiệu.');
          if (!c.text) c.text = [c.type, citeIdent(c)].filter(Boolean).join(' số ');
          out.push(c);
        }
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      await this.save(() => api.patch(`/api/documents/${this.id}`, { citations: out }), 'Đã lưu văn bản dẫn chiếu', '#doc-cit-h', err);
    } } },
    list,
    h('button', { type: 'button', class: 'btn btn-small', on: { click: () => {
      const li = addRow({});
      li.querySelector('input').focus();
    } } }, 'Thêm văn bản dẫn chiếu'),
    err,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lưu văn bản dẫn chiếu')));
  }

  // ---- tasks ----

  tasksSection() {
    const tasks = this.page.tasks || [];
    const section = h('section', { class: 'panel', 'aria-labelledby': 'doc-tasks-h', id: 'doc-tasks' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'doc-tasks-h' }, `Nhiệm vụ (${tasks.length})`),
        can.edit() ? h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', id: 'add-task',
          on: { click: (e) => this.toggleForm(e.currentTarget, section, () => this.taskForm(null)) } }, 'Thêm nhiệm vụ') : null),
      tasks.length ? h('ol', { class: 'plain task-cards' }, tasks.map((t) => this.taskCard(t))) : empty('Văn bản không giao nhiệm vụ nào.'));
    return section;
  }

  taskCard(t) {
    const anchors = this.page.anchors || [];
    const deadlines = (t.deadlines || []).map((d, j) => {
      const key = `dl-${t.id}-${j}`;
      const rel = d.bound === 'relative';
      const set = rel && d.anchor ? anchors.find((a) => a.anchor === d.anchor) : null;
      return h('li', { class: 'deadline' },
        this.valueButton(key, d.text || (d.date ? fmtDate(d.date) : '')),
        this.srcButton(key, `Thời hạn: ${d.text || ''}`),
        d.date && !rel && !hasDate(d.text) ? h('span', { class: 'muted' }, ` (${BOUND_LABELS[d.bound] || d.bound} ${fmtDate(d.date)})`) : null,
        rel ? h('div', { class: 'anchor' },
          h('span', null, 'Mốc: ', h('strong', null, d.anchor || '(không rõ)')),
          d.offset !== undefined ? h('span', { class: 'muted' }, ` (${d.offset > 0 ? 'sau' : 'trước'} mốc ${Math.abs(d.offset)} ${d.unit === 'working_day' ? 'ngày làm việc' : d.unit === 'month' ? 'tháng' : 'ngày'})`) : null,
          set ? h('span', null, ` · ngày của mốc: ${fmtDate(set.date)}`) : h('span', { class: 'muted' }, ' · chưa có ngày của mốc'),
          can.edit() && d.anchor ? this.anchorForm(t, d, set) : null) : null);
    });
    const leadSpans = t.lead_spans || [];
    const lead = (t.lead || []).map((n, j) => {
      const k = leadSpans.findIndex((l) => l.name === n);
      const key = k >= 0 ? `lead-${t.id}-${k}` : null;
      return h('li', null, key ? this.valueButton(key, n) : n, key ? this.srcButton(key, `Chủ trì: ${n}`) : null);
    });
    const dueChanged = t.due && t.due_extracted !== undefined && t.due !== t.due_extracted;
    const card = h('li', { class: ['task-card', t.manual && 'is-manual'], id: `task-${t.id}`, dataset: { taskId: t.id } },
      h('div', { class: 'task-card-head' },
        h('h3', { id: `task-${t.id}-h` }, h('button', { type: 'button', class: 'value-btn task-ref', dataset: { src: `task-${t.id}` },
          on: { click: () => this.locate(`task-${t.id}`, { fromPanel: true }) } }, t.ref ? `Mục ${t.ref}` : 'Nhiệm vụ')),
        statusBadge(t),
        t.manual ? h('span', { class: 'badge badge-note' }, 'do người thêm') : null,
        t.corrected ? h('span', { class: 'badge badge-note' }, 'đã sửa') : null),
      h('p', { class: 'task-card-action' }, t.action),
      h('dl', { class: 'kvs kvs-tight' },
        h('div', { class: 'kv' }, h('dt', null, 'Chủ trì'), h('dd', null, lead.length ? h('ul', { class: 'plain' }, lead) : h('span', { class: 'muted' }, '—'))),
        t.support && t.support.length ? h('div', { class: 'kv' }, h('dt', null, 'Phối hợp'), h('dd', null, names(t.support))) : null,
        t.report_to && t.report_to.length ? h('div', { class: 'kv' }, h('dt', null, 'Báo cáo về'), h('dd', null, names(t.report_to))) : null,
        deadlines.length ? h('div', { class: 'kv' }, h('dt', null, 'Thời hạn'), h('dd', null, h('ul', { class: 'plain' }, deadlines))) : null,
        h('div', { class: 'kv' }, h('dt', null, 'Hạn xử lý'), h('dd', null, t.due ? fmtDate(t.due) : h('span', { class: 'muted' }, 'chưa xác định'),
          dueChanged ? h('span', { class: 'badge badge-note' }, 'đã sửa') : null,
          t.overdue_days > 0 && (t.status === 'open' || t.status === 'in_progress')
            ? h('span', { class: 'overdue-text' }, ` quá hạn ${t.overdue_days} ngày (${t.overdue_working_days} ngày làm việc)`) : null))),
      h('div', { class: 'task-card-actions' },
        h('a', { href: `/nhiem-vu/${t.id}`, class: 'btn btn-small btn-quiet' }, 'Trang nhiệm vụ'),
        can.edit() ? h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', dataset: { edit: t.id },
          'aria-label': `Sửa nhiệm vụ mục ${t.ref || t.id}`,
          on: { click: (e) => this.toggleForm(e.currentTarget, card, () => this.taskForm(t)) } }, 'Sửa') : null,
        can.edit() ? h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Xóa nhiệm vụ mục ${t.ref || t.id} (trích sai)`,
          on: { click: () => this.deleteTask(t) } }, 'Xóa (trích sai)') : null));
    return card;
  }

  anchorForm(t, d, set) {
    const id = nextId('anchor');
    const input = dateField({ id, value: set ? set.date : '', label: 'Ngày của mốc', required: true });
    const err = h('p', { class: 'error', role: 'alert', hidden: true });
    return h('form', { class: 'inline-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      let date;
      try {
        date = input.read();
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      await this.save(() => api.put(`/api/documents/${this.id}/anchors`, { anchor: d.anchor, date }),
        `Đã đặt ngày của mốc "${d.anchor}"; hạn của các nhiệm vụ gắn với mốc đã được tính lại`, `#task-${t.id}-h`, err);
    } } },
    field(`Ngày "${d.anchor}"`, input, 'dd/mm/yyyy'),
    h('button', { type: 'submit', class: 'btn btn-small' }, 'Đặt ngày'), err);
  }

  taskForm(t) {
    const add = !t;
    const pre = add ? 'nt' : `t${t.id}`;
    const lead = h('textarea', { id: `${pre}-lead`, rows: '2' }, add ? '' : (t.lead || []).join('\n'));
    const support = h('textarea', { id: `${pre}-support`, rows: '2' }, add ? '' : (t.support || []).join('\n'));
    const action = h('textarea', { id: `${pre}-action`, rows: '3', required: true }, add ? '' : t.action || '');
    const due = dateField({ id: `${pre}-due`, value: add ? '' : t.due, label: 'Hạn xử lý' });
    const reportTo = h('textarea', { id: `${pre}-report`, rows: '1' }, add ? '' : (t.report_to || []).join('\n'));
    const err = h('p', { class: 'error', role: 'alert', hidden: true });
    const same = (a, b) => JSON.stringify(a || []) === JSON.stringify(b || []);
    return h('form', { class: 'edit-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      const body = {};
      try {
        const a = action.value.trim();
        if (!a) throw new Error('Hãy nhập nội dung nhiệm vụ.');
        const d = due.read();
        const leads = splitNames(lead.value);
        const sup = splitNames(support.value);
        const rep = splitNames(reportTo.value);
        if (add) {
          Object.assign(body, { action: a, lead: leads, support: sup, report_to: rep });
          if (d) body.due = d;
        } else {
          if (a !== t.action) body.action = a;
          if (!same(leads, t.lead)) body.lead = leads;
          if (!same(sup, t.support)) body.support = sup;
          if (!same(rep, t.report_to)) body.report_to = rep;
          if (d !== (t.due || null)) body.due = d;
          if (!Object.keys(body).length) throw new Error('Không có gì thay đổi.');
        }
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      if (add) {
        await this.save(() => api.post(`/api/documents/${this.id}/tasks`, body), 'Đã thêm nhiệm vụ', '#doc-tasks-h', err);
      } else {
        await this.save(() => api.patch(`/api/tasks/${t.id}`, body), 'Đã lưu nhiệm vụ', `#task-${t.id}-h`, err);
      }
    } } },
    add ? h('p', { class: 'muted' }, 'Thêm một nhiệm vụ mà hệ thống chưa trích xuất được.') : null,
    field('Nội dung nhiệm vụ', action),
    field('Đơn vị chủ trì', lead, add ? 'mỗi dòng một đơn vị' : 'mỗi dòng một đơn vị; để trống để trở lại đơn vị đã trích xuất'),
    field('Đơn vị phối hợp', support, 'mỗi dòng một đơn vị'),
    field('Hạn xử lý', due, add ? 'dd/mm/yyyy' : 'dd/mm/yyyy; để trống để trở lại hạn đã trích xuất'),
    field('Báo cáo về', reportTo, 'mỗi dòng một cơ quan'),
    err,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, add ? 'Thêm nhiệm vụ' : 'Lưu nhiệm vụ')));
  }

  async deleteTask(t) {
    if (!window.confirm(`Xóa nhiệm vụ mục ${t.ref || t.id}? Nhiệm vụ trích sai sẽ không được trích xuất lại.`)) return;
    await this.save(() => api.del(`/api/tasks/${t.id}`), 'Đã xóa nhiệm vụ', '#doc-tasks-h', null);
  }

  // ---- files ----

  filesSection() {
    const files = this.page.files || [];
    return h('section', { class: 'panel', 'aria-labelledby': 'doc-files-h' },
      h('h2', { id: 'doc-files-h' }, 'Tệp gốc'),
      files.length ? h('ul', { class: 'plain' }, files.map((f) => h('li', null, f.name.split(/[\\/]/).pop(), h('span', { class: 'muted' }, ` · ${fmtSize(f.size)} · nạp lúc ${fmtTime(f.added_at)}`))))
        : empty('Không có tệp.'),
      h('a', { class: 'btn btn-small', href: `/api/documents/${this.id}/file`, download: '' }, 'Tải tệp gốc'));
  }
}

