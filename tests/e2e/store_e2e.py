#!/usr/bin/env python3
"""End-to-end test of the store commands with the real dondoc binary, on SQLite or PostgreSQL.

    store_e2e.py DONDOC sqlite|postgres

postgres: uses the server of the ctest fixture ($DONDOC_TEST_PG_DIR), else starts its own with
pg_server.sh and stops it at the end. Checks: ingest twice adds nothing the second time; search
with and without diacritics and by number; citation links in both directions, whichever document
arrives first; task updates with history; reports read back with real readers (csv module,
openpyxl for XLSX, icalendar for ICS); export -> import into the other engine -> same export.
"""
import base64
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import icalendar
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
DONDOC, ENGINE = sys.argv[1], sys.argv[2]
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, db=None, ok=True, stdin=None):
    cmd = [DONDOC, *args]
    if db:
        cmd += ["--db", db]
    p = subprocess.run(cmd, capture_output=True, input=stdin, timeout=120)
    if ok and p.returncode != 0:
        print(" ".join(cmd), "->", p.returncode, p.stderr.decode(), file=sys.stderr)
        raise SystemExit(1)
    return p


def jsonl(p):
    return [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]


class Postgres:
    """Fresh databases on the fixture's server, or on one started here."""

    def __init__(self):
        self.own = None
        self.dir = os.environ.get("DONDOC_TEST_PG_DIR")
        if not self.dir:
            self.own = tempfile.mkdtemp(prefix="dondoc-e2e-pg-")
            os.chmod(self.own, 0o755)  # the server runs as the postgres user
            self.dir = self.own + "/srv"
            subprocess.run(["sh", HERE + "/pg_server.sh", "start", self.dir], check=True)
        self.port = open(self.dir + "/port").read().strip()
        self.n = 0

    def fresh(self):
        self.n += 1
        name = "e2e_%d_%d" % (os.getpid(), self.n)
        base = "postgresql://postgres@/postgres?host=%s&port=%s" % (self.dir, self.port)
        for sql in ("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name):
            subprocess.run(["psql", base, "-qc", sql], check=True, capture_output=True)
        return "postgresql://postgres@/%s?host=%s&port=%s" % (name, self.dir, self.port)

    def close(self):
        if self.own:
            subprocess.run(["sh", HERE + "/pg_server.sh", "stop", self.dir])
            shutil.rmtree(self.own, ignore_errors=True)


KET_LUAN = """ĐẢNG BỘ TỈNH LẠNG SƠN                ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY
Số 15-KL/TU                           Lạng Sơn, ngày 02 tháng 3 năm 2026

KẾT LUẬN
của Ban Thường vụ Tỉnh ủy về nhiệm vụ trọng tâm năm 2026

Thực hiện Chỉ thị số 07-CT/TU, ngày 07/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Tỉnh ủy kết luận:

1. Giao Ủy ban nhân dân tỉnh chỉ đạo Sở Tài chính rà soát kinh phí chuyển đổi số, hoàn thành trước ngày 20/4/2026.
2. Giao Sở Nội vụ chủ trì sắp xếp tổ chức bộ máy, hoàn thành trong quý II/2026.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn An
"""

CHI_THI = """ĐẢNG BỘ TỈNH LẠNG SƠN                ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY
Số 07-CT/TU                           Lạng Sơn, ngày 07 tháng 01 năm 2026

CHỈ THỊ
về tăng cường công tác chuyển đổi số trong các cơ quan Đảng

Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng quán triệt và thực hiện nghiêm chuyển đổi số.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Trần Văn Bình
"""

CONG_VAN = """ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN                       Độc lập - Tự do - Hạnh phúc
Số: 212/UBND-KT                     Lạng Sơn, ngày 10 tháng 3 năm 2026

V/v triển khai Kết luận số 15-KL/TU

Kính gửi: Sở Tài chính

Ủy ban nhân dân tỉnh đề nghị Sở Tài chính triển khai Kết luận số 15-KL/TU ngày 02/3/2026 của Ban Thường vụ Tỉnh ủy.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Cường
"""


def part_ingest_search_links(db, work):
    folder = os.path.join(work, "vanban")
    os.makedirs(folder)
    with open(os.path.join(folder, "kl15.txt"), "w", encoding="utf-8") as f:
        f.write(KET_LUAN)
    with open(os.path.join(folder, "cv212.txt"), "w", encoding="utf-8") as f:
        f.write(CONG_VAN)
    p = run("ingest", folder, db=db)
    check(b"added 2, skipped 0, failed 0" in p.stderr, "first ingest adds 2: " + p.stderr.decode())
    tasks_before = jsonl(run("tasks", "--json", db=db))
    p = run("ingest", folder, db=db)
    check(b"added 0, skipped 2, failed 0" in p.stderr, "second ingest skips 2: " + p.stderr.decode())
    check(len(jsonl(run("docs", "--json", db=db))) == 2, "two documents after ingesting twice")
    tasks_after = jsonl(run("tasks", "--json", db=db))
    check([t["id"] for t in tasks_after] == [t["id"] for t in tasks_before], "re-ingest keeps the same tasks")

    # The directive cited by the conclusion arrives later: the link appears.
    kl = jsonl(run("show", "--json", "15-KL/TU", db=db))[0]
    cites = {c["number"]: c for c in kl["cites"]}
    check("07" in cites and cites["07"]["target_id"] is None, "citation kept before the cited document is stored")
    ct_path = os.path.join(work, "ct07.txt")
    with open(ct_path, "w", encoding="utf-8") as f:
        f.write(CHI_THI)
    p = run("ingest", ct_path, db=db)
    check(b"added 1, skipped 0, failed 0" in p.stderr, "the directive is added")
    ct = jsonl(run("show", "--json", "07-CT/TU", db=db))[0]
    kl = jsonl(run("show", "--json", "15-kl/tu", db=db))[0]  # folded number works too
    cites = {c["number"]: c for c in kl["cites"]}
    check(cites.get("07", {}).get("target_id") == ct["id"], "conclusion now links to the directive")
    check([c["document_id"] for c in ct["cited_by"]] == [kl["id"]], "directive is cited by the conclusion")
    cv = jsonl(run("show", "--json", "212/UBND-KT", db=db))[0]
    check(any(c["target_id"] == kl["id"] for c in cv["cites"]), "công văn links to the conclusion")
    kl = jsonl(run("show", "--json", str(kl["id"]), db=db))[0]
    check(sorted(c["document_id"] for c in kl["cited_by"]) == [cv["id"]], "conclusion is cited by the công văn")

    # Search with and without diacritics, in both directions, and by number.
    for q in ["chuyen doi so", "chuyển đổi số", "CHUYEN DOI SO"]:
        ids = {h["id"] for h in jsonl(run("search", "--json", q, db=db))}
        check({kl["id"], ct["id"]} <= ids, "search %r finds the conclusion and the directive" % q)
    hits = jsonl(run("search", "--json", "uy ban nhan dan", db=db))
    check(hits and hits[0]["id"] == cv["id"], "uy ban nhan dan ranks the công văn first")
    check("Ủy ban nhân dân" in hits[0]["snippet"], "snippet keeps diacritics: " + (hits[0]["snippet"] if hits else ""))
    hits = jsonl(run("search", "--json", "15-KL/TU", db=db))
    check(hits and hits[0]["id"] == kl["id"] and hits[0]["symbol_match"], "number look-up")
    hits = jsonl(run("search", "--json", "--type", "chi thi", "chuyen doi so", db=db))
    check([h["id"] for h in hits] == [ct["id"]], "type filter")
    check(len(jsonl(run("search", "--json", "khong co tu nay", db=db))) == 0, "no hits")
    p = run("show", "--save", os.path.join(work, "back.txt"), str(kl["id"]), db=db)
    check(open(os.path.join(work, "back.txt"), encoding="utf-8").read() == KET_LUAN, "original file downloaded back")


def seed_export(path):
    """A store with tasks made by hand (independent of extraction), as a dondoc export file."""
    doc = {"kind": "party", "type": "Kết luận", "number": "35", "symbol": "KL/TU", "year": None,
           "issuer": "Tỉnh ủy Lạng Sơn", "parent": None, "place": "Lạng Sơn", "date": "2026-03-02",
           "subject": "về nhiệm vụ trọng tâm", "recipients": [], "signer": None, "distribution": [],
           "citations": [], "tasks": []}
    tasks = [("1", "Sở Tài chính", "2026-03-20", "Rà soát kinh phí"),       # overdue > 30 days
             ("2", "Sở Tài chính", "2026-04-20", "Báo cáo quyết toán"),     # done late
             ("3", "Sở Nội vụ", "2026-04-25", "Sắp xếp bộ máy"),            # overdue
             ("4", "Sở Nội vụ", "2026-06-30", "Tổng kết"),                   # open, due later
             ("5", "Sở Y tế", "2026-05-03", "Phòng chống dịch")]             # due soon
    lines = [{"type": "dondoc-export", "version": 1}]
    content = "Kết luận số 35-KL/TU".encode()
    lines.append({"type": "document", "id": 1, "sha256": hashlib.sha256(content).hexdigest(), "file_name": "kl35.txt",
                  "added_at": "2026-03-02T08:00:00", "updated_at": "2026-03-02T08:00:00", "extracted": doc,
                  "text": content.decode(), "files": [{"sha256": hashlib.sha256(content).hexdigest(), "name": "kl35.txt",
                                                        "added_at": "2026-03-02T08:00:00",
                                                        "content_base64": base64.b64encode(content).decode()}]})
    for i, (ref, unit, due, action) in enumerate(tasks, 1):
        t = {"ref": ref, "lead": [unit], "support": [], "action": action,
             "deadlines": [{"text": "trước ngày " + due, "date": due, "bound": "before"}], "report_to": [], "due": due}
        lines.append({"type": "task", "id": i, "document_id": 1, "ref": ref, "status": "open", "present": True,
                      "updated_at": "2026-03-02T08:00:00", "extracted": t,
                      "events": [{"at": "2026-03-02T08:00:00", "kind": "created", "old": None, "new": due}]})
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def part_tasks_reports(db, other_db, work):
    seed = os.path.join(work, "seed.jsonl")
    seed_export(seed)
    run("import", seed, db=db)
    p = run("import", seed, db=db, ok=False)
    check(p.returncode == 1, "a second import into a non-empty store is refused")
    all_tasks = jsonl(run("tasks", "--json", "--as-of", "2026-04-30", db=db))
    check(len(all_tasks) == 5, "five tasks imported")
    run("task", "2", "--status", "done", "--done-on", "2026-04-22", "--note", "Đã gửi báo cáo", db=db)
    run("task", "4", "--status", "in_progress", db=db)
    t2 = jsonl(run("task", "2", "--json", db=db))[0]
    check(t2["status"] == "done" and t2["done_on"] == "2026-04-22", "task 2 done on 22/4")
    check([h["kind"] for h in t2["history"]] == ["created", "status", "done_on", "note"], "history of task 2")
    check(run("task", "99", "--status", "done", db=db, ok=False).returncode == 1, "unknown task id")
    check(run("task", "2", "--status", "xong-roi", db=db, ok=False).returncode == 2, "bad status is a usage error")

    overdue = jsonl(run("tasks", "--json", "--overdue", "--as-of", "2026-04-30", db=db))
    check([(t["ref"], t["overdue_days"]) for t in overdue] == [("1", 41), ("3", 5)], "overdue as of 30/4: %r" % overdue)
    check(overdue[1]["overdue_working_days"] == 2, "working days exclude the 30/4 holiday weekend: %r" % overdue[1])
    unit = jsonl(run("tasks", "--json", "--unit", "so noi vu", "--as-of", "2026-04-30", db=db))
    check([t["ref"] for t in unit] == ["3", "4"], "unit filter without diacritics")
    soon = jsonl(run("tasks", "--json", "--due-within", "7", "--as-of", "2026-04-30", db=db))
    check([t["ref"] for t in soon] == ["5"], "due within 7 days")
    reminders = jsonl(run("remind", "--json", "--within", "7", "--as-of", "2026-04-30", db=db))
    check([(r["unit"], len(r["overdue"]), len(r["due_soon"])) for r in reminders] ==
          [("Sở Nội vụ", 1, 0), ("Sở Tài chính", 1, 0), ("Sở Y tế", 0, 1)], "reminders per unit: %r" % reminders)

    md = run("report", "--as-of", "2026-04-30", db=db).stdout.decode()
    rows = {cells[0]: cells[1:] for cells in
            ([c.strip() for c in line.strip("|").split("|")] for line in md.splitlines() if line.startswith("| "))}
    check(rows.get("Sở Tài chính", [])[:7] == ["2", "0", "1", "0", "1", "1", "0"], "md row Sở Tài chính: %r" % rows.get("Sở Tài chính"))
    check("Nhiệm vụ quá thời hạn trên 30 ngày (1)" in md, "md lists tasks overdue more than 30 days")
    out_csv = os.path.join(work, "r.csv")
    run("report", "--format", "csv", "--out", out_csv, "--as-of", "2026-04-30", db=db)
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    check(table[0][0] == "Đơn vị" and [r[0] for r in table[1:]] == ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Tổng cộng"],
          "csv rows: %r" % table)
    check(table[-1][1:6] == ["5", "0", "1", "2", "2"], "csv total: %r" % table[-1])
    out_xlsx = os.path.join(work, "r.xlsx")
    run("report", "--format", "xlsx", "--out", out_xlsx, "--as-of", "2026-04-30", db=db)
    wb = openpyxl.load_workbook(out_xlsx)
    check(wb.sheetnames == ["Tổng hợp", "Quá hạn"], "xlsx sheets: %r" % wb.sheetnames)
    ws = wb["Tổng hợp"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    check(values[1][:8] == ["Sở Tài chính", 2, 0, 1, 0, 1, 1, 0], "xlsx row: %r" % values[1])
    od = [[c.value for c in row] for row in wb["Quá hạn"].iter_rows(min_row=2)]
    check([(r[1], r[6]) for r in od] == [("Sở Tài chính", 41), ("Sở Nội vụ", 5)], "xlsx overdue sheet: %r" % od)
    piped = run("report", "--format", "xlsx", "--as-of", "2026-04-30", db=db).stdout
    check(piped[:2] == b"PK" and openpyxl.load_workbook(io.BytesIO(piped)).sheetnames[0] == "Tổng hợp", "xlsx to a pipe")
    ics = run("report", "--format", "ics", "--as-of", "2026-04-30", db=db).stdout
    cal = icalendar.Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    check(sorted(str(e["DTSTART"].dt) for e in events) == ["2026-03-20", "2026-04-25", "2026-05-03", "2026-06-30"],
          "ics: one event per open due task")
    check(any("Sở Y tế" in str(e["SUMMARY"]) for e in events), "ics summary names the unit")

    # Moving to the other engine keeps everything.
    exported = run("export", db=db).stdout
    run("import", db=other_db, stdin=exported)
    check(run("export", db=other_db).stdout == exported, "export -> import into the other engine -> same export")


def main():
    work = tempfile.mkdtemp(prefix="dondoc-e2e-")
    pg = Postgres()  # also the other engine for the SQLite run
    try:
        sqlite_db = lambda name: os.path.join(work, name + ".db")
        if ENGINE == "sqlite":
            dbs = [sqlite_db("a"), sqlite_db("b"), pg.fresh()]
        else:
            dbs = [pg.fresh(), pg.fresh(), sqlite_db("c")]
        part_ingest_search_links(dbs[0], work)
        part_tasks_reports(dbs[1], dbs[2], work)
        # Bad input: clear errors, non-zero exit, nothing written.
        p = run("docs", db=os.path.join(work, "khong-co", "x.db"), ok=False)
        check(p.returncode == 1 and "không tồn tại".encode() in p.stderr, "missing folder")
        check(not os.path.exists(os.path.join(work, "khong-co")), "nothing created for a missing folder")
    finally:
        pg.close()
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (checks - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
