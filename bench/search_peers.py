#!/usr/bin/env python3
"""Peers of `halqe-bench search`: SQLite FTS5 and PostgreSQL full-text search on the same data.

Reads what `halqe-bench search --out DIR` wrote (profiles.jsonl, queries.jsonl, halqe.json), loads the
profiles into SQLite FTS5 (unicode61, remove_diacritics 2) and into a throw-away PostgreSQL database
(`to_tsvector('simple', …)` stored column, GIN index), runs the same directory queries (AND, top 20 by
bm25 / ts_rank_cd), needs (OR of the same ≈20 words, top 50) and recall probes, and prints a table with
the ratios against Halqe's figures. Slow peers run a stated sample of the queries (the first N of each
set). PostgreSQL needs psycopg; without it the script makes its own venv outside the work tree and
re-runs itself there.

    python3 bench/search_peers.py /tmp/halqe-bench [--directory-sample 200] [--matching-sample 50]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

VENV = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "halqe-bench-venv"
PG_DB = "halqe_bench_peers"
WARM_UP = 5
# Halqe's field weights: name 3, skills 2, bio and publications 1.
FTS_WEIGHTS = "3.0, 2.0, 1.0, 1.0"
# ts_rank_cd weights for {D, C, B, A}: bio/publications D, skills B, name A, in the same 1 : 2 : 3 proportion.
PG_WEIGHTS = "{0.333, 0.333, 0.667, 1.0}"


def ensure_psycopg():
    """Imports psycopg 3, installing it into a private venv and re-running there if it is missing."""
    try:
        import psycopg  # noqa: PLC0415

        return psycopg
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        sys.exit("psycopg is missing in " + str(VENV))
    if not python.exists():
        print(f"installing psycopg into {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "psycopg[binary]>=3.1,<4"], check=True)
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    return None


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile, as the Rust bench computes it."""
    if not sorted_ms:
        return 0.0
    rank = max(1, min(len(sorted_ms), math.ceil(round(q * len(sorted_ms), 9))))
    return sorted_ms[rank - 1]


def latency(times_s: list[float]) -> dict:
    ms = sorted(t * 1000.0 for t in times_s)
    total = sum(ms)
    return {
        "queries": len(ms),
        "p50_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "mean_ms": statistics.fmean(ms) if ms else 0.0,
        "max_ms": ms[-1] if ms else 0.0,
        "qps": len(ms) * 1000.0 / total if total > 0 else 0.0,
    }


def timed(run: Callable[[dict], int], queries: list[dict], label: str) -> tuple[dict, float]:
    """Runs each query once, timing it; returns the latency figures and the mean result count."""
    times, results = [], 0
    started = time.perf_counter()
    for i, q in enumerate(queries):
        t = time.perf_counter()
        results += run(q)
        times.append(time.perf_counter() - t)
        if time.perf_counter() - started > 30 and (i + 1) % 10 == 0:
            print(f"  {label}: {i + 1}/{len(queries)}", flush=True)
    return latency(times), results / max(1, len(queries))


def recall(found: Callable[[dict], bool], probes: list[dict]) -> dict:
    hits = [q for q in probes if found(q)]
    missed = [q["text"] for q in probes if q not in hits][:5]
    return {"probes": len(probes), "found": len(hits), "recall": len(hits) / max(1, len(probes)), "missed_examples": missed}


def fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class Sqlite:
    name = "SQLite FTS5"

    def __init__(self, path: Path):
        self.path = path

    def build(self, profiles: Path) -> dict:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")
        db.execute(
            "CREATE VIRTUAL TABLE profiles USING fts5(name, skills, bio, publications, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        started = time.perf_counter()
        rows = ((p["n"], p["name"], p["skills"], p["bio"], p["publications"]) for p in read_jsonl(profiles))
        with db:
            db.executemany("INSERT INTO profiles(rowid, name, skills, bio, publications) VALUES (?, ?, ?, ?, ?)", rows)
        inserted = time.perf_counter() - started
        with db:
            db.execute("INSERT INTO profiles(profiles) VALUES ('optimize')")
        build_s = time.perf_counter() - started
        self.db = db
        return {"build_s": build_s, "insert_s": inserted, "size_mib": self.path.stat().st_size / 1048576}

    def directory(self, q: dict) -> int:
        expr = " AND ".join(fts_phrase(t) for t in q["terms"])
        sql = f"SELECT rowid, name FROM profiles WHERE profiles MATCH ? ORDER BY bm25(profiles, {FTS_WEIGHTS}) LIMIT 20"
        return len(self.db.execute(sql, (expr,)).fetchall())

    def matching(self, q: dict) -> int:
        expr = " OR ".join(fts_phrase(t) for t in q["terms"])
        sql = f"SELECT rowid, name FROM profiles WHERE profiles MATCH ? ORDER BY bm25(profiles, {FTS_WEIGHTS}) LIMIT 50"
        return len(self.db.execute(sql, (expr,)).fetchall())

    def found(self, q: dict) -> bool:
        expr = " AND ".join(fts_phrase(t) for t in q["terms"])
        sql = "SELECT count(*) FROM profiles WHERE rowid = ? AND profiles MATCH ?"
        return self.db.execute(sql, (q["target"], expr)).fetchone()[0] > 0


class Postgres:
    name = "PostgreSQL FTS"

    def __init__(self, dsn: str):
        self.psycopg = ensure_psycopg()
        self.dsn = dsn

    def build(self, profiles: Path) -> dict:
        psycopg = self.psycopg
        with psycopg.connect(self.dsn, dbname="postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            admin.execute(f"CREATE DATABASE {PG_DB} TEMPLATE template0 ENCODING 'UTF8'")
        db = psycopg.connect(self.dsn, dbname=PG_DB, autocommit=True)
        db.execute(
            "CREATE TABLE profiles (n bigint PRIMARY KEY, name text, skills text, bio text, publications text, "
            "tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', skills), 'B') || "
            "setweight(to_tsvector('simple', bio), 'D') || setweight(to_tsvector('simple', publications), 'D')"
            ") STORED)"
        )
        started = time.perf_counter()
        with db.cursor() as cur, cur.copy("COPY profiles (n, name, skills, bio, publications) FROM STDIN") as copy:
            for p in read_jsonl(profiles):
                copy.write_row((p["n"], p["name"], p["skills"], p["bio"], p["publications"]))
        loaded = time.perf_counter() - started
        db.execute("CREATE INDEX profiles_tsv ON profiles USING gin (tsv)")
        db.execute("VACUUM ANALYZE profiles")
        build_s = time.perf_counter() - started
        size = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        self.db = db
        return {"build_s": build_s, "insert_s": loaded, "size_mib": size / 1048576}

    def top(self, tsquery: str, text: str, limit: int) -> int:
        sql = (
            f"SELECT n, name FROM profiles, {tsquery} AS q WHERE tsv @@ q "
            f"ORDER BY ts_rank_cd('{PG_WEIGHTS}', tsv, q) DESC LIMIT {limit}"
        )
        return len(self.db.execute(sql, (text,)).fetchall())

    def directory(self, q: dict) -> int:
        return self.top("plainto_tsquery('simple', %s)", " ".join(q["terms"]), 20)

    def matching(self, q: dict) -> int:
        return self.top("websearch_to_tsquery('simple', %s)", " or ".join(q["terms"]), 50)

    def found(self, q: dict) -> bool:
        sql = "SELECT count(*) FROM profiles WHERE n = %s AND tsv @@ plainto_tsquery('simple', %s)"
        return self.db.execute(sql, (q["target"], " ".join(q["terms"]))).fetchone()[0] > 0

    def drop(self) -> None:
        self.db.close()
        with self.psycopg.connect(self.dsn, dbname="postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def run_peer(peer, out: Path, sets: dict[str, list[dict]], args) -> dict:
    print(f"{peer.name}: loading {out / 'profiles.jsonl'}", flush=True)
    result = {"engine": peer.name, "load_before": os.getloadavg()}
    result.update(peer.build(out / "profiles.jsonl"))
    print(f"  built in {result['build_s']:.1f} s ({result['size_mib']:.0f} MiB)", flush=True)
    for q in sets["warmup-directory"][:WARM_UP]:
        peer.directory(q)
    for q in sets["warmup-matching"][:WARM_UP]:
        peer.matching(q)
    directory = sets["directory"][: args.directory_sample]
    result["directory"], result["directory_mean_results"] = timed(peer.directory, directory, "directory")
    print(f"  directory: p50 {result['directory']['p50_ms']:.1f} ms, p95 {result['directory']['p95_ms']:.1f} ms", flush=True)
    matching = sets["matching"][: args.matching_sample]
    result["matching"], result["matching_mean_results"] = timed(peer.matching, matching, "matching")
    print(f"  matching: p50 {result['matching']['p50_ms']:.1f} ms, p95 {result['matching']['p95_ms']:.1f} ms", flush=True)
    probes = sets["recall"]
    result["recall_arabic"] = recall(peer.found, [q for q in probes if q.get("arabic")][: args.recall_sample])
    result["recall_persian"] = recall(peer.found, [q for q in probes if not q.get("arabic")][: args.recall_sample])
    result["load_after"] = os.getloadavg()
    print(
        f"  recall: Arabic-letter {result['recall_arabic']['recall']:.1%}, Persian-letter {result['recall_persian']['recall']:.1%}",
        flush=True,
    )
    return result


def ratio(peer: float, halqe: float) -> str:
    return f"{peer / halqe:.0f}×" if halqe > 0 else "—"


def table(halqe: dict, peers: list[dict]) -> str:
    """A Markdown table: each figure for Halqe and each peer, with the peer-to-Halqe ratio for times."""
    rows: list[tuple[str, Callable[[dict], float], str, bool]] = [
        ("index build (s)", lambda r: r["build_s"], "{:.0f}", True),
        ("directory p50 (ms)", lambda r: r["directory"]["p50_ms"], "{:.2f}", True),
        ("directory p95 (ms)", lambda r: r["directory"]["p95_ms"], "{:.2f}", True),
        ("matching p50 (ms)", lambda r: r["matching"]["p50_ms"], "{:.1f}", True),
        ("matching p95 (ms)", lambda r: r["matching"]["p95_ms"], "{:.1f}", True),
        ("recall, Arabic-letter profiles", lambda r: r["recall_arabic"]["recall"] * 100, "{:.1f}%", False),
        ("recall, Persian-letter control", lambda r: r["recall_persian"]["recall"] * 100, "{:.1f}%", False),
    ]
    head = "| | Halqe | " + " | ".join(f"{p['engine']} | ratio" for p in peers) + " |"
    lines = [head, "|---" * (2 + 2 * len(peers)) + "|"]
    for label, get, fmt, is_time in rows:
        cells = [label, fmt.format(get(halqe))]
        for p in peers:
            cells += [fmt.format(get(p)), ratio(get(p), get(halqe)) if is_time else ""]
        lines.append("| " + " | ".join(cells) + " |")
    samples = "; ".join(
        f"{p['engine']}: {p['directory']['queries']} directory, {p['matching']['queries']} matching, "
        f"{p['recall_arabic']['probes'] + p['recall_persian']['probes']} recall queries"
        for p in peers
    )
    lines.append("")
    lines.append(
        f"Halqe: {halqe['directory']['queries']} directory, {halqe['matching']['queries']} matching, "
        f"{halqe['recall_arabic']['probes'] + halqe['recall_persian']['probes']} recall queries; {samples}."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the --out directory of `halqe-bench search`")
    parser.add_argument("--directory-sample", type=int, default=200, help="directory queries each peer runs (default 200)")
    parser.add_argument("--matching-sample", type=int, default=50, help="needs each peer runs (default 50)")
    parser.add_argument("--recall-sample", type=int, default=1000, help="recall probes of each kind (default 1000)")
    parser.add_argument("--pg-dsn", default="host=127.0.0.1 port=5432 user=postgres", help="PostgreSQL server")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--keep-postgres", action="store_true", help="keep the peers' database afterwards")
    args = parser.parse_args()

    if not args.skip_postgres:
        ensure_psycopg()
    halqe = json.loads((args.out / "halqe.json").read_text(encoding="utf-8"))
    sets: dict[str, list[dict]] = {}
    for q in read_jsonl(args.out / "queries.jsonl"):
        sets.setdefault(q["set"], []).append(q)
    print(f"load average at start: {os.getloadavg()}", flush=True)

    peers = []
    if not args.skip_sqlite:
        peer = Sqlite(args.out / "peers.sqlite")
        peers.append(run_peer(peer, args.out, sets, args))
        peers[-1]["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peer.db.close()
    if not args.skip_postgres:
        peer = Postgres(args.pg_dsn)
        try:
            peers.append(run_peer(peer, args.out, sets, args))
        finally:
            if not args.keep_postgres:
                peer.drop()
    (args.out / "peers.json").write_text(json.dumps(peers, ensure_ascii=False, indent=2), encoding="utf-8")
    print()
    print(table(halqe, peers))
    print("\nExample recall probes (Persian letters; the target profile is typed with Arabic ي/ك):")
    for q in [q for q in sets.get("recall", []) if q.get("arabic")][:3]:
        print(f"  {q['target_id']}: {q['text']}")


if __name__ == "__main__":
    main()
