#!/usr/bin/env python3
"""Load test of `dondoc serve` (a benchmark run by hand, never a timed test):

    bench/serve_load.py BUILD_DIR [--docs 10000] [--clients 50] [--seconds 60] [--think-ms 0]
                        [--engines sqlite,postgres,two]

Generates DOCS synthetic documents (store_corpus_gen), ingests them with `dondoc ingest` into
SQLite, copies the store to a throw-away PostgreSQL server (`dondoc export | dondoc import`), then
for each engine starts `dondoc serve` on a free local port and runs build/bench/serve_load:
CLIENTS clients, each signed in with its own session, for SECONDS seconds, mixing task lists
(a unit's overdue or open tasks, 100 a page), searches, document pages and task updates (a note
each, all of which must be there afterwards). "two": two `serve` processes over the same
PostgreSQL database, each client alternating between them with one session. --think-ms: a pause
between a client's requests (uniform in [0, 2 x ms]); 0, the default, keeps every client's next
request waiting on the last one's answer, the heaviest load 50 clients can make. Targets: p95 at
most 100 ms, no errors, every update found. Prints a table and writes serve_load.json.
"""
import argparse
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start_server(dondoc, db, work, name):
    out = open(os.path.join(work, name + ".out"), "w+b")
    proc = subprocess.Popen([dondoc, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "128"],
                            stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        time.sleep(0.1)
        out.flush()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", text)
        if m:
            pw = re.search(r"admin  mật khẩu: (\S+)", text)
            return proc, "http://127.0.0.1:" + m.group(1), pw.group(1) if pw else None
        if proc.poll() is not None:
            break
    sys.exit("serve did not start:\n" + text)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def load(build, urls, password, args, tasks):
    cmd = [os.path.join(build, "bench", "serve_load"), "--user", "admin", "--password", password,
           "--clients", str(args.clients), "--seconds", str(args.seconds), "--docs", str(args.docs),
           "--tasks", str(tasks), "--think-ms", str(args.think_ms)]
    for u in urls:
        cmd += ["--url", u]
    p = subprocess.run(cmd, capture_output=True, timeout=args.seconds + 600)
    if p.returncode != 0:
        sys.exit("serve_load failed: " + p.stderr.decode())
    return json.loads(p.stdout.decode().strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--think-ms", type=int, default=0)
    ap.add_argument("--engines", default="sqlite,postgres,two")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    dondoc = os.path.join(build, "dondoc")
    engines = args.engines.split(",")
    work = tempfile.mkdtemp(prefix="dondoc-load-")
    os.chmod(work, 0o755)  # the PostgreSQL server runs as the postgres user
    pg_dir = os.path.join(work, "pg")
    results = {}
    try:
        docs = os.path.join(work, "docs")
        subprocess.run([os.path.join(build, "bench", "store_corpus_gen"), "--out", docs, "--count", str(args.docs)],
                       check=True, capture_output=True)
        sdb = os.path.join(work, "load.db")
        t = time.time()
        subprocess.run([dondoc, "ingest", "--db", sdb, docs], check=True, capture_output=True)
        print("ingested %d documents into SQLite in %.0f s" % (args.docs, time.time() - t), file=sys.stderr)
        tasks = sqlite3.connect(sdb).execute("SELECT max(id) FROM tasks").fetchone()[0]
        if "sqlite" in engines:
            proc, url, pw = start_server(dondoc, sdb, work, "sqlite")
            try:
                results["sqlite"] = load(build, [url], pw, args, tasks)
            finally:
                stop(proc)
        if "postgres" in engines or "two" in engines:
            subprocess.run(["sh", os.path.join(ROOT, "tests", "e2e", "pg_server.sh"), "start", pg_dir], check=True)
            port = open(os.path.join(pg_dir, "port")).read().strip()
            base = "postgresql://postgres@/postgres?host=%s&port=%s" % (pg_dir, port)
            subprocess.run(["psql", base, "-qc", "CREATE DATABASE load"], check=True, capture_output=True)
            pdb = "postgresql://postgres@/load?host=%s&port=%s" % (pg_dir, port)
            dump = os.path.join(work, "load.jsonl")
            # The documents and tasks only: accounts are made by the first server.
            subprocess.run([dondoc, "export", "--db", sdb, "--out", dump], check=True, capture_output=True)
            subprocess.run([dondoc, "import", "--db", pdb, dump], check=True, capture_output=True)
            first = None
            if "postgres" in engines:
                proc, url, pw = start_server(dondoc, pdb, work, "postgres")
                first = pw
                try:
                    results["postgres"] = load(build, [url], pw, args, tasks)
                finally:
                    stop(proc)
            if "two" in engines:
                a, url_a, pw = start_server(dondoc, pdb, work, "pg-a")
                b, url_b, _ = start_server(dondoc, pdb, work, "pg-b")
                try:
                    results["postgres, two servers"] = load(build, [url_a, url_b], pw or first, args, tasks)
                finally:
                    stop(a)
                    stop(b)
    finally:
        if os.path.exists(os.path.join(pg_dir, "port")):
            subprocess.run(["sh", os.path.join(ROOT, "tests", "e2e", "pg_server.sh"), "stop", pg_dir])
        shutil.rmtree(work, ignore_errors=True)
    print("load average at the end: %.1f %.1f %.1f (2 cores)" % os.getloadavg())
    print("%-24s %9s %8s %8s %8s %7s %9s" % ("engine", "requests", "req/s", "p50 ms", "p95 ms", "errors", "updates"))
    for name, r in results.items():
        print("%-24s %9d %8.0f %8.1f %8.1f %7d %4d/%-4d" % (name, r["requests"], r["requests_per_second"], r["p50_ms"],
                                                           r["p95_ms"], r["errors"], r["updates_found"], r["updates"]))
        for kind, k in r["kinds"].items():
            print("  %-22s %9d %8s %8.1f %8.1f %7d" % (kind, k["requests"], "", k["p50_ms"], k["p95_ms"], k["errors"]))
    with open("serve_load.json", "w") as f:
        json.dump({"docs": args.docs, "clients": args.clients, "seconds": args.seconds, "think_ms": args.think_ms,
                   "load_average": os.getloadavg(), "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
