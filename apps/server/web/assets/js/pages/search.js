// Tìm kiếm: full-text search with or without diacritics ("ke hoach 15"), a document number, a
// "phrase", -word, prefix*; snippets with the hits highlighted (byte ranges from the API).
import * as api from '../api.js';
import { h, replace, fmtDate, utf8Index, charRange, fmtNumber } from '../dom.js';
import { field, empty, pageHeader } from '../components.js';
import { DOC_TYPES } from './documents.js';

export function highlighted(text, ranges) {
  const index = utf8Index(text || '');
  const parts = [];
  let at = 0;
  const rs = (ranges || []).map((r) => charRange(index, r)).filter(Boolean).sort((a, b) => a[0] - b[0]);
  for (const [b, e] of rs) {
    if (b < at) continue;
    if (b > at) parts.push(text.slice(at, b));
    parts.push(h('mark', null, text.slice(b, e)));
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

export async function renderSearch(main, ctx) {
  const q = ctx.query.get('q') || '';
  const type = ctx.query.get('loai') || '';
  const input = h('input', { id: 'search-q', type: 'search', name: 'q', value: q, autocomplete: 'off', required: true });
  const typeSel = h('select', { id: 'search-type' }, h('option', { value: '' }, 'Tất cả các loại'),
    DOC_TYPES.map((t) => h('option', { value: t, selected: t === type }, t)));
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  main.append(
    pageHeader('Tìm kiếm'),
    h('form', { class: 'search-form', role: 'search', on: { submit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (input.value.trim()) p.set('q', input.value.trim());
      if (typeSel.value) p.set('loai', typeSel.value);
      ctx.navigate(`/tim-kiem?${p.toString()}`);
    } } },
    field('Từ khóa', input, 'gõ có dấu hoặc không dấu, số hiệu văn bản, "cụm từ", -từ-loại-trừ, tiền-tố*'),
    field('Loại văn bản', typeSel),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Tìm'))),
    results);
  if (!q) {
    input.focus();
    return;
  }
  const answer = await api.get('/api/search', { q, type, limit: 50 });
  if (!answer.hits.length) {
    replace(results, empty(`Không tìm thấy văn bản nào cho "${q}".`));
    return;
  }
  replace(results,
    h('p', { class: 'muted' }, `${fmtNumber(answer.hits.length)} kết quả cho "${q}"`),
    h('ol', { class: 'hits' }, answer.hits.map((hit) => h('li', { class: 'hit' },
      h('h2', { class: 'hit-title' }, h('a', { href: `/van-ban/${hit.id}` },
        `${hit.type || 'Văn bản'}${hit.identifier && !hit.identifier.startsWith('#') ? ` số ${hit.identifier}` : ''}`),
      hit.symbol_match ? h('span', { class: 'badge badge-note' }, 'đúng số hiệu') : null),
      h('p', { class: 'muted' }, [hit.issuer, hit.date ? `ngày ${fmtDate(hit.date)}` : null].filter(Boolean).join(', ')),
      hit.subject ? h('p', { class: 'hit-subject' }, hit.subject) : null,
      hit.snippet ? h('p', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights)) : null))));
}
