#!/usr/bin/env python3
"""End-to-end test of `dondoc serve`: the real binary on a random free local port, over SQLite
or a throw-away PostgreSQL server.

    api_test.py DONDOC sqlite|postgres

Checks every endpoint: 401 without a session, 403 across units and roles and without the CSRF
token, 404, 400 on malformed JSON, 413 on an oversized upload, an executable or a zip bomb
refused with a clear message and nothing stored; a new session id at every login; passwords
and session ids never returned, logged or stored; a document containing <script> returned as
data; one office written two ways counted once in the report (CLI and API); corrections that
survive re-ingest; anchors of relative deadlines; the audit log; the consume folder; SIGTERM.
On PostgreSQL also two `serve` processes over one database, a session of one used on the other.
"""
import http.client
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import store_e2e as e2e  # the store test's helpers: check, run, the throw-away PostgreSQL server
from store_e2e import DONDOC, ENGINE, check, run


class Server:
    """A `dondoc serve` process on a free port; its output is kept to look for secrets."""

    def __init__(self, db, work, *extra):
        self.out = open(os.path.join(work, "serve-%d.out" % time.monotonic_ns()), "w+b")
        self.proc = subprocess.Popen([DONDOC, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=self.out, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.port is None:
            time.sleep(0.1)
            text = self.output()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", text)
            if m:
                self.port = int(m.group(1))
            if self.proc.poll() is not None:
                break
        if self.port is None:
            print(self.output(), file=sys.stderr)
            raise SystemExit("server did not start")
        m = re.search(r"admin  mật khẩu: (\S+)", self.output())
        self.admin_password = m.group(1) if m else None

    def output(self):
        self.out.flush()
        self.out.seek(0)
        return self.out.read().decode("utf-8", "replace")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


class Client:
    """One browser: a cookie jar and the CSRF token of its session."""

    def __init__(self, server):
        self.server = server
        self.cookie = None
        self.csrf = None
        self.last_set_cookie = None

    def request(self, method, path, body=None, headers=None, csrf=True, raw=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = "dondoc_session=" + self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        sc = r.getheader("Set-Cookie")
        if sc:
            self.last_set_cookie = sc
            m = re.match(r"dondoc_session=([^;]*)", sc)
            if m:
                self.cookie = m.group(1) or None
        conn.close()
        if raw:
            return r.status, data, r
        try:
            return r.status, json.loads(data.decode() or "null"), r
        except ValueError:
            return r.status, data, r

    def login(self, user, password):
        status, body, _ = self.request("POST", "/api/login", {"username": user, "password": password})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status, body

    def upload(self, path, files, field="file"):
        boundary = "----dondoc%d" % time.monotonic_ns()
        parts = []
        for name, content in files:
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                          "Content-Type: application/octet-stream\r\n\r\n" % (boundary, field, name)).encode() + content + b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
        return self.request("POST", path, body, {"Content-Type": "multipart/form-data; boundary=" + boundary})


def document_text(number, issuer_line, office, extra=""):
    return f"""ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN                       Độc lập - Tự do - Hạnh phúc
Số: {number}/UBND-KT                     Lạng Sơn, ngày 10 tháng 3 năm 2026

V/v triển khai nhiệm vụ chuyển đổi số

Kính gửi: {issuer_line}

Ủy ban nhân dân tỉnh yêu cầu:

1. Giao {office} chủ trì tổng hợp báo cáo chuyển đổi số, hoàn thành trước ngày 20/4/2026.
2. Giao Sở Tài chính chủ trì bố trí kinh phí chuyển đổi số, hoàn thành trước ngày 30/4/2026.
3. Giao Sở Nội vụ chủ trì rà soát vị trí việc làm, hoàn thành trước ngày 15/5/2026.
{extra}
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Cường
"""


RELATIVE = """ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN                       Độc lập - Tự do - Hạnh phúc
Số: 305/UBND-NC                     Lạng Sơn, ngày 12 tháng 3 năm 2026

V/v chuẩn bị diễn tập phòng thủ

Kính gửi: Sở Nội vụ

1. Giao Sở Nội vụ chủ trì hoàn thiện kịch bản, hoàn thành ít nhất 05 ngày trước diễn tập chính thức.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Cường
"""

SCRIPT_DOC = """ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN                       Độc lập - Tự do - Hạnh phúc
Số: 777/UBND-VX                     Lạng Sơn, ngày 14 tháng 3 năm 2026

V/v thử <script>alert("xss")</script> trong văn bản

Kính gửi: Sở Y tế

1. Giao Sở Y tế chủ trì kiểm tra <script>alert(1)</script>, hoàn thành trước ngày 20/4/2026.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Cường
"""


def docx_bytes():
    buf = io.BytesIO()
    src = os.path.join(ROOT, "tests", "fixtures", "cong_van_123.docx.d")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for base, _, names in os.walk(src):
            for n in sorted(names):
                full = os.path.join(base, n)
                z.write(full, os.path.relpath(full, src))
    return buf.getvalue()


def zip_bomb():
    """A DOCX whose document.xml inflates to 2 GiB of zeros (a few MB on the wire)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(2048):
                f.write(chunk)
    return buf.getvalue()


def main():
    work = tempfile.mkdtemp(prefix="dondoc-api-")
    pg = None
    servers = []
    try:
        if ENGINE == "postgres":
            pg = e2e.Postgres()
            db = pg.fresh()
        else:
            db = os.path.join(work, "api.db")
        docs = os.path.join(work, "docs")
        os.makedirs(docs)
        # One office written two ways in two documents: one unit in the report.
        with open(os.path.join(docs, "cv101.txt"), "w", encoding="utf-8") as f:
            f.write(document_text("101", "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"))
        with open(os.path.join(docs, "cv102.txt"), "w", encoding="utf-8") as f:
            f.write(document_text("102", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"))
        with open(os.path.join(docs, "cv305.txt"), "w", encoding="utf-8") as f:
            f.write(RELATIVE)
        with open(os.path.join(docs, "cv777.txt"), "w", encoding="utf-8") as f:
            f.write(SCRIPT_DOC)
        run("ingest", docs, db=db)
        # The CLI report counts the office once.
        md = run("report", "--as-of", "2026-05-01", db=db).stdout.decode()
        rows = [l for l in md.splitlines() if l.startswith("| Văn phòng")]
        check(len(rows) == 1 and rows[0].startswith("| Văn phòng Ủy ban nhân dân tỉnh | 2 |"),
              "CLI report: one row for the office written two ways:\n" + md)

        srv = Server(db, work)
        servers.append(srv)
        check(srv.admin_password is not None, "first admin password printed")
        for name, role, unit in (("van.thu", "clerk", None), ("lanh.dao", "leader", None),
                                 ("so.noi.vu", "unit", "Sở Nội vụ"), ("so.tai.chinh", "unit", "stc")):
            args = ["user", "add", name, "--role", role, "--password-stdin"] + (["--unit", unit] if unit else [])
            run(*args, db=db, stdin=b"mat-khau-" + name.encode() + b"\n")
        p = run("user", "add", "ngan", "--role", "clerk", "--password-stdin", db=db, stdin=b"short\n", ok=False)
        check(p.returncode == 1 and "ít nhất 8" in p.stderr.decode(), "short password refused: " + p.stderr.decode())
        p = run("user", "add", "van.thu", "--role", "clerk", "--password-stdin", db=db, stdin=b"mat-khau-khac\n", ok=False)
        check(p.returncode == 1 and "đã có" in p.stderr.decode(), "taken name refused")
        p = run("user", "add", "x", "--role", "boss", "--password-stdin", db=db, stdin=b"mat-khau-dai\n", ok=False)
        check(p.returncode == 2, "bad role is a usage error")
        p = run("user", "list", "--json", db=db)
        users = [json.loads(l) for l in p.stdout.decode().splitlines()]
        check({u["username"] for u in users} == {"admin", "van.thu", "lanh.dao", "so.noi.vu", "so.tai.chinh"}, "user list")
        check(all("password" not in json.dumps(u) and "argon2" not in json.dumps(u) for u in users), "no hash in user list")
        unit_of = {u["username"]: u["unit"] for u in users}
        check(unit_of["so.noi.vu"] == "snv" and unit_of["so.tai.chinh"] == "stc", "unit accounts resolve to unit ids")

        anon = Client(srv)

        # 401 without a session, on every endpoint.
        for method, path in (("GET", "/api/tasks"), ("GET", "/api/tasks/1"), ("PATCH", "/api/tasks/1"),
                             ("GET", "/api/documents"), ("POST", "/api/documents"), ("GET", "/api/documents/1"),
                             ("PATCH", "/api/documents/1"), ("GET", "/api/search?q=a"), ("GET", "/api/report"),
                             ("GET", "/api/audit"), ("GET", "/api/users"), ("POST", "/api/users"),
                             ("GET", "/api/units"), ("GET", "/api/units/unresolved"), ("GET", "/api/calendar"),
                             ("GET", "/api/quality"), ("POST", "/api/logout"), ("GET", "/api/session"),
                             ("POST", "/api/tasks/bulk"), ("GET", "/api/audit.csv"), ("DELETE", "/api/tasks/1")):
            status, body, r = anon.request(method, path, {} if method != "GET" else None)
            check(status == 401 and isinstance(body, dict) and body.get("error"), f"401 for {method} {path}: {status}")
            check(r.getheader("Content-Type", "").startswith("application/json"), f"JSON error for {method} {path}")

        # Login: wrong password, then right; a new session id every time; cookie flags.
        status, body = Client(srv).login("admin", "sai-mat-khau")
        check(status == 401 and body["error"] == "sai tên đăng nhập hoặc mật khẩu", "wrong password: 401")
        status, body = Client(srv).login("khong-co-ai", "sai-mat-khau")
        check(status == 401 and body["error"] == "sai tên đăng nhập hoặc mật khẩu", "unknown user: same 401")
        status, body = Client(srv).login("mat-khau-go-nham-o", "x")  # a password typed as the name
        secrets_typed = ["mat-khau-go-nham-o"]
        admin = Client(srv)
        status, body = admin.login("admin", srv.admin_password)
        check(status == 200 and body["user"]["role"] == "admin" and body["csrf_token"], "admin login")
        check("password" not in json.dumps(body) and "argon2" not in json.dumps(body), "no password in login answer")
        sc = admin.last_set_cookie
        check("HttpOnly" in sc and "SameSite=Strict" in sc and "Secure" not in sc, "cookie flags: " + sc)
        first = admin.cookie
        status, _ = admin.login("admin", srv.admin_password)
        check(admin.cookie and admin.cookie != first, "a new session id at login")
        old = Client(srv)
        old.cookie = first
        check(old.request("GET", "/api/tasks")[0] == 401, "the session replaced at login no longer works")
        status, body, _ = admin.request("GET", "/api/session")
        check(status == 200 and body["csrf_token"] == admin.csrf, "session answer carries the CSRF token")

        clerk, leader, snv, stc = Client(srv), Client(srv), Client(srv), Client(srv)
        for c, n in ((clerk, "van.thu"), (leader, "lanh.dao"), (snv, "so.noi.vu"), (stc, "so.tai.chinh")):
            check(c.login(n, "mat-khau-" + n)[0] == 200, "login " + n)

        # Tasks: the fields of `dondoc tasks --json`, per-unit visibility.
        status, body, _ = admin.request("GET", "/api/tasks?as_of=2026-05-01")
        all_tasks = body["tasks"]
        cli_tasks = [json.loads(l) for l in run("tasks", "--json", "--as-of", "2026-05-01", db=db).stdout.decode().splitlines()]
        check(status == 200 and all_tasks == cli_tasks, "GET /api/tasks equals dondoc tasks --json")
        status, body, _ = admin.request("GET", "/api/tasks?overdue=1&as_of=2026-05-01")
        check(status == 200 and body["tasks"] and all(t["overdue_days"] > 0 for t in body["tasks"]), "overdue filter")
        status, body, _ = admin.request("GET", "/api/tasks?status=bogus")
        check(status == 400 and "bogus" in body["error"], "bad status: 400")
        # Numbers are decimal and range-checked (issue 14, item 6): "010" is ten, never eight.
        ids = [t["id"] for t in all_tasks]
        status, body, _ = admin.request("GET", "/api/tasks?limit=02")
        check(status == 200 and len(body["tasks"]) == 2, "limit=02 is two tasks")
        for q in ("limit=0x10", "limit=-1", "limit=1e3", "limit=0", "due_within=-5", "due_within=99999999",
                  "due_within=0x7"):
            status, body, _ = admin.request("GET", "/api/tasks?" + q)
            check(status == 400 and "phải là số nguyên" in body.get("error", ""), f"{q}: 400 ({status} {body})")
        if len(ids) >= 1:
            status, body, _ = admin.request("GET", "/api/tasks/0%d" % ids[0])
            check(status == 200 and body["id"] == ids[0], "a task id with a leading zero is the same task")
        status, body, _ = admin.request("GET", "/api/tasks/99999999999999999999")
        check(status == 404, "a task id past INT64_MAX is unknown, not cut: %s" % status)
        status, body, _ = admin.request("GET", "/api/documents?limit=0x10")
        check(status == 400, "document list limit=0x10: 400")
        status, body, _ = admin.request("GET", "/api/documents/lookup?ref=99999999999999999999")
        check(status == 400 and "ID văn bản" in body.get("error", ""), "document id past INT64_MAX: 400 (%s)" % status)
        status, body, _ = admin.request("GET", "/api/tasks?as_of=2026-13-45")
        check(status == 400 and "as_of" in body["error"], "bad as_of: 400")
        snv_tasks = snv.request("GET", "/api/tasks")[1]["tasks"]
        stc_tasks = stc.request("GET", "/api/tasks")[1]["tasks"]
        check(snv_tasks and all(any("Nội vụ" in n for n in t["lead"] + t["support"]) for t in snv_tasks), "unit sees its tasks")
        check(stc_tasks and not set(t["id"] for t in snv_tasks) & set(t["id"] for t in stc_tasks), "units see disjoint tasks")
        other = stc_tasks[0]["id"]
        mine = snv_tasks[0]["id"]
        status, body, _ = snv.request("GET", f"/api/tasks/{other}")
        check(status == 403 and body.get("error"), "unit cannot read another unit's task: %s" % status)
        status, body, _ = snv.request("PATCH", f"/api/tasks/{other}", {"status": "done"})
        check(status == 403, "unit cannot update another unit's task")
        status, body, _ = snv.request("GET", f"/api/documents/{stc_tasks[0]['document_id']}")
        check(status in (200, 403), "document page for a unit")
        status, body, _ = admin.request("GET", "/api/tasks/999999")
        check(status == 404 and body.get("error"), "404 for an unknown task")
        status, body, _ = admin.request("GET", "/api/documents/999999")
        check(status == 404, "404 for an unknown document")
        status, body, _ = admin.request("GET", "/api/khong-co")
        check(status == 404 and body.get("error"), "404 JSON for an unknown API path")

        # CSRF and malformed JSON.
        status, body, _ = snv.request("PATCH", f"/api/tasks/{mine}", {"status": "in_progress"}, csrf=False)
        check(status == 403 and "CSRF" in body["error"], "PATCH without X-CSRF-Token: 403")
        status, body, _ = snv.request("PATCH", f"/api/tasks/{mine}", {"status": "in_progress"},
                                      headers={"X-CSRF-Token": "gia-mao"}, csrf=False)
        check(status == 403, "PATCH with a wrong token: 403")
        status, body, _ = snv.request("PATCH", f"/api/tasks/{mine}", "{khong phai json",
                                      headers={"Content-Type": "application/json"})
        check(status == 400 and "JSON" in body["error"], "malformed JSON: 400")
        status, body, _ = snv.request("PATCH", f"/api/tasks/{mine}", {"due": "2026-12-31"})
        check(status == 403, "a unit cannot change a due date")
        status, body, _ = snv.request("PATCH", f"/api/tasks/{mine}",
                                      {"status": "done", "done_on": "2026-04-10", "note": "Đã gửi Báo cáo số 45"})
        check(status == 200 and body["status"] == "done" and body["done_on"] == "2026-04-10", "unit marks its task done")
        check(any(e["kind"] == "note" and e["new"] == "Đã gửi Báo cáo số 45" for e in body["history"]), "note in history")
        cli_task = json.loads(run("task", str(mine), "--json", db=db).stdout.decode())
        check(cli_task["status"] == "done" and cli_task["done_on"] == "2026-04-10", "CLI sees the API's change")
        status, body, _ = leader.request("PATCH", f"/api/tasks/{mine}", {"status": "open"})
        check(status == 403 and body.get("error"), "leader changes nothing")
        status, body, _ = leader.request("GET", "/api/report")
        check(status == 200 and body["units"], "leader gets reports")
        status, body, _ = clerk.request("PATCH", f"/api/tasks/{other}", {"lead": ["Sở Nội vụ"]})
        check(status == 200 and body["lead"] == ["Sở Nội vụ"], "clerk assigns a task")
        check(snv.request("GET", f"/api/tasks/{other}")[0] == 200, "the new lead unit sees the task")
        status, body, _ = admin.request("POST", "/api/tasks/bulk", {"ids": [t["id"] for t in stc_tasks[:2]], "status": "in_progress"})
        check(status == 200 and len(body["results"]) == len(stc_tasks[:2]), "bulk status change")

        # Roles on admin endpoints.
        for c, who in ((clerk, "clerk"), (leader, "leader"), (snv, "unit")):
            check(c.request("GET", "/api/users")[0] == 403, who + ": GET /api/users is 403")
            check(c.request("GET", "/api/audit")[0] == 403, who + ": GET /api/audit is 403")
        status, body, _ = admin.request("GET", "/api/users")
        check(status == 200 and len(body["users"]) == 5 and "argon2" not in json.dumps(body), "admin lists users")
        status, body, _ = admin.request("POST", "/api/users", {"username": "moi", "password": "mat-khau-moi-1", "role": "clerk"})
        check(status == 201 and body["user"]["username"] == "moi", "admin adds a user over the API")
        status, body, _ = clerk.request("POST", "/api/users", {"username": "x", "password": "mat-khau-xx-1", "role": "admin"})
        check(status == 403, "clerk cannot add users")

        # Documents: list, page with text and spans, <script> as data, upload rules.
        status, body, _ = admin.request("GET", "/api/documents")
        check(status == 200 and len(body["documents"]) == 4, "GET /api/documents")
        script_id = [d for d in body["documents"] if d["number"] == "777"][0]["id"]
        status, data, r = admin.request("GET", f"/api/documents/{script_id}", raw=True)
        page = json.loads(data)
        check(r.getheader("Content-Type") == "application/json; charset=utf-8" and r.getheader("X-Content-Type-Options") == "nosniff",
              "document page is JSON, nosniff")
        check("<script>alert(1)</script>" in page["text_content"], "<script> returned as text data")
        t0 = page["tasks"][0]
        span = t0.get("span")
        check(span and "Sở Y tế" in page["text_content"].encode()[span[0]:span[1]].decode(), "task span into the text")
        check("subject" in page["spans"], "header spans")
        status, data, r = admin.request("GET", f"/api/documents/{script_id}/file", raw=True)
        check(status == 200 and r.getheader("Content-Disposition", "").startswith("attachment")
              and r.getheader("Content-Type") == "application/octet-stream", "original file is a download")
        status, body, _ = admin.request("GET", "/api/documents/lookup?ref=101/UBND-KT")
        check(status == 200 and body["id"], "lookup by number")

        before = len(admin.request("GET", "/api/documents")[1]["documents"])
        status, body, _ = snv.upload("/api/documents", [("a.txt", b"x")])
        check(status == 403, "a unit cannot upload")
        status, body, _ = clerk.upload("/api/documents", [("chuong-trinh", open("/bin/true", "rb").read())])
        check(status == 415 and "chương trình" in body["error"], "executable refused: %s %s" % (status, body))
        status, body, _ = clerk.upload("/api/documents", [("bom.docx", zip_bomb())])
        check(400 <= status < 500 and body.get("error"), "zip bomb refused: %s %s" % (status, body))
        check(len(admin.request("GET", "/api/documents")[1]["documents"]) == before, "nothing stored for refused files")
        pdf = open(os.path.join(ROOT, "tests", "fixtures", "fuzz", "pdf", "cong_van_123.pdf"), "rb").read()
        status, body, _ = clerk.upload("/api/documents", [("cong-van.docx", docx_bytes()), ("cong-van.pdf", pdf)])
        check(status == 201 and all(x["ok"] for x in body["results"]) and len(body["results"]) == 2,
              "DOCX and PDF uploaded: %s" % body)
        status, body, _ = clerk.request("POST", "/api/documents", "x", {"Content-Type": "text/plain"})
        check(status == 400 and "file" in body["error"], "upload without a file field: 400")

        small = Server(db, work, "--max-upload", "1")
        servers.append(small)
        c2 = Client(small)
        c2.login("van.thu", "mat-khau-van.thu")
        status, body, _ = c2.upload("/api/documents", [("lon.txt", b"a" * (2 << 20))])
        check(status == 413 and isinstance(body, dict) and body.get("error"), "oversized upload: 413 (%s)" % status)
        check(small.stop() == 0, "SIGTERM stops the server with status 0")
        servers.remove(small)
        # Behind a reverse proxy that terminates TLS, the cookie is Secure.
        proxied = Server(db, work, "--trust-proxy")
        servers.append(proxied)
        c3 = Client(proxied)
        c3.request("POST", "/api/login", {"username": "van.thu", "password": "mat-khau-van.thu"},
                   headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"})
        check(c3.last_set_cookie and "Secure" in c3.last_set_cookie, "Secure cookie behind an HTTPS proxy")
        check(proxied.stop() == 0, "proxied server stops")
        servers.remove(proxied)

        # Search.
        status, body, _ = admin.request("GET", "/api/search?q=" + urllib.parse.quote("chuyen doi so"))
        check(status == 200 and len(body["hits"]) >= 2, "search without diacritics")
        check(admin.request("GET", "/api/search")[0] == 400, "search without q: 400")
        # Search queries are capped (issue 14, item 4): a long or many-termed query is a 400 in
        # well under a second, and a term typed many times counts once.
        started = time.monotonic()
        status, body, _ = admin.request("GET", "/api/search?q=" + urllib.parse.quote("ke hoach " * 200))
        check(status == 400 and "quá dài" in body.get("error", ""), "a 1.8 KB query: 400 (%s)" % status)
        status, body, _ = admin.request("GET", "/api/search?q=" + urllib.parse.quote("ke hoach " * 2000))
        check(status == 414 and "quá dài" in body.get("error", ""), "an 18 KB query: 414 (%s)" % status)
        many = " ".join("tu%d" % i for i in range(40))
        status, body, _ = admin.request("GET", "/api/search?q=" + urllib.parse.quote(many))
        check(status == 400 and "quá nhiều từ" in body.get("error", ""), "40 distinct terms: 400 (%s)" % status)
        status, body, _ = admin.request("GET", "/api/search?q=" + urllib.parse.quote("chuyen doi so " * 60))
        check(status == 200 and len(body["hits"]) >= 2, "a term repeated within the length cap counts once")
        check(time.monotonic() - started < 5, "capped searches answer at once")
        check(admin.request("GET", "/api/search?q=a&limit=0x10")[0] == 400, "search limit=0x10: 400")
        unit_hits = snv.request("GET", "/api/search?q=" + urllib.parse.quote("kiem tra"))[1]["hits"]
        check(all(h["id"] != script_id for h in unit_hits), "a unit's search shows only its documents")

        # The report: one office, counted once; downloads in every format.
        status, body, _ = admin.request("GET", "/api/report?as_of=2026-05-01")
        names = [u["unit"] for u in body["units"]]
        check(names.count("Văn phòng Ủy ban nhân dân tỉnh") == 1 and "Văn phòng UBND tỉnh" not in names,
              "API report: office counted once: %s" % names)
        office = [u for u in body["units"] if u["unit"] == "Văn phòng Ủy ban nhân dân tỉnh"][0]
        check(office["total"] == 2 and office["unit_id"] == "vp-ubnd-tinh", "both tasks under one unit id")
        check(len(body["months"]) == 12, "monthly counts for the charts")
        status, body, _ = admin.request("GET", "/api/report?as_of=2026-05-01&from=2026-04-21&to=2026-04-30")
        check(status == 200 and body["total"]["total"] == 2, "a period keeps the tasks due in it: %s" % body.get("total"))
        check(admin.request("GET", "/api/report?from=2026-05-01&to=2026-04-01")[0] == 400, "a period ending before it starts: 400")
        for fmt, ctype in (("md", "text/markdown"), ("csv", "text/csv"), ("ics", "text/calendar"),
                           ("xlsx", "application/vnd.openxmlformats")):
            status, data, r = leader.request("GET", f"/api/report?format={fmt}&as_of=2026-05-01", raw=True)
            check(status == 200 and r.getheader("Content-Type", "").startswith(ctype)
                  and "attachment" in r.getheader("Content-Disposition", ""), "report download " + fmt)
            if fmt == "csv":
                check(data.startswith(b"\xef\xbb\xbf"), "CSV with BOM")
            if fmt == "xlsx":
                import openpyxl
                wb = openpyxl.load_workbook(io.BytesIO(data))
                ws = wb["Tổng hợp"]
                check(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
                      and ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows, "XLSX print setup")
        check(admin.request("GET", "/api/report?format=pdf")[0] == 400, "unknown report format: 400")

        # Units: directory, unresolved names, mapping applies to past tasks.
        status, body, _ = admin.request("GET", "/api/units")
        check(status == 200 and any(u["id"] == "vp-ubnd-tinh" for u in body["units"]), "unit directory seeded")
        status, body, _ = clerk.request("POST", "/api/units/snv/names", {"name": "Phòng Nội vụ tỉnh"})
        check(status == 200, "clerk maps a name")
        status, body, _ = clerk.request("PUT", "/api/units/snv", {"name": "Sở Nội vụ"})
        check(status == 403, "only an admin edits the directory")
        status, body, _ = admin.request("PUT", "/api/units/so-moi", {"name": "Sở Mới", "aliases": ["SM"], "parent": "khong-co"})
        check(status == 400, "unknown parent: 400")
        status, body, _ = admin.request("PUT", "/api/units/so-moi", {"name": "Sở Mới", "aliases": ["SM"]})
        check(status == 200, "admin adds a unit")

        # Corrections that survive re-ingest; added and deleted tasks; quality.
        doc101 = admin.request("GET", "/api/documents/lookup?ref=101/UBND-KT")[1]["id"]
        status, body, _ = clerk.request("PATCH", f"/api/documents/{doc101}", {"subject": "về chuyển đổi số (đã sửa)"})
        check(status == 200 and body["subject"] == "về chuyển đổi số (đã sửa)", "header correction")
        check(clerk.request("PATCH", f"/api/documents/{doc101}", {"khong_co": 1})[0] == 400, "unknown header field: 400")
        listed = [d for d in admin.request("GET", "/api/documents")[1]["documents"] if d["id"] == doc101]
        check(listed and listed[0]["subject"] == "về chuyển đổi số (đã sửa)", "the list shows the corrected subject")
        check(clerk.request("PATCH", f"/api/documents/{doc101}", {"date": "ngay mai"})[0] == 400, "bad corrected date: 400")
        t101 = [t for t in body["tasks"] if t["ref"] == "2"][0]["id"]
        status, body, _ = clerk.request("PATCH", f"/api/tasks/{t101}", {"lead": ["Sở Kế hoạch và Đầu tư"], "action": "Bố trí kinh phí (đã sửa)"})
        check(status == 200 and body["lead"] == ["Sở Kế hoạch và Đầu tư"] and body["action"] == "Bố trí kinh phí (đã sửa)",
              "task lead and action corrected")
        status, body, _ = clerk.request("POST", f"/api/documents/{doc101}/tasks",
                                        {"action": "Nhiệm vụ bị bỏ sót", "lead": ["Sở Y tế"], "due": "2026-06-30"})
        check(status == 201 and body["manual"] and body["due"] == "2026-06-30", "task added by a clerk")
        t_false = [t for t in admin.request("GET", f"/api/documents/{doc101}")[1]["tasks"] if t["ref"] == "3"][0]["id"]
        check(clerk.request("DELETE", f"/api/tasks/{t_false}")[0] == 200, "false task deleted")
        with open(os.path.join(docs, "cv101.txt"), "a", encoding="utf-8") as f:
            f.write("\n(Bản có chữ ký)\n")
        run("ingest", os.path.join(docs, "cv101.txt"), db=db)
        page = admin.request("GET", f"/api/documents/{doc101}")[1]
        check(page["subject"] == "về chuyển đổi số (đã sửa)", "header correction survives re-ingest")
        refs = {t["ref"]: t for t in page["tasks"]}
        check(refs["2"]["lead"] == ["Sở Kế hoạch và Đầu tư"] and refs["2"]["action"] == "Bố trí kinh phí (đã sửa)",
              "task corrections survive re-ingest")
        check("3" not in refs and any(t["manual"] for t in page["tasks"]), "deleted stays deleted, added stays")
        status, body, _ = admin.request("GET", "/api/quality")
        q = {f["field"]: f for f in body["fields"]}
        check(q["subject"]["changed"] == 1 and q["lead"]["changed"] == 1 and q["tasks"]["added"] == 1
              and q["tasks"]["deleted"] == 1 and q["action"]["changed"] == 1, "quality counts: %s" % q)
        p = run("quality", "--json", db=db)
        cq = {json.loads(l)["field"]: json.loads(l) for l in p.stdout.decode().splitlines()}
        check(cq["lead"]["changed"] == 1 and cq["tasks"]["added"] == 1, "dondoc quality shows the corrections")
        gold = os.path.join(work, "gold")
        run("export-gold", gold, db=db)
        golds = [f for f in os.listdir(gold) if f.endswith(".gold.json")]
        check(golds and all(os.path.exists(os.path.join(gold, g.replace(".gold.json", ".txt"))) for g in golds),
              "export-gold writes gold files with their texts")

        # Anchors of relative deadlines.
        doc305 = admin.request("GET", "/api/documents/lookup?ref=305/UBND-NC")[1]["id"]
        page = admin.request("GET", f"/api/documents/{doc305}")[1]
        rel = [d for t in page["tasks"] for d in t["deadlines"] if d["bound"] == "relative"]
        check(rel and rel[0]["anchor"] == "diễn tập chính thức", "relative deadline shows its anchor")
        status, body, _ = clerk.request("PUT", f"/api/documents/{doc305}/anchors", {"anchor": "diễn tập chính thức", "date": "2026-06-15"})
        check(status == 200 and body["tasks"][0]["due"] == "2026-06-10", "anchor date gives the due date: %s" % body["tasks"][0]["due"])

        # Attachments, notes, calendar, iCalendar feed.
        mine_now = snv.request("GET", "/api/tasks")[1]["tasks"][0]["id"]
        status, body, _ = snv.upload(f"/api/tasks/{mine_now}/attachments", [("bao-cao.pdf", b"%PDF-1.4 bao cao")])
        check(status == 201 and body["attachments"][0]["name"] == "bao-cao.pdf", "attachment added: %s %s" % (status, body))
        att = body["attachments"][0]["id"]
        status, data, r = snv.request("GET", f"/api/attachments/{att}", raw=True)
        check(status == 200 and data == b"%PDF-1.4 bao cao", "attachment downloaded")
        check(stc.request("GET", f"/api/attachments/{att}")[0] == 403, "another unit cannot download it")
        status, body, _ = admin.request("GET", "/api/calendar?month=2026-04")
        check(status == 200 and len(body["days"]) == 30 and body["days"][29]["working"] is False, "month calendar (30/4 off)")
        status, body, _ = snv.request("POST", "/api/units/snv/feed")
        check(status == 201 and body["url"].endswith(".ics"), "feed URL")
        status, data, r = anon.request("GET", body["url"], raw=True)
        check(status == 200 and data.startswith(b"BEGIN:VCALENDAR"), "feed served without a session")
        check(snv.request("POST", "/api/units/stc/feed")[0] == 403, "a unit cannot make another unit's feed")
        check(anon.request("GET", "/api/feeds/" + "x" * 32 + ".ics")[0] == 404, "unknown feed: 404")
        # A new feed URL revokes the unit's earlier one (the unit's own, or one an admin issues).
        first_feed = body["url"]
        status, body, _ = admin.request("POST", "/api/units/stc/feed")
        check(status == 201, "admin makes a feed for another unit")
        stc_feed = body["url"]
        status, body, _ = snv.request("POST", "/api/units/snv/feed")
        check(status == 201 and body["url"] != first_feed, "the unit issues a new feed URL")
        second_feed = body["url"]
        status, body, _ = anon.request("GET", first_feed)
        check(status == 404 and "thu hồi" in body.get("error", ""), "the revoked feed URL: 404 with a message (%s %s)" % (status, body))
        check(anon.request("GET", second_feed, raw=True)[0] == 200, "the new feed URL works")
        check(anon.request("GET", stc_feed, raw=True)[0] == 200, "another unit's feed is untouched")
        status, body, _ = admin.request("POST", "/api/units/snv/feed")
        check(status == 201, "admin issues a new feed URL for the unit")
        check(anon.request("GET", second_feed)[0] == 404, "the unit's URL is revoked by the admin's new one")
        check(anon.request("GET", body["url"], raw=True)[0] == 200, "the admin's new URL works")
        status, body, _ = admin.request("GET", "/api/audit?action=feed.create")
        check(status == 200 and body["entries"] and body["entries"][0]["after"].get("revoked") == 1,
              "the audit log says a feed URL was revoked: %s" % (body["entries"][:1],))

        # Audit: logins, changes; CSV export; nothing secret.
        status, body, _ = admin.request("GET", "/api/audit?limit=1000")
        actions = [e["action"] for e in body["entries"]]
        for a in ("login", "login.failed", "task.update", "task.assign", "document.ingest", "document.correct",
                  "task.add", "task.delete", "user.add", "unit.map", "unit.put", "task.attach"):
            check(a in actions, "audit has " + a)
        upd = [e for e in body["entries"] if e["action"] == "task.update" and e["object_id"] == str(mine)]
        check(upd and upd[-1]["before"]["status"] == "open" and upd[0]["after"]["status"] == "done", "audit before/after")
        status, data, r = admin.request("GET", "/api/audit.csv", raw=True)
        check(status == 200 and data.startswith(b"\xef\xbb\xbf") and b"login.failed" in data, "audit CSV export")
        secrets = [srv.admin_password] + ["mat-khau-" + n for n in ("van.thu", "lanh.dao", "so.noi.vu", "so.tai.chinh")]
        secrets += [c.cookie for c in (admin, clerk, leader, snv, stc) if c.cookie] + secrets_typed
        audit_text = json.dumps(body) + data.decode("utf-8", "replace")
        check(not any(s in audit_text for s in secrets), "no password or session id in the audit log")
        logged = srv.output().replace("mật khẩu: " + srv.admin_password, "")
        check(not any(s in logged for s in secrets), "no password or session id in the server's output")
        if ENGINE == "sqlite":
            raw = open(db, "rb").read() + (open(db + "-wal", "rb").read() if os.path.exists(db + "-wal") else b"")
            check(not any(s.encode() in raw for s in secrets), "no password or session id stored in the clear")
            con = sqlite3.connect(db)
            check(con.execute("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'").fetchone()[0] == 6,
                  "Argon2id hashes")
            try:
                con.execute("DELETE FROM audit")
                con.commit()
                check(False, "audit rows cannot be deleted")
            except sqlite3.DatabaseError:
                check(True, "audit rows cannot be deleted")
            con.close()

        # Throttling per account.
        t = Client(srv)
        for _ in range(5):
            t.login("lanh.dao", "sai-mat-khau")
        status, body = t.login("lanh.dao", "mat-khau-lanh.dao")
        check(status == 429 and "phút" in body["error"], "login throttled after 5 failures: %s" % status)

        # Logout ends the session.
        check(snv.request("POST", "/api/logout")[0] == 200, "logout")
        check(snv.request("GET", "/api/tasks")[0] == 401, "no access after logout")

        # The consume folder.
        inbox = os.path.join(work, "inbox")
        os.makedirs(inbox)
        watcher = Server(db, work, "--watch", inbox)
        servers.append(watcher)
        with open(os.path.join(inbox, "cv900.txt"), "w", encoding="utf-8") as f:
            f.write(document_text("900", "Sở Nội vụ", "Sở Nội vụ"))
        found = False
        for _ in range(100):
            time.sleep(0.2)
            if os.path.exists(os.path.join(inbox, ".dondoc", "done", "cv900.txt")):
                found = True
                break
        check(found, "the consume folder ingests a new file")
        p = run("show", "--json", "900/UBND-KT", db=db)
        check(p.returncode == 0, "the watched file is stored")

        # Two processes over one PostgreSQL act as one service: a session of one works on the other.
        if ENGINE == "postgres":
            other = Server(db, work)
            servers.append(other)
            b = Client(other)
            b.cookie, b.csrf = admin.cookie, admin.csrf
            check(b.request("GET", "/api/tasks")[0] == 200, "a session made by one server works on the other")
            status, body, _ = b.request("PATCH", f"/api/tasks/{mine}", {"note": "từ máy chủ thứ hai"})
            check(status == 200, "update through the second server")
            check(any(e["new"] == "từ máy chủ thứ hai" for e in admin.request("GET", f"/api/tasks/{mine}")[1]["history"]),
                  "the first server sees it")

        for s in list(servers):
            check(s.stop() == 0, "SIGTERM: clean stop")
            servers.remove(s)
    finally:
        for s in servers:
            s.proc.kill()
        if pg:
            pg.close()
        shutil.rmtree(work, ignore_errors=True)
    print("%d checks, %d failures" % (e2e.checks, len(e2e.failures)))
    sys.exit(1 if e2e.failures else 0)


if __name__ == "__main__":
    main()
