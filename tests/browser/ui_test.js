#!/usr/bin/env node
// The web UI in real Chromium (Debian's chromium, driven by playwright-core) against
// `dondoc serve` on a random free local port with a fresh SQLite store:
//
//   node tests/browser/ui_test.js build/dondoc
//
// An admin signs in (by keyboard), creates a unit account, uploads a DOCX and a PDF by drag and
// drop and a text file through the file chooser, watching each file's progress bar; opens the
// document page and finds a task highlighted at its span (and flashed when its value is
// clicked), a citation linked to the stored document it cites; corrects a task's lead; sets the
// date of a relative deadline's anchor. The unit account sees only its unit's tasks, marks one
// done with a note, a date and an attached file, and cannot reach another unit's task in the UI
// or by typing its API URL; it signs out. The admin sees the dashboard and the report change,
// downloads the XLSX and finds the change in it with openpyxl, searches without diacritics,
// makes an iCalendar feed URL and reads the audit log and the quality page. Every main page is
// screenshotted at 1366x900 and 360x740 into $DONDOC_SCREENSHOTS (build/screenshots), checked
// for horizontal scrolling at 360 px and for form controls without a label. Finally
// `dondoc quality` shows the correction made in the browser.
'use strict';

const { chromium } = require('playwright-core');
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const DONDOC = path.resolve(process.argv[2] || 'build/dondoc');
const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = process.env.DONDOC_SCREENSHOTS || path.join(ROOT, 'build', 'screenshots');
const PYTHON = process.env.DONDOC_TEST_PYTHON || 'python3';
const CHROMIUM = process.env.DONDOC_CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 740 };
const STARTED = Date.now();

let checks = 0;
const failures = [];
function check(cond, what) {
  checks += 1;
  if (!cond) {
    failures.push(what);
    console.error(`FAIL: ${what}`);
  }
  return !!cond;
}
// A step the rest depends on: stop the test when it fails.
function must(cond, what) {
  if (!check(cond, what)) throw new Error(`cannot go on: ${what}`);
}
function step(what) {
  console.log(`[${((Date.now() - STARTED) / 1000).toFixed(1)} s] ${what}`);
}

// ---- dates: the fixtures' deadlines are set around today, so the dashboard has real content ----
const pad2 = (n) => String(n).padStart(2, '0');
function isoOf(d) {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}
function shift(days) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d;
}
const vn = (d) => `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
const vnShort = (d) => `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
const TODAY = shift(0);

function header(number, date, subject) {
  return `ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: ${number}
V/v ${subject}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày ${pad2(date.getDate())} tháng ${date.getMonth() + 1} năm ${date.getFullYear()}
`;
}
const SIGNATURE = `
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn Bình
`;
const DOC_A_DATE = shift(-60);
const DOC_A = `${header('501/UBND-KT', DOC_A_DATE, 'rà soát vị trí việc làm và kinh phí năm 2026')}
Kính gửi:
- Sở Nội vụ;
- Sở Tài chính.

Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:
1. Giao Sở Nội vụ chủ trì rà soát vị trí việc làm của các cơ quan, đơn vị, hoàn thành trước ngày ${vnShort(shift(-40))}.
2. Giao Sở Tài chính chủ trì bố trí kinh phí thực hiện tinh giản biên chế, hoàn thành trước ngày ${vnShort(shift(3))}.
3. Giao Sở Nội vụ chủ trì tổng hợp kết quả sắp xếp tổ chức bộ máy, báo cáo Ủy ban nhân dân tỉnh trước ngày ${vnShort(shift(20))}.
4. Giao Sở Nội vụ chủ trì hoàn thiện kịch bản diễn tập phòng thủ, hoàn thành ít nhất 05 ngày trước diễn tập chính thức.
${SIGNATURE}`;
const DOC_B = `${header('502/UBND-VX', shift(-30), 'kiểm tra công tác y tế cơ sở')}
Kính gửi:
- Sở Y tế;
- Sở Tài chính.

Thực hiện Công văn số 501/UBND-KT ngày ${vnShort(DOC_A_DATE)} của Ủy ban nhân dân tỉnh về rà soát vị trí việc làm, Ủy ban nhân dân tỉnh yêu cầu:
1. Giao Sở Y tế chủ trì kiểm tra công tác y tế cơ sở tại các huyện, hoàn thành trước ngày ${vnShort(shift(-10))}.
2. Giao Sở Tài chính chủ trì thẩm định dự toán mua sắm trang thiết bị y tế, hoàn thành trước ngày ${vnShort(shift(30))}.
${SIGNATURE}`;
const DOC_C = `${header('503/UBND-NC', shift(-5), 'thử <img src=x onerror="window.__xss=1"> trong văn bản')}
Kính gửi: Sở Tư pháp

1. Giao Sở Tư pháp chủ trì rà soát văn bản <b>quy phạm</b> pháp luật, hoàn thành trước ngày ${vnShort(shift(45))}.
${SIGNATURE}`;

// ---- processes ----

function convert(txt, format, work) {
  // LibreOffice, as the other tests make their DOCX/PDF fixtures: the text file as Writer reads it.
  const profile = fs.mkdtempSync(path.join(work, 'lo-'));
  return new Promise((resolve, reject) => {
    const p = spawn('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`,
      '--convert-to', format, '--outdir', path.join(work, 'out'), txt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 120000);
    p.on('close', () => {
      clearTimeout(timer);
      const produced = path.join(work, 'out', path.basename(txt).replace(/\.txt$/, `.${format.split(':')[0]}`));
      if (fs.existsSync(produced)) resolve(produced);
      else reject(new Error(`soffice made no ${format} from ${txt}: ${out}`));
    });
  });
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(DONDOC, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errOut = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${errOut}`)), 30000);
    proc.stderr.on('data', (d) => { errOut += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      const pw = /admin {2}mật khẩu: (\S+)/.exec(out);
      if (port && pw) {
        clearTimeout(timer);
        resolve({ proc, port: Number(port[1]), password: pw[1], log: () => out + errOut });
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}${errOut}`)));
  });
}

function stopServer(srv) {
  return new Promise((resolve) => {
    if (!srv || srv.proc.exitCode !== null) return resolve(srv ? srv.proc.exitCode : null);
    const timer = setTimeout(() => srv.proc.kill('SIGKILL'), 20000);
    srv.proc.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    srv.proc.kill('SIGTERM');
  });
}

function httpGet(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

// ---- page helpers ----

async function heading(page, text) {
  await page.waitForFunction((t) => {
    const h1 = document.querySelector('main h1');
    return h1 && h1.textContent.includes(t) && !document.querySelector('main .loading');
  }, text, { timeout: 15000 });
}

async function go(page, base, pathname, title) {
  await page.goto(base + pathname);
  await heading(page, title);
}

// In-app navigation by a link, as a person clicks.
async function follow(page, selector, title) {
  await page.click(selector);
  await heading(page, title);
}

// Every visible form control has a label (a <label for>, aria-label or aria-labelledby).
async function unlabelled(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
}

// Pages are loaded again at each width (as a phone would load them: filters folded), unless
// the shot is of a state a reload would lose (uploads under way, a feed URL shown once).
async function shoot(page, name, { reload = true } = {}) {
  const again = async () => {
    if (!reload) return;
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main .loading'), null, { timeout: 15000 });
  };
  for (const [label, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(vp);
    if (label === 'phone') await again();
    await page.waitForTimeout(200);  // layout, and charts redrawn at the new width
    if (label === 'phone') {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= PHONE.width + 1, `${name}: no horizontal scrolling at 360 px (page is ${wide} px wide)`);
    }
    const missing = await unlabelled(page);
    check(!missing.length, `${name} (${label}): form controls without a label: ${missing.join(', ')}`);
    // From the top of the page, without the passing notice (a fixed toast lands mid-page in a
    // full-page capture).
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const t of document.querySelectorAll('.toast.show')) t.classList.remove('show');
    });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
  await again();
  await page.waitForTimeout(100);
}

function watchErrors(page, who, errors) {
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  page.on('console', (m) => {
    // Refused requests (401/403/404 tested on purpose) are logged by Chromium as resource errors.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`${who}: ${m.text()}`);
  });
}

async function apiJson(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, body: await r.json() };
  }, url);
}

async function signIn(page, base, user, password) {
  await page.goto(`${base}/`);
  await page.waitForSelector('#login-user', { timeout: 15000 });
  // By keyboard: the user name has the focus; Tab to the password; Enter submits.
  must(await page.evaluate(() => document.activeElement && document.activeElement.id === 'login-user'),
    'the login page puts the focus on the user name');
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await heading(page, 'Tổng quan');
}

// ---- the test ----

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-ui-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.unlinkSync(path.join(SHOTS, f));
  const db = path.join(work, 'ui.db');
  let srv = null;
  let browser = null;
  const errors = [];
  try {
    const txt = (name, body) => {
      const p = path.join(work, name);
      fs.writeFileSync(p, `\ufeff${body}`);
      return p;
    };
    // LibreOffice runs while the browser signs in and makes the account.
    const fixtures = Promise.all([convert(txt('cong-van-501.txt', DOC_A), 'docx:MS Word 2007 XML', work),
      convert(txt('cong-van-502.txt', DOC_B), 'pdf', work)]);
    fixtures.catch(() => {});
    const docC = txt('cong-van-503.txt', DOC_C);

    srv = await startServer(db);
    const base = `http://127.0.0.1:${srv.port}`;
    step(`server on ${base}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const adminCtx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', acceptDownloads: true });
    const page = await adminCtx.newPage();
    watchErrors(page, 'admin', errors);

    // ---- sign in ----
    step('sign in');
    await page.goto(`${base}/nhiem-vu`);
    await page.waitForSelector('#login-user');
    check(new URL(page.url()).pathname === '/dang-nhap', 'a page asked without a session shows the login page');
    check(await page.evaluate(() => document.documentElement.lang) === 'vi', 'lang="vi"');
    await shoot(page, '01-dang-nhap');
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', 'sai-mat-khau');
    await page.click('.login-form button[type=submit]');
    await page.waitForSelector('#login-error:not([hidden])');
    check((await page.textContent('#login-error')).includes('ai tên đăng nhập hoặc mật khẩu'), 'wrong password: a Vietnamese error');
    await signIn(page, base, 'admin', srv.password);
    check(await page.isVisible('#logout'), 'signed in: the sign-out button is shown');
    // Visible focus: the first Tab reaches the skip link, drawn with an outline.
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { cls: el.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: el.getBoundingClientRect().top };
    });
    check(focus.cls === 'skip' && focus.outline !== 'none' && focus.width >= 2 && focus.top >= 0, `first Tab: the visible skip link (${JSON.stringify(focus)})`);

    // ---- a unit account, made in Quản trị ----
    step('create a unit account');
    await follow(page, 'nav a[href="/quan-tri"]', 'Quản trị');
    await page.waitForSelector('#new-user');
    await page.fill('#nu-name', 'so.noi.vu');
    await page.fill('#nu-pass', 'mat-khau-so-noi-vu');
    await page.selectOption('#nu-role', 'unit');
    await page.selectOption('#nu-unit', { label: 'Sở Nội vụ' });
    await page.click('#new-user button[type=submit]');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#users th')).some((th) => th.textContent === 'so.noi.vu'));
    check(true, 'unit account created in the UI');

    // ---- upload: DOCX and PDF by drag and drop, a text file by the file chooser ----
    step('upload');
    const [docxPath, pdfPath] = await fixtures;
    // Progress events come per 16 KB sent: the DOCX gets an unreferenced part of 96 KB of random
    // bytes (readers ignore it), so that its bar has values to move through.
    const pad = spawnSync(PYTHON, ['-c', 'import os, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "a", zipfile.ZIP_STORED) as z:\n    z.writestr("customXml/padding.bin", os.urandom(96 * 1024))', docxPath], { encoding: 'utf8' });
    must(pad.status === 0, `DOCX padded: ${pad.stderr}`);
    await follow(page, 'nav a[href="/van-ban"]', 'Văn bản');
    await page.evaluate(() => {
      window.__progress = {};
      const list = document.getElementById('upload-list');
      const seen = () => {
        for (const li of list.querySelectorAll('.upload')) {
          const v = Number(li.querySelector('progress').value);
          const arr = (window.__progress[li.dataset.file] = window.__progress[li.dataset.file] || []);
          if (arr[arr.length - 1] !== v) arr.push(v);
        }
      };
      new MutationObserver(seen).observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // Slow uploads down so that the bars move through intermediate values.
    const cdp = await adminCtx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 48 * 1024 });
    const files = [
      { name: 'cong-van-501.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: fs.readFileSync(docxPath).toString('base64') },
      { name: 'cong-van-502.pdf', type: 'application/pdf', data: fs.readFileSync(pdfPath).toString('base64') },
    ];
    const dt = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        d.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return d;
    }, files);
    await page.dispatchEvent('#dropzone', 'dragenter', { dataTransfer: dt });
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: dt });
    await page.waitForSelector('.upload[data-file="cong-van-502.pdf"]');
    await page.waitForTimeout(300);
    await shoot(page, '03-van-ban-dang-tai-len', { reload: false });
    await page.waitForFunction(() => document.querySelectorAll('.upload.upload-ok, .upload.upload-error').length === 2, null, { timeout: 60000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.setInputFiles('#upload-input', docC);
    await page.waitForFunction(() => document.querySelectorAll('.upload.upload-ok, .upload.upload-error').length === 3, null, { timeout: 60000 });
    const uploads = await page.evaluate(() => Array.from(document.querySelectorAll('.upload')).map((li) => ({
      file: li.dataset.file, ok: li.classList.contains('upload-ok'), value: Number(li.querySelector('progress').value),
      status: li.querySelector('.upload-status').textContent, seen: window.__progress[li.dataset.file] || [],
    })));
    for (const u of uploads) {
      check(u.ok && u.value === 100 && /Đã nạp/.test(u.status), `upload of ${u.file}: stored, bar at 100% (${JSON.stringify(u)})`);
    }
    const big = uploads.find((x) => x.file === 'cong-van-501.docx') || { seen: [] };
    check(big.seen.filter((v) => v > 0 && v < 100).length >= 2, `the DOCX's progress bar moved through intermediate values (${big.seen.join(' ')})`);
    await page.waitForFunction(() => document.querySelectorAll('#doc-table tbody tr').length === 3, null, { timeout: 15000 });
    check(true, 'the list shows the three documents');
    await shoot(page, '02-van-ban');

    // Look-ups of what was stored, through the API as the browser sees it.
    const docs = (await apiJson(page, '/api/documents')).body.documents;
    const idOf = (num) => (docs.find((d) => d.number === num) || {}).id;
    const docA = idOf('501');
    const docB = idOf('502');
    const docCid = idOf('503');
    must(docA && docB && docCid, `documents 501, 502, 503 stored (${JSON.stringify(docs.map((d) => d.number))})`);
    const pageA = (await apiJson(page, `/api/documents/${docA}`)).body;
    const pageB = (await apiJson(page, `/api/documents/${docB}`)).body;
    const byRef = (p, ref) => p.tasks.find((t) => t.ref === ref);
    must(pageA.tasks.length === 4 && pageB.tasks.length === 2, `tasks read from the DOCX (${pageA.tasks.length}) and the PDF (${pageB.tasks.length})`);
    const a1 = byRef(pageA, '1');
    const a2 = byRef(pageA, '2');
    const a3 = byRef(pageA, '3');
    const a4 = byRef(pageA, '4');
    const b1 = byRef(pageB, '1');
    must(a1 && a2 && a3 && a4 && b1, 'tasks by ref');

    // ---- the document page: a task highlighted at its span, a value shows its source ----
    step('document page');
    await follow(page, `#doc-table a[href="/van-ban/${docA}"]`, '501/UBND-KT');
    await page.waitForSelector('#doc-text .hl-task');
    const expected = Buffer.from(pageA.text_content, 'utf8').subarray(a1.span[0], a1.span[1]).toString('utf8');
    const shown = await page.evaluate((key) => Array.from(document.querySelectorAll('#doc-text [data-keys]'))
      .filter((el) => el.dataset.keys.split(' ').includes(key)).map((el) => el.textContent).join(''), `task-${a1.id}`);
    check(shown === expected && shown.includes('Sở Nội vụ chủ trì rà soát vị trí việc làm'),
      `task 1 highlighted exactly at its span: "${shown.slice(0, 80)}" vs "${expected.slice(0, 80)}"`);
    const deadlineShown = await page.evaluate((key) => Array.from(document.querySelectorAll('#doc-text .hl-dl'))
      .filter((el) => el.dataset.keys.split(' ').includes(key)).map((el) => el.textContent).join(''), `dl-${a1.id}-0`);
    check(deadlineShown.includes(vnShort(shift(-40))), `task 1's deadline highlighted: "${deadlineShown}"`);
    check(await page.locator('#doc-text .hl-hdr').count() >= 3, 'header values highlighted');
    // Who to report to, as on the task's own page.
    const a3detail = (await apiJson(page, `/api/tasks/${a3.id}`)).body;
    check(a3.report_to.length === 1 && JSON.stringify(a3.report_to) === JSON.stringify(a3detail.report_to),
      `document page: a task's report_to as read (${JSON.stringify(a3.report_to)} vs ${JSON.stringify(a3detail.report_to)})`);
    check((await page.textContent(`#task-${a3.id}`)).includes('Báo cáo về'), 'document page: the task card shows who to report to');
    check(await page.evaluate(() => document.documentElement.scrollWidth) <= DESKTOP.width, 'no horizontal scrolling on the document page');
    await page.click(`#task-${a1.id} .task-ref`);
    await page.waitForFunction((key) => Array.from(document.querySelectorAll('#doc-text .flash'))
      .some((el) => el.dataset.keys.split(' ').includes(key)), `task-${a1.id}`, { timeout: 5000 });
    await page.waitForTimeout(700);  // smooth scrolling
    const inView = await page.evaluate((key) => {
      const el = Array.from(document.querySelectorAll('#doc-text [data-keys]')).find((x) => x.dataset.keys.split(' ').includes(key));
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, `task-${a1.id}`);
    check(inView, 'clicking a task scrolls its span into view and flashes it');
    await shoot(page, '04-van-ban-chi-tiet');

    // ---- correct a task's lead ----
    step('correct a lead');
    await page.click(`button[data-edit="${a2.id}"]`);
    await page.fill(`#t${a2.id}-lead`, 'Sở Kế hoạch và Đầu tư');
    await page.click(`#task-${a2.id} form.edit-form button[type=submit]`);
    await page.waitForFunction((id) => {
      const card = document.getElementById(`task-${id}`);
      return card && !card.querySelector('form') && card.textContent.includes('Sở Kế hoạch và Đầu tư');
    }, a2.id, { timeout: 15000 });
    const a2now = (await apiJson(page, `/api/tasks/${a2.id}`)).body;
    check(JSON.stringify(a2now.lead) === JSON.stringify(['Sở Kế hoạch và Đầu tư']), `lead corrected through the form: ${JSON.stringify(a2now.lead)}`);

    // ---- a relative deadline: its anchor shown, its date given ----
    step('anchor date');
    const anchorText = await page.textContent(`#task-${a4.id} .anchor`);
    check(anchorText.includes('diễn tập chính thức'), `the relative deadline shows its anchor: ${anchorText}`);
    const drill = shift(40);
    await page.fill(`#task-${a4.id} .anchor input`, vn(drill));
    await page.click(`#task-${a4.id} .anchor button[type=submit]`);
    await page.waitForFunction((id) => document.querySelector(`#task-${id} .anchor`) && document.querySelector(`#task-${id} .anchor`).textContent.includes('ngày của mốc:'), a4.id);
    const a4now = (await apiJson(page, `/api/tasks/${a4.id}`)).body;
    check(a4now.due && a4now.due < isoOf(drill), `the anchor's date gives the task a due date before it: ${a4now.due}`);

    // ---- the citation in the PDF links to the stored document ----
    await page.goto(`${base}/van-ban/${docB}`);
    await heading(page, '502/UBND-VX');
    check(await page.locator(`#doc-text a.hl-cit[href="/van-ban/${docA}"]`).count() >= 1, 'the citation of 501/UBND-KT links to its page');
    check(await page.locator(`#doc-citations a[href="/van-ban/${docA}"]`).count() === 1, 'the citation panel links to the cited document');

    // Document text is data: markup in it is shown as text, never run.
    await page.goto(`${base}/van-ban/${docCid}`);
    await heading(page, '503/UBND-NC');
    const xss = await page.evaluate(() => ({
      text: document.getElementById('doc-text').textContent,
      tags: document.querySelectorAll('#doc-text img, #doc-text b, main h1 img, .doc-subject img').length,
      flag: window.__xss,
    }));
    check(xss.text.includes('<img src=x onerror="window.__xss=1">') && xss.text.includes('<b>quy phạm</b>') && !xss.tags && !xss.flag,
      'markup in a document is rendered as text');

    // ---- header correction, a task the reader missed, a false task deleted (document 503) ----
    step('corrections on 503');
    await page.click('#edit-header');
    await page.fill('#hf-subject', 'về rà soát văn bản quy phạm pháp luật năm 2026');
    await page.click('#doc-header form.edit-form button[type=submit]');
    await page.waitForFunction(() => {
      const s = document.getElementById('doc-header');
      return s && !s.querySelector('form') && s.textContent.includes('về rà soát văn bản quy phạm pháp luật năm 2026') && s.textContent.includes('đã sửa');
    }, null, { timeout: 15000 });
    check((await page.textContent('.doc-subject')) === 'về rà soát văn bản quy phạm pháp luật năm 2026', 'header correction shown as the subject');
    const pageC = (await apiJson(page, `/api/documents/${docCid}`)).body;
    const c1 = byRef(pageC, '1');
    must(c1, 'document 503 has its task');
    await page.click('#add-task');
    await page.fill('#nt-action', 'Tổ chức tập huấn công tác kiểm tra văn bản cho cán bộ pháp chế');
    await page.fill('#nt-lead', 'Sở Tư pháp');
    await page.fill('#nt-due', vn(shift(50)));
    await page.click('#doc-tasks form.edit-form button[type=submit]');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#doc-tasks .task-card.is-manual')).some((c) => c.textContent.includes('Tổ chức tập huấn')), null, { timeout: 15000 });
    check(true, 'a task the reader missed, added in the form');
    page.once('dialog', (d) => d.accept());
    await page.click(`#task-${c1.id} .btn-danger`);
    await page.waitForFunction((id) => !document.getElementById(`task-${id}`), c1.id, { timeout: 15000 });
    const pageC2 = (await apiJson(page, `/api/documents/${docCid}`)).body;
    check(pageC2.tasks.length === 1 && pageC2.tasks[0].manual && pageC2.tasks[0].due === isoOf(shift(50)),
      `the false task deleted, the added one kept with its due date (${JSON.stringify(pageC2.tasks.map((t) => [t.ref, t.due]))})`);

    // ---- before the unit acts: the admin's dashboard and report ----
    step('dashboard and report before');
    await go(page, base, '/', 'Tổng quan');
    const statsBefore = await page.evaluate(() => Array.from(document.querySelectorAll('.stat-n')).map((e) => Number(e.textContent)));
    check(statsBefore[0] >= 2 && statsBefore[1] >= 1, `dashboard: overdue and > 30 days counted (${statsBefore})`);
    check(await page.locator('#dash-overdue + ul .task-line.is-long').count() >= 1, 'dashboard: the task > 30 days overdue is marked');
    const reportBefore = await apiJson(page, '/api/report');
    const snvBefore = reportBefore.body.units.find((u) => u.unit_id === 'snv');

    // ---- the unit account ----
    step('unit account');
    const unitCtx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const up = await unitCtx.newPage();
    watchErrors(up, 'unit', errors);
    await signIn(up, base, 'so.noi.vu', 'mat-khau-so-noi-vu');
    check((await up.textContent('.who')).includes('Sở Nội vụ'), 'the header names the unit');
    check(await up.locator('nav a[href="/quan-tri"]').count() === 0, 'a unit account has no Quản trị link');
    const overdueText = await up.textContent('#dash-overdue + ul');
    check(overdueText.includes('rà soát vị trí việc làm') && /quá hạn \d+ ngày \(\d+ ngày làm việc\)/.test(overdueText),
      'unit dashboard: its overdue task, in days and working days');
    check(!overdueText.includes('kiểm tra công tác y tế'), 'unit dashboard: no other unit\'s task');
    await shoot(up, '05-tong-quan-don-vi');
    await follow(up, 'nav a[href="/nhiem-vu"]', 'Nhiệm vụ');
    await up.waitForSelector('.board');
    const boardIds = await up.evaluate(() => Array.from(document.querySelectorAll('.board .task-line')).map((li) => Number(li.dataset.taskId)));
    check(boardIds.includes(a1.id) && !boardIds.includes(b1.id) && !boardIds.includes(a2.id),
      `unit board: its tasks only (${boardIds})`);
    await shoot(up, '07-nhiem-vu-don-vi');
    await follow(up, `.board a[href="/nhiem-vu/${a1.id}"]`, 'Nhiệm vụ mục 1');
    // Mark done with a note and a date; attach the report sent.
    const doneOn = TODAY.getDate() > 1 ? shift(-1) : TODAY;
    await up.selectOption('#task-status', 'done');
    await up.fill('#task-done-on', vn(doneOn));
    await up.fill('#task-note', 'Đã gửi Báo cáo số 45/BC-SNV về kết quả rà soát');
    await up.click('#status-form button[type=submit]');
    await up.waitForFunction(() => document.querySelector('.history') && document.querySelector('.history').textContent.includes('Đã gửi Báo cáo số 45/BC-SNV'), null, { timeout: 15000 });
    const hist = await up.textContent('.history');
    check(hist.includes('Hoàn thành') && hist.includes(vn(doneOn)), `history shows the status and the done date: ${hist.slice(0, 200)}`);
    check((await up.textContent('.page-head .badge')).includes('Hoàn thành'), 'the task shows as done');
    const report = path.join(work, 'bao-cao-45.txt');
    fs.writeFileSync(report, 'Báo cáo số 45/BC-SNV\n');
    await up.setInputFiles('#task-file', report);
    await up.waitForFunction(() => Array.from(document.querySelectorAll('a[href^="/api/attachments/"]')).some((a) => a.textContent === 'bao-cao-45.txt'), null, { timeout: 15000 });
    check(true, 'a file attached to the task');
    await shoot(up, '08-nhiem-vu-chi-tiet');
    // Another unit's task: refused in the UI and by its API URL.
    await up.goto(`${base}/nhiem-vu/${b1.id}`);
    await up.waitForSelector('main .error');
    check((await up.textContent('main .error')).includes('Không có quyền'), 'another unit\'s task: the UI says no access');
    check(!(await up.textContent('main')).includes('kiểm tra công tác y tế'), 'another unit\'s task: nothing of it shown');
    const direct = await up.goto(`${base}/api/tasks/${b1.id}`);
    check(direct.status() === 403, `another unit's task by its API URL: ${direct.status()}`);
    const directDoc = await up.goto(`${base}/api/documents/${docB}`);
    check(directDoc.status() === 403, `a document giving the unit no task, by its API URL: ${directDoc.status()}`);
    await go(up, base, '/van-ban', 'Văn bản');
    await up.waitForSelector('#doc-table');
    const unitDocs = await up.evaluate(() => Array.from(document.querySelectorAll('#doc-table tbody tr')).map((tr) => Number(tr.dataset.docId)));
    check(unitDocs.includes(docA) && !unitDocs.includes(docB), `the unit's document list: ${unitDocs}`);
    check(await up.locator('#dropzone').count() === 0, 'a unit account has no upload');
    // Sign out.
    await up.click('#logout');
    await up.waitForSelector('#login-user');
    check(new URL(up.url()).pathname === '/dang-nhap', 'signed out: the login page');
    const after = await up.goto(`${base}/api/tasks`);
    check(after.status() === 401, `after signing out the API refuses: ${after.status()}`);
    await unitCtx.close();

    // ---- the admin sees the change ----
    step('dashboard and report after');
    await go(page, base, '/', 'Tổng quan');
    const statsAfter = await page.evaluate(() => Array.from(document.querySelectorAll('.stat-n')).map((e) => Number(e.textContent)));
    check(statsAfter[0] === statsBefore[0] - 1 && statsAfter[1] === statsBefore[1] - 1, `dashboard: one overdue task fewer (${statsBefore} -> ${statsAfter})`);
    if (doneOn.getMonth() === TODAY.getMonth()) check(statsAfter[3] === statsBefore[3] + 1, `dashboard: one more done this month (${statsBefore} -> ${statsAfter})`);
    check((await page.textContent('#dash-done + ul, #dash-done + p')).includes('rà soát vị trí việc làm'), 'dashboard: the task listed as done');
    await shoot(page, '05-tong-quan');
    await follow(page, 'nav a[href="/bao-cao"]', 'Báo cáo');
    await page.waitForSelector('#chart-rate svg');
    const row = await page.evaluate(() => {
      const tr = Array.from(document.querySelectorAll('.table-report tbody tr')).find((r) => r.firstElementChild.textContent === 'Sở Nội vụ');
      return tr ? Array.from(tr.children).map((c) => c.textContent) : null;
    });
    check(row && Number(row[3]) === snvBefore.done_late + 1 && Number(row[5]) === snvBefore.overdue - 1,
      `report: Sở Nội vụ done late +1, overdue -1 (${row} vs ${JSON.stringify(snvBefore)})`);
    const rated = (await apiJson(page, '/api/report')).body.units.filter((u) => u.on_time_percent !== null).length;
    check(rated >= 1 && await page.locator('#chart-rate svg rect.bar').count() === rated, `report: on-time rate chart, a bar per unit with tasks due (${rated})`);
    check(await page.locator('#chart-months svg rect.bar').count() === 24, 'report: overdue and done over 12 months');
    check((await page.textContent('#report-title')).includes(`Quý ${['I', 'II', 'III', 'IV'][Math.floor(TODAY.getMonth() / 3)]}/${TODAY.getFullYear()}`),
      'report: the period named as "Quý N/yyyy"');
    await shoot(page, '09-bao-cao');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-format="xlsx"]')]);
    const xlsx = path.join(work, 'bao-cao.xlsx');
    await download.saveAs(xlsx);
    const py = spawnSync(PYTHON, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Tổng hợp"]
print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], default=str))
`, xlsx], { encoding: 'utf8' });
    must(py.status === 0, `openpyxl reads the XLSX: ${py.stderr}`);
    const sheet = JSON.parse(py.stdout);
    const xrow = sheet.find((r) => r[0] === 'Sở Nội vụ');
    const headerRow = sheet.find((r) => r.includes('Hoàn thành quá hạn'));
    const col = headerRow ? headerRow.indexOf('Hoàn thành quá hạn') : -1;
    check(xrow && col > 0 && Number(xrow[col]) === snvBefore.done_late + 1, `XLSX: Sở Nội vụ done late +1 (${JSON.stringify(xrow)})`);
    for (const fmt of ['csv', 'md', 'ics']) {
      const href = await page.getAttribute(`a[data-format="${fmt}"]`, 'href');
      const r = await page.evaluate(async (u) => { const x = await fetch(u); return { s: x.status, d: x.headers.get('content-disposition') || '' }; }, href);
      check(r.s === 200 && r.d.startsWith('attachment'), `report download ${fmt}`);
    }

    // ---- the board, bulk status change ----
    step('task board');
    await follow(page, 'nav a[href="/nhiem-vu"]', 'Nhiệm vụ');
    await page.waitForSelector('.board');
    const b2 = byRef(pageB, '2');
    await page.check(`#sel-${b2.id}`);
    await page.check(`#sel-${a2.id}`);
    await page.selectOption('#bulk-status', 'in_progress');
    await page.click('.bulk button[type=submit]');
    await page.waitForFunction((ids) => ids.every((id) => {
      const li = document.querySelector(`.column-in_progress .task-line[data-task-id="${id}"]`);
      return !!li;
    }), [b2.id, a2.id], { timeout: 15000 });
    check(true, 'bulk status change moves both tasks to Đang thực hiện');
    await shoot(page, '06-nhiem-vu');
    await go(page, base, `/nhiem-vu/${a1.id}`, 'Nhiệm vụ mục 1');
    await shoot(page, '08-nhiem-vu-chi-tiet-quan-tri');

    // ---- calendar and feed ----
    step('calendar');
    await go(page, base, `/lich?thang=${a3.due.slice(0, 7)}`, 'Lịch');
    check(await page.locator(`.day[data-date="${a3.due}"] a[href="/nhiem-vu/${a3.id}"]`).count() === 1, 'calendar: the task on its due day');
    const cal = (await apiJson(page, `/api/calendar?month=${a3.due.slice(0, 7)}`)).body;
    check(await page.locator('.day.day-off').count() === cal.days.filter((d) => !d.working).length, 'calendar: the days off of lib/calendar');
    await page.selectOption('#feed-unit', 'snv');
    await page.click('#feed-h ~ form button[type=submit]');
    await page.waitForSelector('#feed-url');
    const feed = await page.inputValue('#feed-url');
    check(/^http:\/\/127\.0\.0\.1:\d+\/api\/feeds\/[A-Za-z0-9_-]+\.ics$/.test(feed), `feed URL: ${feed}`);
    const ics = await httpGet(feed);
    const unfolded = ics.body.replace(/\r?\n[ \t]/g, '');
    check(ics.status === 200 && ics.body.startsWith('BEGIN:VCALENDAR') && unfolded.includes('tổng hợp kết quả sắp xếp'), 'the feed serves the unit\'s open tasks without a session');
    await shoot(page, '10-lich', { reload: false });
    await go(page, base, '/lich?thang=2026-02', 'Lịch');
    check((await page.textContent('.calendar')).includes('Tết'), 'calendar: Tết in February 2026');

    // ---- search without diacritics ----
    step('search');
    await follow(page, 'nav a[href="/tim-kiem"]', 'Tìm kiếm');
    await page.fill('#search-q', 'ra soat vi tri viec lam');
    await page.press('#search-q', 'Enter');
    await page.waitForSelector('.hit');
    check(await page.locator(`.hit a[href="/van-ban/${docA}"]`).count() === 1, 'search without diacritics finds the document');
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll('.snippet mark')).map((m) => m.textContent.toLowerCase()));
    check(marks.some((m) => m.includes('rà soát') || m === 'rà' || m === 'soát' || m.includes('vị trí') || m === 'việc'), `snippet hits highlighted: ${marks}`);
    await shoot(page, '11-tim-kiem');

    // ---- administration ----
    step('administration');
    await go(page, base, '/quan-tri/tai-khoan', 'Quản trị');
    await page.waitForSelector('#users');
    await shoot(page, '12-quan-tri-tai-khoan');
    await go(page, base, '/quan-tri/don-vi', 'Quản trị');
    await page.waitForSelector('#unres-h');
    check((await page.textContent('#unres-h + p + ul, #unres-h ~ ul')).includes('Sở Kế hoạch và Đầu tư'), 'the corrected lead is listed as a name to map');
    await shoot(page, '13-quan-tri-don-vi');
    await go(page, base, '/quan-tri/nhat-ky', 'Quản trị');
    await page.waitForSelector('#audit-table tbody tr');
    const audit = await page.textContent('#audit-table');
    check(audit.includes('so.noi.vu') && audit.includes('Cập nhật nhiệm vụ') && audit.includes('Đăng nhập sai') && audit.includes('Nạp văn bản'),
      'audit log: the unit\'s update, the failed login, the ingests');
    const auditCsv = await page.getAttribute('#audit-csv', 'href');
    const csv = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { s: r.status, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, t: new TextDecoder().decode(bytes) };
    }, auditCsv);
    check(csv.s === 200 && csv.bom && csv.t.includes('task.update') && csv.t.includes('so.noi.vu'), 'audit log exported as CSV with a BOM');
    await shoot(page, '14-quan-tri-nhat-ky');
    await go(page, base, '/quan-tri/chat-luong', 'Quản trị');
    const lead = await page.evaluate(() => {
      const tr = Array.from(document.querySelectorAll('.table-quality tbody tr')).find((r) => r.firstElementChild.textContent === 'Đơn vị chủ trì');
      return tr ? Array.from(tr.children).map((c) => c.textContent) : null;
    });
    check(lead && Number(lead[3]) >= 1, `quality page: the lead changed in the browser (${lead})`);
    await shoot(page, '15-quan-tri-chat-luong');

    // Sign out.
    step('sign out');
    await page.click('#logout');
    await page.waitForSelector('#login-user');
    check((await page.goto(`${base}/api/session`)).status() === 401, 'admin signed out');
    await adminCtx.close();
    check(!errors.length, `no script errors in the pages: ${Array.from(new Set(errors)).join(' | ')}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    const code = await stopServer(srv);
    if (srv) check(code === 0, `server stopped cleanly (${code})`);
  }
  // `dondoc quality` shows the correction made in the browser.
  const q = spawnSync(DONDOC, ['quality', '--json', '--db', db], { encoding: 'utf8' });
  const fields = q.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const leadQ = fields.find((f) => f.field === 'lead');
  const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
  check(q.status === 0 && leadQ && leadQ.changed === 1, `dondoc quality: the lead changed once (${JSON.stringify(leadQ)})`);
  check(byField.subject && byField.subject.changed === 1 && byField.tasks && byField.tasks.added === 1 && byField.tasks.deleted === 1,
    `dondoc quality: the subject changed, a task added and one deleted (${JSON.stringify([byField.subject, byField.tasks])})`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().then(() => {
  console.log(`${checks} checks, ${failures.length} failures, ${((Date.now() - STARTED) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
  process.exit(failures.length ? 1 : 0);
}, (e) => {
  console.error(e && e.stack ? e.stack : e);
  console.log(`${checks} checks, ${failures.length} failures`);
  process.exit(1);
});
