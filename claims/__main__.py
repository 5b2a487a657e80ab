"""Command line: `python -m claims list | calibrate NAME | cost | compare OLD NEW | report RESULTS`."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from fixtures.options import nonnegative_int, positive_int


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every claim with its checks, expected verdict, datasets, source")
    calibrate = commands.add_parser(
        "calibrate", help="run claims over disjoint seed sets and count verdicts against the "
                          "expected ones; claims named together share the runs their arms share")
    calibrate.add_argument("names", nargs="+", metavar="NAME", help="claim id (id-variant for a variant)")
    calibrate.add_argument("--seed-sets", type=positive_int, default=20, metavar="K",
                           help="disjoint seed sets, bases B, B+N, B+2N, ... Default: 20")
    calibrate.add_argument("--seed-base", type=nonnegative_int, default=0, metavar="B",
                           help="the first set's first seed: a fresh B checks a threshold on "
                                "seeds it was not chosen on. Default: 0")
    calibrate.add_argument("--seeds", type=positive_int, default=None, metavar="N",
                           help="seeds per set. Default: the claim's own")
    calibrate.add_argument("--budget", choices=("smoke", "full"), default="smoke",
                           help="Default: smoke")
    calibrate.add_argument("--dataset", default=None, help="Default: every dataset of the claim")
    calibrate.add_argument("--json", type=Path, default=None, metavar="PATH",
                           help="also write every per-seed value there")
    cost = commands.add_parser(
        "cost", help="FLOPs each claim trains and evaluates, and the least time they take at "
                     "this machine's measured matmul throughput")
    cost.add_argument("names", nargs="*", metavar="NAME", help="claim ids. Default: every claim")
    cost.add_argument("--budget", choices=("smoke", "full"), default="smoke", help="Default: smoke")
    cost.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="Default: cpu")
    compare = commands.add_parser(
        "compare", help="two results files side by side; exit 1 when a verdict flipped or an "
                        "effect moved by more than its check's drift tolerance")
    compare.add_argument("old", type=Path, metavar="OLD.json")
    compare.add_argument("new", type=Path, metavar="NEW.json")
    compare.add_argument("--format", choices=("text", "md", "json"), default="text",
                         help="Default: text")
    report = commands.add_parser(
        "report", help="DIR/report.md with plots (curves per arm, sin fits, reconstructions), "
                       "reported-vs-reproduced and timing tables; needs the `report` extra")
    report.add_argument("results", type=Path, metavar="RESULTS.json")
    report.add_argument("--out", type=Path, required=True, metavar="DIR")
    report.add_argument("--bench", type=Path, default=None, metavar="BENCH.json",
                        help="a pytest-benchmark JSON file (pytest --benchmark-json=PATH)")
    args = parser.parse_args(argv)
    if args.command == "list":
        return _list()
    if args.command == "compare":
        return _compare(args, parser)
    if args.command == "report":
        return _report(args, parser)
    from claims import CLAIMS, by_name  # the registry imports torch: compare and report do without

    try:
        claims = [by_name(name) for name in args.names] or list(CLAIMS)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    from fixtures.data import DataError, DatasetMissing

    try:
        return _cost(claims, args, parser) if args.command == "cost" else _calibrate(claims, args)
    except (DatasetMissing, DataError) as exc:  # what pytest would skip or fail on, said plainly
        parser.exit(2, f"{parser.prog} {args.command}: {exc}\n")


def _list() -> int:
    from claims import CLAIMS

    for c in CLAIMS:
        print(f"{c.name}  [expected: {c.expected}]  datasets: {', '.join(c.datasets)}  "
              f"sources: {', '.join(s.post for s in c.sources)}")
        print(f"    {c.statement}")
        for check in c.checks:
            print(f"    check {check.describe()} margin {check.threshold.margin:g}")
    return 0


def _compare(args, parser) -> int:
    from fixtures.compare import NotAResultsFile, as_json, compare, format_text, load_results

    try:
        deltas = compare(load_results(args.old), load_results(args.new))
    except NotAResultsFile as exc:
        parser.error(str(exc))
    if args.format == "json":
        print(json.dumps(as_json(deltas), indent=1))
    else:
        print(format_text(deltas, markdown=args.format == "md"))
    return 1 if any(d.flags for d in deltas) else 0


def _report(args, parser) -> int:
    from fixtures.compare import NotAResultsFile
    from fixtures.report import write_report

    try:
        print(f"report written to {write_report(args.results, args.out, args.bench)}")
    except NotAResultsFile as exc:
        parser.error(str(exc))
    return 0


def _cost(claims, args, parser) -> int:
    from fixtures.cost import claim_costs, matmul_flop_rate
    from fixtures.devices import DeviceUnavailable, describe, resolve

    try:
        device = resolve(args.device)
    except DeviceUnavailable as exc:
        parser.error(str(exc))
    costs = claim_costs(claims, args.budget, _datasets(device))
    rate = matmul_flop_rate(device)
    print(f"{describe(device)}: fp32 matmul (4096x4096) at {rate / 1e9:.0f} GFLOP/s; "
          f"{args.budget} budget, each claim's own seeds")
    print(f"{'claim':<34} {'dataset':<14} {'runs':>4} {'shared':>6} {'TFLOP':>8} {'floor s':>8}")
    for c in costs:
        print(f"{c.claim:<34} {c.dataset:<14} {c.runs:>4} {c.shared_runs:>6} "
              f"{c.flops / 1e12:>8.2f} {c.flops / rate:>8.1f}")
    total = sum(c.flops for c in costs)
    print(f"{'total':<34} {'':<14} {sum(c.runs for c in costs):>4} {'':>6} "
          f"{total / 1e12:>8.2f} {total / rate:>8.1f}")
    print("floor s: the matmul-like FLOPs alone at the rate above; no engine on this machine "
          "trains them faster")
    return 0


def _datasets(device):
    """name -> DeviceData, each loaded on first use and kept."""
    from fixtures.data import load, to_device
    from fixtures.synthetic import SYNTHETIC

    root = os.environ.get("NNCLAIMS_DATA")
    loaded: dict = {}

    def get(name: str):
        if name not in loaded:
            loaded[name] = (SYNTHETIC[name](device) if name in SYNTHETIC else
                            to_device(load(name, Path(root) if root else None), device))
        return loaded[name]
    return get


def _calibrate(claims, args) -> int:
    import torch

    from fixtures.experiment import run_claim
    from fixtures.seeding import make_deterministic

    make_deterministic()
    datasets = _datasets(torch.device("cpu"))
    cache: dict = {}  # one run cache for every claim named: shared arms train once
    record: dict = {"budget": args.budget, "torch": torch.__version__, "claims": {}}
    for claim in claims:
        n = args.seeds or claim.seeds
        entry = record["claims"][claim.name] = {"seeds_per_set": n, "datasets": {}}
        for dataset in [args.dataset] if args.dataset else claim.datasets:
            entry["datasets"][dataset] = _seed_sets(claim, datasets(dataset), n, args, cache,
                                                    run_claim)
    if args.json:
        args.json.write_text(json.dumps(record, indent=1, default=float))
    return 0


def _seed_sets(claim, data, n, args, cache, run_claim) -> dict:
    sets, values = [], {a.name: {} for a in claim.arms}
    for k in range(args.seed_sets):
        seeds = tuple(range(args.seed_base + k * n, args.seed_base + (k + 1) * n))
        outcome = run_claim(claim, data, args.budget, seeds, cache)
        sets.append({"seeds": [seeds[0], seeds[-1]], "verdict": outcome.verdict,
                     "checks": [(v.outcome, v.mean) for _, v in outcome.checks]})
        for arm, runs in outcome.runs.items():
            values[arm].update({r.seed: r.metrics for r in runs})
        print(f"{claim.name} {data.name} seeds {seeds[0]}-{seeds[-1]}: {outcome.verdict}  "
              + "  ".join(f"{c.kind}({c.metric}) {v.outcome} mean {v.mean:+.4g}"
                          for c, v in outcome.checks), flush=True)
    wrong = sum(s["verdict"] != claim.expected_verdict for s in sets)
    print(f"{claim.name} {data.name}: verdict differs from the expected "
          f"{claim.expected_verdict!r} in {wrong} of {len(sets)} seed sets ({wrong / len(sets):.0%})")
    for i, check in enumerate(claim.checks):
        means = [s["checks"][i][1] for s in sets]
        print(f"  {check.describe()}: set means {min(means):+.4g} .. {max(means):+.4g}, "
              f"median {statistics.median(means):+.4g}")
    return {"false_failures": wrong, "sets": sets, "per_seed": values}

if __name__ == "__main__":
    sys.exit(main())
