// The HTTP API client: JSON in and out, the session cookie (sent by the browser), the CSRF token
// on every state-changing request, and errors as ApiError carrying the server's Vietnamese
// message. Uploads go through XMLHttpRequest for their progress events.

let csrfToken = null;
const listeners = { unauthorized: [] };

export class ApiError extends Error {
  constructor(status, message, code, body) {
    super(message);
    this.status = status;
    this.code = code || '';
    this.body = body || null;
  }
}

export function setCsrf(token) {
  csrfToken = token || null;
}

// Called when a request answers 401 after sign-in (the session expired or was ended).
export function onUnauthorized(fn) {
  listeners.unauthorized.push(fn);
}

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function url(path, params) {
  return path + query(params);
}

const FALLBACK = {
  0: 'không kết nối được máy chủ; hãy kiểm tra mạng và thử lại',
  401: 'phiên đăng nhập đã hết hạn; hãy đăng nhập lại',
  403: 'tài khoản này không có quyền thực hiện thao tác này',
  404: 'không tìm thấy',
  413: 'tệp quá lớn',
  500: 'lỗi máy chủ; hãy thử lại sau',
};

function errorFrom(status, body) {
  const message = (body && typeof body === 'object' && body.error) || FALLBACK[status] || `lỗi ${status}`;
  return new ApiError(status, message, body && body.code, body);
}

export async function request(method, path, { params, body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(url(path, params), init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw errorFrom(0, null);
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!res.ok) {
    const err = errorFrom(res.status, data);
    if (res.status === 401 && path !== '/api/login' && path !== '/api/session') {
      for (const fn of listeners.unauthorized) fn(err);
    }
    throw err;
  }
  return data;
}

export const get = (path, params, opts = {}) => request('GET', path, { ...opts, params });
export const post = (path, body, params) => request('POST', path, { body, params });
export const patch = (path, body) => request('PATCH', path, { body });
export const put = (path, body) => request('PUT', path, { body });
export const del = (path) => request('DELETE', path, {});

// Uploads one file as multipart field "file"; onProgress(loaded, total) follows the upload.
// Resolves with the parsed JSON answer; rejects with ApiError (the answer may carry `results`).
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.addEventListener('progress', (e) => {
      if (onProgress) onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else {
        const err = errorFrom(xhr.status, data);
        if (xhr.status === 401) for (const fn of listeners.unauthorized) fn(err);
        reject(err);
      }
    });
    xhr.addEventListener('error', () => reject(errorFrom(0, null)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'đã hủy tải lên')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
