// The task page: what, who, by when, where it comes from; the status with a note and the done
// date; attached files (the report the unit sent); the history. Clerks also reassign the lead
// and change the due date here.
import * as api from '../api.js';
import {
  h, replace, fmtDate, fmtTime, fmtSize, dateField, splitNames, todayIso, STATUS_LABELS, BOUND_LABELS,
} from '../dom.js';
import { statusBadge, names, field, empty, isOverdue, LONG_OVERDUE_DAYS } from '../components.js';
import { can, announce } from '../main.js';
import { hasDate } from './document.js';

const KIND_LABELS = {
  created: 'Tạo nhiệm vụ',
  extracted: 'Trích xuất',
  status: 'Trạng thái',
  note: 'Ghi chú',
  done_on: 'Ngày hoàn thành',
  due: 'Hạn xử lý',
  lead: 'Đơn vị chủ trì',
  attachment: 'Tệp đính kèm',
  correct: 'Sửa nội dung',
};

function historyValue(kind, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (kind === 'status') return STATUS_LABELS[v] || v;
  if ((kind === 'done_on' || kind === 'due') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(v);
  return String(v);
}

export async function renderTask(main, ctx) {
  const id = Number(ctx.params[0]);
  const t = await api.get(`/api/tasks/${id}`);
  show(main, ctx, t);
}

function show(main, ctx, t) {
  const title = t.ref ? `Nhiệm vụ mục ${t.ref} – ${t.document_type ? `${t.document_type} ` : ''}${t.document}` : `Nhiệm vụ #${t.id}`;
  ctx.setTitle(title);
  const overdue = isOverdue(t);
  const deadlines = (t.deadlines || []).map((d) => h('li', null, d.text || fmtDate(d.date),
    d.bound === 'relative'
      ? h('span', { class: 'muted' }, ` (tính từ mốc "${d.anchor || '?'}"${t.due_anchor ? `, ngày ${fmtDate(t.due_anchor)}` : ', chưa có ngày'})`)
      : d.date && !hasDate(d.text) ? h('span', { class: 'muted' }, ` (${BOUND_LABELS[d.bound] || d.bound} ${fmtDate(d.date)})`) : null));
  const reload = async (focus) => {
    const fresh = await api.get(`/api/tasks/${t.id}`);
    show(main, ctx, fresh);
    const el = main.querySelector(focus || 'h1');
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.focus();
    }
  };
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '/nhiem-vu' }, 'Nhiệm vụ'), ' › ',
      h('a', { href: `/van-ban/${t.document_id}` }, `${t.document_type ? `${t.document_type} ` : ''}${t.document}`), t.ref ? ` › mục ${t.ref}` : ''),
    h('div', { class: 'page-head' }, h('h1', null, t.ref ? `Nhiệm vụ mục ${t.ref}` : 'Nhiệm vụ'), statusBadge(t)),
    h('p', { class: 'task-action-big' }, t.action),
    overdue ? h('p', { class: ['overdue-banner', t.overdue_days > LONG_OVERDUE_DAYS && 'is-long'], role: 'note' },
      `Quá hạn ${t.overdue_days} ngày (${t.overdue_working_days} ngày làm việc)`,
      t.overdue_days > LONG_OVERDUE_DAYS ? ' – quá hạn trên 30 ngày' : '') : null,
    h('div', { class: 'task-layout' },
      h('div', null,
        h('section', { class: 'panel', 'aria-labelledby': 'task-info-h' },
          h('h2', { id: 'task-info-h' }, 'Thông tin'),
          h('dl', { class: 'kvs' },
            kv('Văn bản', h('span', null, h('a', { href: `/van-ban/${t.document_id}` }, `${t.document_type ? `${t.document_type} ` : ''}${t.document}`),
              ' · ', h('a', { href: `/van-ban/${t.document_id}?nhiem-vu=${t.id}` }, 'xem trong văn bản'))),
            kv('Chủ trì', names(t.lead) || '—'),
            kv('Phối hợp', names(t.support) || '—'),
            kv('Báo cáo về', names(t.report_to) || '—'),
            kv('Thời hạn', deadlines.length ? h('ul', { class: 'plain' }, deadlines) : '—'),
            kv('Hạn xử lý', t.due ? fmtDate(t.due) : 'chưa xác định'),
            t.recurrence ? kv('Lặp lại', recurrenceText(t.recurrence)) : null,
            kv('Trạng thái', STATUS_LABELS[t.status] || t.status),
            t.done_on ? kv('Ngày hoàn thành', fmtDate(t.done_on), t.due ? lateness(t.done_on, t.due) : null) : null,
            t.manual ? kv('Nguồn', 'do người thêm') : null)),
        can.edit() ? assignForm(t, reload) : null),
      h('div', null,
        can.updateTasks() ? statusForm(t, reload) : null,
        attachments(t, reload),
        history(t))));
}

function kv(k, ...v) {
  return h('div', { class: 'kv' }, h('dt', null, k), h('dd', null, v));
}

// Done on time, or how many days late.
function lateness(doneOn, due) {
  const days = Math.round((Date.parse(doneOn) - Date.parse(due)) / 86400000);
  return days <= 0 ? h('span', { class: 'badge badge-done' }, 'đúng hạn')
    : h('span', { class: 'badge badge-overdue' }, `chậm ${days} ngày`);
}

function recurrenceText(r) {
  const f = { weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý', half_yearly: '6 tháng một lần', yearly: 'hằng năm' };
  return typeof r === 'string' ? (f[r] || r) : (f[r.freq] || r.freq || JSON.stringify(r));
}

function statusForm(t, reload) {
  const status = h('select', { id: 'task-status' },
    ['open', 'in_progress', 'done', 'cancelled'].map((s) => h('option', { value: s, selected: s === t.status }, STATUS_LABELS[s])));
  const doneOn = dateField({ id: 'task-done-on', value: t.done_on || '', label: 'Ngày hoàn thành' });
  const note = h('textarea', { id: 'task-note', rows: '3' });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const doneField = field('Ngày hoàn thành', doneOn, 'dd/mm/yyyy; để trống là hôm nay');
  const sync = () => { doneField.hidden = status.value !== 'done'; };
  status.addEventListener('change', () => {
    sync();
    if (status.value === 'done' && !doneOn.value) doneOn.value = fmtDate(todayIso());
  });
  sync();
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Cập nhật');
  return h('section', { class: 'panel', 'aria-labelledby': 'task-upd-h' },
    h('h2', { id: 'task-upd-h' }, 'Cập nhật tình hình'),
    h('form', { class: 'edit-form', id: 'status-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      const body = {};
      try {
        if (status.value !== t.status) body.status = status.value;
        if (status.value === 'done') {
          const d = doneOn.read();
          if (d && d !== t.done_on) body.done_on = d;
          if (d && d > todayIso()) throw new Error('Ngày hoàn thành không thể sau hôm nay.');
        }
        if (note.value.trim()) body.note = note.value.trim();
        if (!Object.keys(body).length) throw new Error('Không có gì thay đổi.');
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      save.disabled = true;
      try {
        await api.patch(`/api/tasks/${t.id}`, body);
        announce('Đã cập nhật nhiệm vụ');
        await reload('#task-upd-h');
      } catch (x) {
        err.textContent = `Không cập nhật được: ${x.message}`;
        err.hidden = false;
        save.disabled = false;
      }
    } } },
    field('Trạng thái', status), doneField, field('Ghi chú', note, 'ví dụ: Đã gửi Báo cáo số 45/BC-SNV ngày 20/11/2026'), err,
    h('div', { class: 'form-actions' }, save)));
}

function assignForm(t, reload) {
  const lead = h('textarea', { id: 'task-lead', rows: '2' }, (t.lead || []).join('\n'));
  const due = dateField({ id: 'task-due', value: t.due || '', label: 'Hạn xử lý' });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  return h('section', { class: 'panel', 'aria-labelledby': 'task-assign-h' },
    h('h2', { id: 'task-assign-h' }, 'Giao việc'),
    h('form', { class: 'edit-form', novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      err.hidden = true;
      const body = {};
      try {
        const leads = splitNames(lead.value);
        if (JSON.stringify(leads) !== JSON.stringify(t.lead || [])) body.lead = leads;
        const d = due.read();
        if (d !== (t.due || null)) body.due = d;
        if (!Object.keys(body).length) throw new Error('Không có gì thay đổi.');
      } catch (x) {
        err.textContent = x.message;
        err.hidden = false;
        return;
      }
      try {
        await api.patch(`/api/tasks/${t.id}`, body);
        announce('Đã lưu việc giao nhiệm vụ');
        await reload('#task-assign-h');
      } catch (x) {
        err.textContent = `Không lưu được: ${x.message}`;
        err.hidden = false;
      }
    } } },
    field('Đơn vị chủ trì', lead, 'mỗi dòng một đơn vị; để trống để trở lại đơn vị đã trích xuất'),
    field('Hạn xử lý', due, 'dd/mm/yyyy; để trống để trở lại hạn đã trích xuất'),
    err,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, 'Lưu giao việc'))));
}

function attachments(t, reload) {
  const list = (t.attachments || []).map((a) => h('li', null,
    h('a', { href: `/api/attachments/${a.id}`, download: '' }, a.name),
    h('span', { class: 'muted' }, ` · ${fmtSize(a.size)} · ${a.added_by || ''} · ${fmtTime(a.added_at)}`)));
  let form = null;
  if (can.updateTasks()) {
    const input = h('input', { type: 'file', id: 'task-file', class: 'file-input' });
    const bar = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Tiến độ tải tệp lên' });
    const msg = h('p', { class: 'upload-status', role: 'status' });
    input.addEventListener('change', async () => {
      const file = input.files && input.files[0];
      if (!file) return;
      bar.hidden = false;
      bar.value = 0;
      msg.textContent = `Đang tải lên ${file.name}…`;
      try {
        await api.upload(`/api/tasks/${t.id}/attachments`, file, (loaded, total) => {
          bar.value = total ? Math.round((loaded / total) * 100) : 0;
        });
        announce(`Đã đính kèm ${file.name}`);
        await reload('#task-files-h');
      } catch (x) {
        msg.textContent = `Không tải lên được: ${x.message}`;
        msg.classList.add('error');
      }
      input.value = '';
    });
    form = h('div', { class: 'attach' }, input, h('label', { for: 'task-file', class: 'btn btn-small' }, 'Đính kèm tệp…'), bar, msg);
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'task-files-h' },
    h('h2', { id: 'task-files-h' }, 'Tệp đính kèm'),
    list.length ? h('ul', { class: 'plain' }, list) : empty('Chưa có tệp đính kèm (ví dụ: báo cáo đơn vị đã gửi).'),
    form);
}

function history(t) {
  const items = (t.history || []).slice().reverse().map((e) => h('li', null,
    h('time', { datetime: e.at }, fmtTime(e.at)),
    h('span', { class: 'hist-kind' }, KIND_LABELS[e.kind] || e.kind),
    e.kind === 'note' ? h('span', { class: 'hist-note' }, e.new || '')
      : e.kind === 'attachment' ? h('span', null, e.new || '')
      : e.kind === 'created' || e.kind === 'extracted' ? null
        : h('span', null, historyValue(e.kind, e.old), ' → ', h('strong', null, historyValue(e.kind, e.new))),
    e.by ? h('span', { class: 'muted' }, ` · ${e.by}`) : null));
  return h('section', { class: 'panel', 'aria-labelledby': 'task-hist-h' },
    h('h2', { id: 'task-hist-h' }, 'Lịch sử'),
    items.length ? h('ol', { class: 'history', reversed: true }, items) : empty('Chưa có thay đổi.'));
}
