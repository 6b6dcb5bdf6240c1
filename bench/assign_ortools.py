#!/usr/bin/env python3
"""Peer of `halqe-bench assign`: the identical instance solved with OR-Tools' SimpleMinCostFlow.

The instance is regenerated here, not read from a file: pair i = p * reviewers + r draws
z = SplitMix64(seed + (i + 1) * 0x9E3779B97F4A7C15) (the (i + 1)-th output of SplitMix64 seeded with
`seed`); its affinity is (z >> 32) % 1001 and it is a conflict when (z & 0xFFFFFFFF) is below
floor(conflicts / 100 * 2^32). Every proposal needs k reviewers, every reviewer takes at most cap
(crates/bench/src/assign.rs draws the same numbers).

The network is OpenReview's: proposal nodes with supply k, one arc of capacity 1 and cost -affinity per
allowed pair, reviewer -> sink arcs of capacity cap, the sink with supply -k * proposals. Arcs are
added with numpy bulk arrays, one block of proposals at a time, so the script's own arrays stay small
and the peak memory is OR-Tools'. The time compared is building (adding arcs and supplies) plus
solving; generating the numbers is reported apart, as on Halqe's side.

By default the script is the driver: it runs Halqe (`--halqe`, default target/release/halqe-bench),
then itself with `--ortools-only`, each in its own process so each peak memory is its own, repeats that
`--runs` times, prints a side-by-side table of medians with ratios, and fails unless both found the
same objective. OR-Tools comes from a private venv (~/.cache/halqe-bench-venv), installed if missing.

    python3 bench/assign_ortools.py --proposals 10000 --reviewers 2000 --k 3 --cap 20 [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "halqe-bench-venv"
ROOT = Path(__file__).resolve().parent.parent
GOLDEN = 0x9E3779B97F4A7C15
# Proposals per block of arcs handed to OR-Tools.
BLOCK = 500


def ensure_ortools() -> None:
    """Re-runs the script in the private venv, creating it with OR-Tools, when OR-Tools is missing."""
    try:
        import ortools.graph.python.min_cost_flow  # noqa: F401, PLC0415

        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        sys.exit("ortools is missing in " + str(VENV))
    if not (VENV / "bin" / "pip").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    print(f"installing ortools into {VENV}", file=sys.stderr, flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "ortools"], check=True)
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def blocks(args):
    """Yields (tails, heads, affinities) of the allowed pairs, one block of proposals at a time."""
    import numpy as np  # noqa: PLC0415

    nr = args.reviewers
    threshold = np.uint64(math.floor(args.conflicts / 100.0 * 4294967296.0))
    for p0 in range(0, args.proposals, BLOCK):
        p1 = min(p0 + BLOCK, args.proposals)
        i = np.arange(p0 * nr, p1 * nr, dtype=np.uint64)
        # uint64 arrays wrap on overflow, as the Rust side's wrapping arithmetic does.
        z = np.uint64(args.seed) + (i + np.uint64(1)) * np.uint64(GOLDEN)
        z ^= z >> np.uint64(30)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(27)
        z *= np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
        keep = (z & np.uint64(0xFFFFFFFF)) >= threshold
        affinity = ((z >> np.uint64(32)) % np.uint64(1001)).astype(np.int64)[keep]
        pair = i[keep]
        tails = (pair // np.uint64(nr)).astype(np.int32)
        heads = (pair % np.uint64(nr)).astype(np.int32) + np.int32(args.proposals)
        yield tails, heads, affinity


def solve_ortools(args) -> dict:
    import numpy as np  # noqa: PLC0415
    from ortools.graph.python import min_cost_flow  # noqa: PLC0415

    np_, nr = args.proposals, args.reviewers
    sink = np_ + nr
    flow = min_cost_flow.SimpleMinCostFlow()
    generate = build = 0.0
    arcs = 0
    t = time.perf_counter()
    for tails, heads, affinity in blocks(args):
        t1 = time.perf_counter()
        generate += t1 - t
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(len(tails), dtype=np.int64), -affinity)
        arcs += len(tails)
        t = time.perf_counter()
        build += t - t1
    del tails, heads, affinity
    t1 = time.perf_counter()
    reviewers = np.arange(np_, np_ + nr, dtype=np.int32)
    flow.add_arcs_with_capacity_and_unit_cost(
        reviewers,
        np.full(nr, sink, dtype=np.int32),
        np.full(nr, args.cap, dtype=np.int64),
        np.zeros(nr, dtype=np.int64),
    )
    nodes = np.arange(np_ + 1, dtype=np.int32)
    nodes[-1] = sink
    supplies = np.full(np_ + 1, args.k, dtype=np.int64)
    supplies[-1] = -args.k * np_
    flow.set_nodes_supplies(nodes, supplies)
    t2 = time.perf_counter()
    build += t2 - t1
    status = flow.solve()
    solve = time.perf_counter() - t2
    if status != flow.OPTIMAL:
        sys.exit(f"OR-Tools: status {status}")
    return {
        "solver": "OR-Tools SimpleMinCostFlow",
        "arcs": flow.num_arcs(),
        "pair_arcs": arcs,
        "objective": -flow.optimal_cost(),
        "generate_s": generate,
        "build_s": build,
        "solve_s": solve,
        "build_solve_s": build + solve,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def shape_args(args) -> list[str]:
    return [
        f"--proposals={args.proposals}",
        f"--reviewers={args.reviewers}",
        f"--k={args.k}",
        f"--cap={args.cap}",
        f"--conflicts={args.conflicts}",
        f"--seed={args.seed}",
    ]


def run_json(command: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        subprocess.run([*command, f"--json={out}"], check=True, stdout=sys.stderr)
        return json.loads(out.read_text())


def drive(args) -> int:
    halqe = Path(args.halqe)
    if not halqe.exists():
        sys.exit(f"{halqe} is missing: cargo build --release -p halqe-bench")
    before = load_average()
    runs = []
    for n in range(args.runs):
        h = run_json([str(halqe), "assign", *shape_args(args)])
        o = run_json([sys.executable, str(Path(__file__).resolve()), "--ortools-only", *shape_args(args)])
        print(
            f"run {n + 1}: Halqe {h['objective']} in {h['build_solve_s']:.2f} s, {h['peak_rss_mib']:.0f} MiB; "
            f"OR-Tools {o['objective']} in {o['build_solve_s']:.2f} s, {o['peak_rss_mib']:.0f} MiB",
            file=sys.stderr,
            flush=True,
        )
        runs.append((h, o))
    after = load_average()
    equal = all(h["objective"] == o["objective"] for h, o in runs)

    def median(side: int, key: str) -> float:
        return statistics.median(r[side][key] for r in runs)

    rows = [
        ("objective (total affinity)", runs[0][0]["objective"], runs[0][1]["objective"], None),
        ("generate the instance (s)", median(0, "generate_s"), median(1, "generate_s"), None),
        ("build + solve, wall (s)", median(0, "build_solve_s"), median(1, "build_solve_s"), True),
        ("peak RSS, whole process (MiB)", median(0, "peak_rss_mib"), median(1, "peak_rss_mib"), True),
    ]
    print(
        f"{args.proposals} proposals × {args.reviewers} reviewers, k {args.k}, cap {args.cap}, "
        f"{args.conflicts}% conflicts, seed {args.seed}; {runs[0][1]['arcs']:,} arcs in OR-Tools' network; "
        f"median of {args.runs} run(s); load average {before} before, {after} after"
    )
    print("| figure | Halqe | OR-Tools | OR-Tools / Halqe |")
    print("|---|---|---|---|")
    for name, h, o, ratio in rows:
        shown = [f"{v:,}" if isinstance(v, int) else f"{v:.2f}" for v in (h, o)]
        print(f"| {name} | {shown[0]} | {shown[1]} | {o / h:.1f}× |" if ratio else f"| {name} | {shown[0]} | {shown[1]} | |")
    print(f"objectives equal: {'yes' if equal else 'NO'}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"runs": [{"halqe": h, "ortools": o} for h, o in runs], "load_before": before, "load_after": after}, indent=1)
        )
    return 0 if equal else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--reviewers", type=int, default=2_000)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--cap", type=int, default=20)
    parser.add_argument("--conflicts", type=float, default=1.0, help="percent of pairs in conflict")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--halqe", default=str(ROOT / "target" / "release" / "halqe-bench"))
    parser.add_argument("--ortools-only", action="store_true", help="solve with OR-Tools only and print its figures")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    if not args.ortools_only:
        return drive(args)
    ensure_ortools()
    figures = solve_ortools(args)
    print(json.dumps(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
