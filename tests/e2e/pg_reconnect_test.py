#!/usr/bin/env python3
"""`dondoc serve` outlives a restart of its PostgreSQL server:

    pg_reconnect_test.py DONDOC postgres

On a PostgreSQL server of its own (never the ctest fixture's, which other tests use at the same
time): after the server restarts, the next requests work without restarting `serve` (the
pooled connections the restart ended are dropped and new ones opened); while the server is
down, a request gets a 503 with a Vietnamese JSON error; sessions and updates hold.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import store_e2e as e2e  # check, run, the sample document
from api_test import Client, Server
from store_e2e import check, run


def pg(cmd, folder):
    subprocess.run(["sh", os.path.join(HERE, "pg_server.sh"), cmd, folder], check=True)


def at_once(client, n, path):
    """n GET requests at the same time (so the pool opens several connections); their statuses."""
    statuses = [None] * n

    def one(i):
        statuses[i] = client.request("GET", path)[0]

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def main():
    work = tempfile.mkdtemp(prefix="dondoc-reconnect-")
    os.chmod(work, 0o755)  # the server runs as the postgres user
    folder = os.path.join(work, "srv")
    server = None
    try:
        pg("start", folder)
        port = open(os.path.join(folder, "port")).read().strip()
        base = "postgresql://postgres@/postgres?host=%s&port=%s" % (folder, port)
        subprocess.run(["psql", base, "-qc", "CREATE DATABASE reconnect"], check=True, capture_output=True)
        db = "postgresql://postgres@/reconnect?host=%s&port=%s" % (folder, port)
        docs = os.path.join(work, "docs")
        os.makedirs(docs)
        with open(os.path.join(docs, "kl15.txt"), "w", encoding="utf-8") as f:
            f.write(e2e.KET_LUAN)
        run("ingest", docs, db=db)

        server = Server(db, work, "--db-connections", "4")
        admin = Client(server)
        check(admin.login("admin", server.admin_password)[0] == 200, "sign-in")
        status, body, _ = admin.request("GET", "/api/tasks")
        check(status == 200 and len(body["tasks"]) >= 2, "tasks before the restart")
        task = body["tasks"][0]["id"]
        check(all(s == 200 for s in at_once(admin, 8, "/api/tasks")), "8 requests at once: the pool opens its 4 connections")

        # A restart between two requests: every pooled connection is gone, none may fail a request.
        pg("pause", folder)
        pg("resume", folder)
        status, body, _ = admin.request("GET", "/api/tasks")
        check(status == 200, "the first request after a restart works (got %s %s)" % (status, body))
        check(all(s == 200 for s in at_once(admin, 8, "/api/tasks")), "requests at once after a restart work")

        # While the server is down: 503 with a message in Vietnamese, as JSON.
        pg("pause", folder)
        status, body, r = admin.request("GET", "/api/tasks")
        check(status == 503, "server down: 503 (got %s)" % status)
        check(isinstance(body, dict) and body.get("code") == "unavailable" and "thử lại" in body.get("error", ""),
              "server down: a JSON error in Vietnamese (got %r)" % (body,))
        check((r.getheader("Content-Type") or "").startswith("application/json"), "server down: JSON")
        pg("resume", folder)

        # Back: the same session (stored in the database) reads and writes.
        status, _, _ = admin.request("GET", "/api/tasks")
        check(status == 200, "after the server is back: 200 (got %s)" % status)
        status, _, _ = admin.request("PATCH", "/api/tasks/%d" % task, {"note": "sau khi khởi động lại"})
        check(status == 200, "an update after the restart")
        status, body, _ = admin.request("GET", "/api/tasks/%d" % task)
        check(status == 200 and any(e["kind"] == "note" and e["new"] == "sau khi khởi động lại" for e in body["history"]),
              "the update is stored")
        check(all(s == 200 for s in at_once(admin, 8, "/api/tasks")), "requests at once after the server is back")
        check(server.stop() == 0, "SIGTERM: clean stop")
        server = None
    finally:
        if server:
            server.proc.kill()
        if os.path.exists(os.path.join(folder, "port")):
            subprocess.run(["sh", os.path.join(HERE, "pg_server.sh"), "stop", folder])
        shutil.rmtree(work, ignore_errors=True)
    print("%d checks, %d failures" % (e2e.checks, len(e2e.failures)))
    sys.exit(1 if e2e.failures else 0)


if __name__ == "__main__":
    main()
