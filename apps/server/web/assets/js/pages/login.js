// Đăng nhập: user name and password; the answer carries the CSRF token of the new session.
import * as api from '../api.js';
import { h, replace } from '../dom.js';

export function renderLogin(root, { onSignedIn }) {
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error', hidden: true });
  const user = h('input', { id: 'login-user', name: 'username', type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { id: 'login-pass', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, 'Đăng nhập');
  const form = h('form', { class: 'login-form', novalidate: true, 'aria-describedby': 'login-error', on: { submit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!user.value.trim() || !pass.value) {
      error.textContent = 'Hãy nhập tên đăng nhập và mật khẩu.';
      error.hidden = false;
      (user.value.trim() ? pass : user).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Đang đăng nhập…';
    try {
      const answer = await api.post('/api/login', { username: user.value.trim(), password: pass.value });
      pass.value = '';
      onSignedIn(answer);
    } catch (err) {
      const msg = err.message || 'không đăng nhập được';
      error.textContent = msg.charAt(0).toUpperCase() + msg.slice(1) + '.';
      error.hidden = false;
      pass.value = '';
      pass.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Đăng nhập';
    }
  } } },
  h('div', { class: 'field' }, h('label', { for: 'login-user' }, 'Tên đăng nhập'), user),
  h('div', { class: 'field' }, h('label', { for: 'login-pass' }, 'Mật khẩu'), pass),
  error,
  submit);
  replace(root,
    h('main', { id: 'main', class: 'login-page' },
      h('div', { class: 'login-card' },
        h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'đđ'), 'dondoc'),
        h('h1', null, 'Đăng nhập'),
        h('p', { class: 'muted' }, 'Hệ thống đọc văn bản, trích xuất và theo dõi, đôn đốc thực hiện nhiệm vụ.'),
        form,
        h('p', { class: 'muted small' }, 'Quên mật khẩu? Hãy liên hệ quản trị hệ thống của cơ quan.'))));
  user.focus();
}
