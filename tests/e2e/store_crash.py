#!/usr/bin/env python3
"""Crash test: kill -9 `dondoc ingest` of 2,000 documents at random moments, 20 times.

    store_crash.py DONDOC STORE_CORPUS_GEN [--docs 2000] [--kills 20] [--rounds 4] [--seed 1]

The kills are spread over rounds, each on a new SQLite store (so every kill lands while
documents are being written). After every kill the store must open cleanly (integrity_check,
FTS5 integrity-check, `dondoc docs` exits 0) and hold only whole documents: each document has
its file, its index entry, all its citations and all its tasks. After each round a re-run must
complete, and the store must then hold exactly what a clean, uninterrupted ingest holds:
nothing lost, nothing twice.
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("dondoc")
ap.add_argument("gen")
ap.add_argument("--docs", type=int, default=2000)
ap.add_argument("--kills", type=int, default=20)
ap.add_argument("--rounds", type=int, default=4)
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()
rng = random.Random(args.seed)
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr, flush=True)


def ingest(db, folder, kill_after=None):
    """Runs dondoc ingest; with kill_after, SIGKILLs it after that many seconds."""
    p = subprocess.Popen([args.dondoc, "ingest", "--db", db, "--as-of", "2026-06-30", folder],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is None:
        _, err = p.communicate(timeout=600)
        return p.returncode, err.decode()
    try:
        p.wait(timeout=kill_after)
        return p.returncode, "finished before the kill"
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return -9, ""


def state(db):
    """Checks a store after a crash; returns (documents, files, tasks) and the content."""
    r = subprocess.run([args.dondoc, "docs", "--json", "--db", db], capture_output=True)
    check(r.returncode == 0, "dondoc docs opens the store after a kill: " + r.stderr.decode())
    con = sqlite3.connect(db)
    try:
        check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check")
        try:
            con.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
            con.rollback()
        except sqlite3.DatabaseError as e:
            check(False, "FTS5 integrity-check: %s" % e)
        q = lambda sql: con.execute(sql).fetchone()[0]
        docs = q("SELECT count(*) FROM documents")
        check(q("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM files f WHERE f.document_id = d.id)") == 0, "every document has its file")
        check(q("SELECT count(*) FROM documents_fts_docsize") == docs, "every document is in the index, once")
        check(q("SELECT count(*) FROM documents d WHERE json_array_length(d.extracted, '$.tasks') != "
                "(SELECT count(*) FROM tasks t WHERE t.document_id = d.id)") == 0, "every document has all its tasks")
        check(q("SELECT count(*) FROM documents d WHERE json_array_length(d.extracted, '$.citations') != "
                "(SELECT count(*) FROM citations c WHERE c.document_id = d.id)") == 0, "all citations")
        check(q("SELECT count(*) FROM (SELECT sha256 FROM files GROUP BY sha256 HAVING count(*) > 1)") == 0,
              "no file twice")
        content = sorted(con.execute(
            "SELECT d.identifier, f.sha256, (SELECT count(*) FROM tasks t WHERE t.document_id = d.id), "
            "(SELECT count(*) FROM citations c WHERE c.document_id = d.id AND c.target_id IS NOT NULL) "
            "FROM documents d JOIN files f ON f.document_id = d.id"))
        return (docs, q("SELECT count(*) FROM files"), q("SELECT count(*) FROM tasks")), content
    finally:
        con.close()


def main():
    work = tempfile.mkdtemp(prefix="dondoc-crash-")
    try:
        folder = os.path.join(work, "docs")
        subprocess.run([args.gen, "--out", folder, "--count", str(args.docs)], check=True)
        ref_db = os.path.join(work, "ref.db")
        t0 = time.monotonic()
        rc, err = ingest(ref_db, folder)
        full = time.monotonic() - t0
        check(rc == 0, "clean ingest: " + err)
        ref_counts, ref_content = state(ref_db)
        check(ref_counts[1] == args.docs, "clean ingest stores every file: %r" % (ref_counts,))
        print("clean ingest of %d files: %.1fs, %r (documents, files, tasks)" % (args.docs, full, ref_counts), flush=True)
        kills_per_round = [args.kills // args.rounds + (1 if i < args.kills % args.rounds else 0) for i in range(args.rounds)]
        done_kills = 0
        for rnd, kills in enumerate(kills_per_round):
            db = os.path.join(work, "round%d.db" % rnd)
            last = (0, 0, 0)
            for k in range(kills):
                # Spread the kills over the part of the run still to do.
                remaining = max(0.05, full * (1 - last[1] / args.docs))
                delay = rng.uniform(0.02, remaining * 0.9)
                rc, _ = ingest(db, folder, kill_after=delay)
                counts, _ = state(db)
                done_kills += rc == -9
                check(counts[1] >= last[1], "nothing lost by a kill: %r after %r" % (counts, last))
                print("round %d kill %d after %.2fs: %s, %r" % (rnd, k + 1, delay,
                      "killed" if rc == -9 else "run ended first", counts), flush=True)
                last = counts
            rc, err = ingest(db, folder)
            check(rc == 0 and "failed 0" in err, "re-run completes: " + err)
            counts, content = state(db)
            check(counts == ref_counts, "round %d: same counts as a clean ingest: %r vs %r" % (rnd, counts, ref_counts))
            check(content == ref_content, "round %d: same documents, files, tasks and links as a clean ingest" % rnd)
            rc, err = ingest(db, folder)
            check("added 0, skipped %d, failed 0" % args.docs in err, "a further re-run adds nothing: " + err)
        check(done_kills >= args.kills * 3 // 4, "most kills landed mid-run (%d of %d)" % (done_kills, args.kills))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (checks - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
