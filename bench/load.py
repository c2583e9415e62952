"""Submissions under load and a SIGKILL: nothing acknowledged is lost, nothing is stored twice.

python bench/load.py [--submissions 10000] [--phones 50] [--backends sqlite postgresql]
                     [--pg postgresql://postgres@127.0.0.1:5432/opinion_load] [--no-model]

For each backend: a fresh database (SQLite file in WAL mode under a temp dir, or a fresh
PostgreSQL database), `flask db upgrade`, one commune with 50 collaborators (one per phone),
gunicorn with 2 sync workers. Every phone takes a token, then sends its share of the
submissions from its own thread, each with a unique Idempotency-Key; about 10% are sent
again with the same key (a lost acknowledgement); connection errors, timeouts and 5xx are
retried with the same key and backoff, as the phone's outbox does. After about half have
been acknowledged the gunicorn master and workers are killed with SIGKILL (the whole process
group) and gunicorn is started again. At the end the database is counted.

Every submission is tagged by the shipped classifier, as in production; --no-model points
OPINION_MODEL_DIR at a missing folder so the run stresses storage alone.
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from bench.databases import fresh_database
from opinion.config import normalise_database_url

PASSWORD = "mat-khau-do-tai-1"
CORPUS = sorted((ROOT / "data" / "corpus").glob("*.jsonl"))
RETRY_SHARE = 0.10
VENV_BIN = Path(sys.executable).parent


def prepare(url: str, workdir: Path, phones: int) -> None:
    """Migrate, then one province, one commune with a village, and one collaborator per phone."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "x" * 40, "FLASK_APP": "opinion:create_app()",
           "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    subprocess.run([str(VENV_BIN / "flask"), "db", "upgrade", "-d", str(ROOT / "migrations")],
                   env=env, cwd=workdir, check=True, capture_output=True)
    from opinion import create_app
    from opinion.config import TestConfig
    from opinion.extensions import db
    from opinion.models import Unit, User

    app = create_app(TestConfig(workdir, url))
    with app.app_context():
        province = Unit(code="L1", name="Tỉnh Đo Tải", kind="province")
        commune = Unit(code="L1-A", name="Xã Đo Tải", kind="commune", parent=province)
        village = Unit(code="L1-A-1", name="Thôn Đo Tải", kind="village", parent=commune)
        db.session.add_all([province, commune, village])
        for i in range(phones):
            user = User(username=f"load.ctv{i}", full_name=f"Cộng tác viên {i}", role="collaborator",
                        unit=commune, village=village, active=True)
            user.set_password(PASSWORD)
            db.session.add(user)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


class Server:
    def __init__(self, url: str, workdir: Path, port: int, model: bool):
        self.port = port
        self.env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "x" * 40, "OPINION_RATE_LIMITS": "off",
                    "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
        if not model:
            self.env["OPINION_MODEL_DIR"] = str(workdir / "no-model-here")
        self.workdir = workdir  # not the project root: gunicorn would read its gunicorn.conf.py
        self.log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{self.port}", "opinion:create_app()"],
            env=self.env, cwd=self.workdir, stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start, see {self.workdir / 'gunicorn.log'}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)  # master and workers: one process group
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.acked: dict[str, int] = {}  # key -> report id of the first 2xx
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.mismatched_replays: list[str] = []
        self.unexpected: list[str] = []

    def count(self, what: str) -> None:
        with self.lock:
            self.statuses[what] = self.statuses.get(what, 0) + 1


def corpus_texts() -> list[str]:
    """Realistic report texts: the same text picked by several phones becomes one matter, as
    when several collaborators report the same thing (about three reports a matter here)."""
    import json
    return [json.loads(line)["text"] for path in CORPUS for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def phone(base: str, index: int, count: int, tally: Tally, rng: random.Random, texts: list[str]) -> None:
    session = requests.Session()
    token = None
    while token is None:
        try:
            answer = session.post(f"{base}/api/v1/auth/token", timeout=10,
                                  json={"username": f"load.ctv{index}", "password": PASSWORD})
            if answer.status_code == 200:
                token = answer.json()["token"]
            else:
                time.sleep(0.5)
        except requests.RequestException:
            time.sleep(0.5)
    headers = {"Authorization": f"Bearer {token}"}

    def send(key: str, body: dict) -> None:
        """Until a 2xx, as the outbox does: same key, backoff on errors and 5xx."""
        delay = 0.05
        while True:
            started = time.perf_counter()
            try:
                answer = session.post(f"{base}/api/v1/reports", json=body, timeout=10,
                                      headers={**headers, "Idempotency-Key": key})
            except requests.RequestException as err:
                tally.count(f"connection error ({type(err).__name__})")
            else:
                elapsed = time.perf_counter() - started
                tally.count(str(answer.status_code))
                if 200 <= answer.status_code < 300:
                    report_id = answer.json()["id"]
                    with tally.lock:
                        tally.latencies.append(elapsed)
                        first = tally.acked.setdefault(key, report_id)
                        if first != report_id:
                            tally.mismatched_replays.append(f"{key}: {first} then {report_id}")
                    return
                if answer.status_code < 500:
                    with tally.lock:
                        tally.unexpected.append(f"{key}: {answer.status_code} {answer.text[:200]}")
                    return
            time.sleep(delay * (0.5 + rng.random()))
            delay = min(delay * 2, 2.0)

    for n in range(count):
        key = f"p{index}-{n}-{uuid.uuid4().hex[:12]}"
        body = {"kind": "field", "source": "truc_tiep", "village": "L1-A-1", "text": rng.choice(texts)}
        send(key, body)
        if rng.random() < RETRY_SHARE:  # the acknowledgement was lost: the outbox sends it again
            send(key, body)


def count_stored(url: str, tally: Tally) -> dict:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT r.submission_key, r.id, r.text FROM reports r JOIN users u ON u.id = r.author_id "
            "WHERE u.username LIKE 'load.ctv%'")).all()
        # The unique constraint itself: a second row with a stored key must be refused.
        conn.rollback()
        report_id = rows[0][1]
        columns = ("kind, text, text_folded, source, unit_id, village_id, author_id, submission_key, "
                   "created_at, status, needs_review, due_at")
        try:
            with conn.begin():
                conn.execute(text(f"INSERT INTO reports ({columns}) SELECT {columns} FROM reports WHERE id = :id"),
                             {"id": report_id})
            constraint = "MISSING"
        except IntegrityError:
            constraint = "enforced"
        matters = conn.execute(text("SELECT count(*), coalesce(max(n), 0) FROM (SELECT matter_id, count(*) AS n "
                                    "FROM reports WHERE matter_id IS NOT NULL GROUP BY matter_id) m")).one()
    engine.dispose()
    stored_keys: dict[str, int] = {}
    for key, _, _body in rows:
        stored_keys[key] = stored_keys.get(key, 0) + 1
    return {
        "stored": len(rows),
        # Every submission has its own key: a key stored twice is a duplicated submission.
        "duplicates": sum(1 for c in stored_keys.values() if c > 1),
        "lost": sum(1 for k in tally.acked if k not in stored_keys),
        "unique constraint": constraint,
        "matters (largest)": f"{matters[0]} ({matters[1]})",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(backend: str, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"opinion-load-{backend}-"))
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'load.db'}"
    else:
        url = normalise_database_url(args.pg)
        fresh_database(url)
    prepare(url, workdir, args.phones)
    port = free_port()
    server = Server(url, workdir, port, args.model)
    server.start()
    base = f"http://127.0.0.1:{port}"
    tally = Tally()
    shares = [args.submissions // args.phones + (1 if i < args.submissions % args.phones else 0)
              for i in range(args.phones)]
    texts = corpus_texts()
    threads = [threading.Thread(target=phone, args=(base, i, shares[i], tally, random.Random(i), texts), daemon=True)
               for i in range(args.phones)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    restart = None
    try:
        while len(tally.acked) < args.submissions // 2 and any(t.is_alive() for t in threads):
            time.sleep(0.02)
        acked_at_kill = len(tally.acked)
        server.kill()
        restart = server.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    elapsed = time.perf_counter() - started
    result = count_stored(url, tally)
    latencies = sorted(tally.latencies)
    result.update({
        "acknowledged": len(tally.acked),
        "acknowledged at kill": acked_at_kill,
        "restart (s)": f"{restart:.1f}",
        "throughput (ack/s)": f"{len(tally.acked) / elapsed:.0f}",
        "p50 latency (ms)": f"{statistics.median(latencies) * 1000:.1f}",
        "p99 latency (ms)": f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f}",
        "wall time (s)": f"{elapsed:.0f}",
        "responses": ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items())),
        "replays with another id": len(tally.mismatched_replays),
        "4xx (unexpected)": len(tally.unexpected),
    })
    for line in tally.mismatched_replays[:5] + tally.unexpected[:5]:
        print("  !", line)
    print(f"  gunicorn log: {workdir / 'gunicorn.log'}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/opinion_load")
    parser.add_argument("--no-model", dest="model", action="store_false",
                        help="skip tagging (storage only)")
    args = parser.parse_args()
    table = {}
    for backend in args.backends:
        print(f"{backend}: {args.submissions} submissions from {args.phones} phones ...", flush=True)
        table[backend] = run(backend, args)
    print(f"\n{args.submissions} submissions, {args.phones} phones, gunicorn -w 2, SIGKILL + restart mid-run, "
          f"{'shipped classifier' if args.model else 'no tagging'}")
    names = [name for name in next(iter(table.values())) if name != "responses"]
    width = max(len(name) for name in names)
    print(f"{'':<{width}}  " + "  ".join(f"{b:<12}" for b in table))
    for name in names:
        print(f"{name:<{width}}  " + "  ".join(f"{table[b][name]!s:<12}" for b in table))
    for backend, result in table.items():
        print(f"responses ({backend}): {result['responses']}")
    bad = [b for b, r in table.items() if r["lost"] or r["duplicates"] or r["unique constraint"] != "enforced"]
    if bad:
        sys.exit(f"FAILED on {', '.join(bad)}: lost or duplicated reports")


if __name__ == "__main__":
    main()
