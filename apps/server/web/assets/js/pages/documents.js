// Văn bản: the list with filters (type, issuer, date range, has overdue tasks) kept in the URL,
// and, for clerks, the upload of one or many files by drag and drop or a file chooser, each
// file with its own progress bar (XMLHttpRequest upload progress).
import * as api from '../api.js';
import { h, replace, fmtDate, dateField, fmtSize, nextId, fmtNumber } from '../dom.js';
import { empty, field, pageHeader, filterBox } from '../components.js';
import { can, announce } from '../main.js';

export const DOC_TYPES = ['Công văn', 'Chỉ thị', 'Kết luận', 'Thông báo', 'Hướng dẫn', 'Kế hoạch', 'Nghị quyết',
  'Quyết định', 'Báo cáo', 'Tờ trình', 'Chương trình', 'Quy định', 'Quy chế', 'Công điện', 'Giấy mời', 'Biên bản',
  'Luật', 'Nghị định', 'Thông tư', 'Đề án', 'Phương án'];

// "Công văn số 123/UBND-VX"; a draft without a number is "Công văn #12".
export function docTitle(d, id) {
  const type = d.type || 'Văn bản';
  const ident = d.identifier && !String(d.identifier).startsWith('#') ? d.identifier : null;
  return ident ? `${type} số ${ident}` : `${type} #${id || d.id} (chưa có số)`;
}

export async function renderDocuments(main, ctx) {
  const q = ctx.query;
  const filters = {
    type: q.get('loai') || '',
    issuer: q.get('co-quan') || '',
    from: q.get('tu') || '',
    to: q.get('den') || '',
    overdue: q.get('qua-han') === '1',
  };

  const typeSel = h('select', { id: 'doc-type', name: 'loai' },
    h('option', { value: '' }, 'Tất cả các loại'),
    DOC_TYPES.map((t) => h('option', { value: t, selected: t === filters.type }, t)));
  const issuer = h('input', { id: 'doc-issuer', name: 'co-quan', type: 'search', value: filters.issuer, autocomplete: 'off' });
  const from = dateField({ id: 'doc-from', value: filters.from, label: 'Từ ngày' });
  const to = dateField({ id: 'doc-to', value: filters.to, label: 'Đến ngày' });
  const overdue = h('input', { id: 'doc-overdue', type: 'checkbox', checked: filters.overdue });
  const formError = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Lọc văn bản', on: { submit: (e) => {
    e.preventDefault();
    formError.hidden = true;
    const p = new URLSearchParams();
    try {
      if (typeSel.value) p.set('loai', typeSel.value);
      if (issuer.value.trim()) p.set('co-quan', issuer.value.trim());
      const f = from.read();
      const t = to.read();
      if (f) p.set('tu', f);
      if (t) p.set('den', t);
    } catch (err) {
      formError.textContent = err.message;
      formError.hidden = false;
      return;
    }
    if (overdue.checked) p.set('qua-han', '1');
    const s = p.toString();
    ctx.navigate('/van-ban' + (s ? '?' + s : ''));
  } } },
  field('Loại văn bản', typeSel),
  field('Cơ quan ban hành', issuer),
  field('Từ ngày', from, 'dd/mm/yyyy'),
  field('Đến ngày', to, 'dd/mm/yyyy'),
  h('div', { class: 'field field-check' }, overdue, h('label', { for: 'doc-overdue' }, 'Chỉ văn bản có nhiệm vụ quá hạn')),
  h('div', { class: 'field field-actions' },
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Lọc'),
    h('a', { href: '/van-ban', class: 'btn btn-quiet' }, 'Bỏ lọc')),
  formError);

  const listBox = h('div', { id: 'doc-list', 'aria-live': 'polite' });
  main.append(pageHeader('Văn bản'));
  if (can.edit()) main.append(uploadPanel(() => loadList(listBox, filters)));
  main.append(filterBox('Lọc văn bản', form, !!(filters.type || filters.issuer || filters.from || filters.to || filters.overdue)), listBox);
  await loadList(listBox, filters);
}

const LIST_LIMIT = 500;

async function loadList(box, filters) {
  const [docs, late] = await Promise.all([
    api.get('/api/documents', { type: filters.type, issuer: filters.issuer, from: filters.from, to: filters.to, limit: LIST_LIMIT }),
    api.get('/api/tasks', { overdue: 1 }),
  ]);
  const lateByDoc = new Map();
  for (const t of late.tasks) lateByDoc.set(t.document_id, (lateByDoc.get(t.document_id) || 0) + 1);
  let list = docs.documents;
  if (filters.overdue) list = list.filter((d) => lateByDoc.has(d.id));
  if (!list.length) {
    const filtered = filters.type || filters.issuer || filters.from || filters.to || filters.overdue;
    replace(box, empty(filtered ? 'Không có văn bản nào khớp với bộ lọc.'
      : can.edit() ? 'Kho chưa có văn bản nào. Hãy nạp văn bản ở trên.' : 'Chưa có văn bản nào giao nhiệm vụ cho đơn vị.'));
    return;
  }
  replace(box,
    h('p', { class: 'muted' }, docs.documents.length >= LIST_LIMIT
      ? `${fmtNumber(list.length)} văn bản mới nhất được hiển thị; hãy lọc theo loại, cơ quan hoặc thời gian để thu hẹp.`
      : `${fmtNumber(list.length)} văn bản`),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-cards', id: 'doc-table' },
        h('caption', { class: 'visually-hidden' }, 'Danh sách văn bản'),
        h('thead', null, h('tr', null,
          ['Số, ký hiệu', 'Loại', 'Cơ quan ban hành', 'Ngày', 'Trích yếu', 'Quá hạn'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, list.map((d) => h('tr', { dataset: { docId: d.id } },
          h('th', { scope: 'row', 'data-label': 'Số, ký hiệu' },
            h('a', { href: `/van-ban/${d.id}` }, d.identifier && !d.identifier.startsWith('#') ? d.identifier : `#${d.id} (chưa có số)`)),
          h('td', { 'data-label': 'Loại', class: 'cell-inline' }, d.type || '—'),
          h('td', { 'data-label': 'Cơ quan ban hành' }, d.issuer || '—'),
          h('td', { 'data-label': 'Ngày', class: 'cell-inline' }, d.date ? fmtDate(d.date) : '—'),
          h('td', { 'data-label': 'Trích yếu', class: 'cell-subject' }, d.subject || d.file_name || ''),
          h('td', { 'data-label': 'Quá hạn' }, lateByDoc.has(d.id)
            ? h('span', { class: 'badge badge-overdue' }, `${lateByDoc.get(d.id)} quá hạn`) : '—')))))));
}

// ---- upload ----

function uploadPanel(onStored) {
  const list = h('ul', { class: 'uploads', id: 'upload-list', 'aria-label': 'Tệp đang tải lên' });
  const input = h('input', { type: 'file', id: 'upload-input', multiple: true, class: 'file-input' });
  const zone = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', { class: 'dropzone-text' }, 'Kéo và thả tệp văn bản vào đây (Word, PDF, ảnh chụp, văn bản thuần) — một hoặc nhiều tệp — hoặc'),
    input,
    h('label', { for: 'upload-input', class: 'btn btn-primary' }, 'Chọn tệp…'));
  let pending = 0;
  const queue = [];
  const start = (files) => {
    for (const f of files) queue.push(addRow(list, f));
    pump();
  };
  const pump = () => {
    while (pending < 2 && queue.length) {
      const job = queue.shift();
      pending += 1;
      job().finally(() => {
        pending -= 1;
        if (!pending && !queue.length) {
          const ok = list.querySelectorAll('.upload-ok').length;
          const bad = list.querySelectorAll('.upload-error').length;
          announce(`Tải lên xong: ${ok} tệp đã nạp${bad ? `, ${bad} tệp lỗi` : ''}`, bad ? 'error' : 'info');
          onStored();
        }
        pump();
      });
    }
  };
  input.addEventListener('change', () => {
    if (input.files && input.files.length) start(Array.from(input.files));
    input.value = '';
  });
  zone.addEventListener('dragenter', (e) => { e.preventDefault(); zone.classList.add('drag'); });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; zone.classList.add('drag'); });
  zone.addEventListener('dragleave', (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('drag'); });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('drag');
    const files = Array.from((e.dataTransfer && e.dataTransfer.files) || []);
    if (files.length) start(files);
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'upload-h' },
    h('h2', { id: 'upload-h' }, 'Nạp văn bản'), zone, list);
}

function addRow(list, file) {
  const id = nextId('up');
  const bar = h('progress', { max: '100', value: '0', id, 'aria-label': `Tiến độ tải lên ${file.name}` });
  const pct = h('span', { class: 'upload-pct' }, '0%');
  const status = h('span', { class: 'upload-status' }, 'Đang chờ…');
  const row = h('li', { class: 'upload', dataset: { file: file.name } },
    h('div', { class: 'upload-head' }, h('span', { class: 'upload-name' }, file.name), h('span', { class: 'muted' }, fmtSize(file.size))),
    h('div', { class: 'upload-bar' }, bar, pct),
    status);
  list.prepend(row);
  return async () => {
    status.textContent = 'Đang tải lên…';
    try {
      const answer = await api.upload('/api/documents', file, (loaded, total) => {
        const p = total ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
        bar.value = p;
        pct.textContent = `${p}%`;
        if (p >= 100) status.textContent = 'Đang đọc và trích xuất…';
      });
      bar.value = 100;
      pct.textContent = '100%';
      const r = (answer && answer.results && answer.results[0]) || {};
      if (r.ok) {
        row.classList.add('upload-ok');
        const what = r.outcome === 'skipped' ? 'Đã có trong kho (không nạp lại)'
          : r.outcome === 'updated' ? `Đã cập nhật văn bản; ${r.tasks_added} nhiệm vụ mới`
            : `Đã nạp; ${r.tasks_added} nhiệm vụ`;
        replace(status, `${what} – `, h('a', { href: `/van-ban/${r.document_id}` }, 'Mở văn bản'));
      } else {
        throw new api.ApiError(400, r.error || 'không nạp được');
      }
    } catch (err) {
      row.classList.add('upload-error');
      const r = err.body && err.body.results && err.body.results[0];
      status.textContent = `Lỗi: ${(r && r.error) || err.message}`;
      status.setAttribute('role', 'alert');
    }
  };
}
