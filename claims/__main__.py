"""Command line: `python -m claims list | calibrate NAME | cost | compare OLD NEW | history
RESULTS... | false-alarms RESULTS... | faults | report RESULTS | readme`."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from fixtures.options import nonnegative_int, positive_int

FAILING_TIERS = ("rounding", "shifted", "drifted", "flipped")  # fixtures.tiers.Tier, by name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every claim with its checks, expected verdicts, datasets, "
                                     "sources and evidence file")
    readme = commands.add_parser("readme", help="rewrite README.md's claims and calibration tables "
                                                "from the specs and the evidence files")
    readme.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if README.md's tables are out of date")
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
    calibrate.add_argument("--json", action="store_true",
                           help="keep the evidence: every per-seed value, each set's verdict, "
                                "date, torch, device and threads, in calibration/NAME.json "
                                "(replacing the record of the same dataset, seed base and set size)")
    calibrate.add_argument("--evidence-dir", type=Path, default=None, metavar="DIR",
                           help="where --json writes, as --evidence-dir=DIR. Default: calibration/")
    cost = commands.add_parser(
        "cost", help="FLOPs each claim trains and evaluates, and the least time they take at "
                     "this machine's measured matmul throughput")
    cost.add_argument("names", nargs="*", metavar="NAME", help="claim ids. Default: every claim")
    cost.add_argument("--budget", choices=("smoke", "full"), default="smoke", help="Default: smoke")
    cost.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="Default: cpu")
    compare = commands.add_parser(
        "compare", help="two results files side by side, per item, arm and checked metric, in "
                        "tiers: identical, rounding, shifted, drifted, flipped")
    compare.add_argument("old", type=Path, metavar="OLD.json")
    compare.add_argument("new", type=Path, metavar="NEW.json")
    compare.add_argument("--format", choices=("text", "md", "json"), default="text",
                         help="Default: text")
    compare.add_argument("--fail-on", choices=FAILING_TIERS, default="drifted", metavar="TIER",
                         help=f"exit 1 when any item reaches this tier or a worse one, one of "
                              f"{', '.join(FAILING_TIERS)}. Default: drifted")
    history = commands.add_parser(
        "history", help="claim x torch release: verdict, headline effect and the tier against "
                        "the release before, from one results file per release")
    history.add_argument("results", type=Path, nargs="+", metavar="RESULTS.json")
    history.add_argument("--format", choices=("text", "md"), default="text", help="Default: text")
    history.add_argument("--out", type=Path, default=None, metavar="DIR",
                         help="also write DIR/history.md with a plot per claim of each check's "
                              "effect against the release (needs the `report` extra)")
    history.add_argument("--keep", type=Path, default=None, metavar="DIR",
                         help="also keep each release's results, without curves and samples, as "
                              "DIR/torch-<release>-<device>.json.gz (README's history is "
                              "written from history/)")
    alarms = commands.add_parser(
        "false-alarms", help="every pair among results files that differ only by rounding, in "
                             "tiers: how often the compare flags such a pair")
    alarms.add_argument("results", type=Path, nargs="+", metavar="RESULTS.json")
    alarms.add_argument("--fail-on", choices=FAILING_TIERS, default="shifted", metavar="TIER",
                        help="the tier that counts as a false alarm, or a worse one. Default: "
                             "shifted")
    faults = commands.add_parser(
        "faults", help="the cpu claim items under each injected torch fault, compared in tiers "
                       "with an unfaulted run: which faults the suite catches")
    faults.add_argument("names", nargs="*", metavar="FAULT", help="Default: every fault")
    faults.add_argument("--claim", action="append", default=None, metavar="NAME",
                        help="only this claim (repeat for more). Default: every claim")
    faults.add_argument("--out", type=Path, default=Path("results/faults"), metavar="DIR",
                        help="where each run's results file goes. Default: results/faults")
    faults.add_argument("--format", choices=("text", "md"), default="text", help="Default: text")
    faults.add_argument("--list", action="store_true", help="list the faults and stop")
    report = commands.add_parser(
        "report", help="DIR/report.md with plots (curves per arm, sin fits, reconstructions), "
                       "reported-vs-reproduced and timing tables; needs the `report` extra")
    report.add_argument("results", type=Path, metavar="RESULTS.json")
    report.add_argument("--out", type=Path, required=True, metavar="DIR")
    report.add_argument("--bench", type=Path, default=None, metavar="BENCH.json",
                        help="a pytest-benchmark JSON file (pytest --benchmark-json=PATH)")
    report.add_argument("--history", type=Path, nargs="+", default=None, metavar="OTHER.json",
                        help="results files of other torch releases: the report gains the "
                             "history table and a plot per claim across them and RESULTS")
    args = parser.parse_args(argv)
    if args.command == "list":
        return _list()
    if args.command == "readme":
        return _readme(args.check)
    if args.command == "compare":
        return _compare(args, parser)
    if args.command == "report":
        return _report(args, parser)
    if args.command == "history":
        return _history(args, parser)
    if args.command == "false-alarms":
        return _false_alarms(args, parser)
    from claims import CLAIMS, by_name  # the registry imports torch: compare and report do without

    try:
        names = args.claim or [] if args.command == "faults" else args.names
        claims = [by_name(name) for name in names] or list(CLAIMS)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    from fixtures.data import DataError, DatasetMissing

    try:
        if args.command == "faults":
            return _faults(claims, args, parser)
        return _cost(claims, args, parser) if args.command == "cost" else _calibrate(claims, args)
    except (DatasetMissing, DataError) as exc:  # what pytest would skip or fail on, said plainly
        parser.exit(2, f"{parser.prog} {args.command}: {exc}\n")


def _list() -> int:
    from claims import CLAIMS
    from claims.catalogue import listing

    print(listing(CLAIMS))
    return 0


def _readme(check: bool) -> int:
    from claims import CLAIMS
    from claims.catalogue import README, readme_with_tables

    text = README.read_text()
    new = readme_with_tables(text, CLAIMS)
    if check:
        print("README.md is up to date" if new == text else
              "README.md's generated tables are out of date: run python -m claims readme")
        return int(new != text)
    README.write_text(new)
    print(f"{README}: generated tables {'rewritten' if new != text else 'unchanged'}")
    return 0


def _compare(args, parser) -> int:
    from fixtures.compare import as_json, compare, format_text
    from fixtures.results import NotAResultsFile, Results
    from fixtures.tiers import Tier

    try:
        comparison = compare(Results.load(args.old), Results.load(args.new))
    except NotAResultsFile as exc:
        parser.error(str(exc))
    if args.format == "json":
        print(json.dumps(as_json(comparison), indent=1))
    else:
        print(format_text(comparison, markdown=args.format == "md"))
    return int(comparison.tier >= Tier.named(args.fail_on))


def _history(args, parser) -> int:
    from fixtures.history import History
    from fixtures.results import NotAResultsFile

    try:
        history = History.load(args.results)
    except NotAResultsFile as exc:
        parser.error(str(exc))
    print(history.table(markdown=args.format == "md"))
    for path in history.keep(args.keep) if args.keep else []:
        print(f"kept {path}")
    if args.out:
        from fixtures.history_plots import write_history

        print(f"history written to {write_history(history, args.out)}")
    return 0


def _false_alarms(args, parser) -> int:
    from fixtures.false_alarms import FalseAlarms
    from fixtures.results import NotAResultsFile, Results
    from fixtures.tiers import Tier

    if len(set(args.results)) < 2:
        parser.error("false-alarms: give at least two different results files")
    try:
        runs = [(str(path), Results.load(path)) for path in dict.fromkeys(args.results)]
    except NotAResultsFile as exc:
        parser.error(str(exc))
    print(FalseAlarms.measure(runs).summary(Tier.named(args.fail_on)))
    return 0


def _report(args, parser) -> int:
    from fixtures.report import write_report
    from fixtures.results import NotAResultsFile

    try:
        print(f"report written to {write_report(args.results, args.out, args.bench, args.history)}")
    except NotAResultsFile as exc:
        parser.error(str(exc))
    return 0


def _faults(claims, args, parser) -> int:
    import torch

    from fixtures.fault_list import FAULTS
    from fixtures.faults import by_name
    from fixtures.power import measure
    from fixtures.seeding import make_deterministic
    from fixtures.tabular import markdown_table, text_table

    if args.list:
        rows = [(f.name, f.kind, f.what) for f in FAULTS]
        print((markdown_table if args.format == "md" else text_table)(("fault", "kind", "what breaks"), rows))
        return 0
    try:
        faults = tuple(by_name(n) for n in args.names) or FAULTS
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    make_deterministic()
    power = measure(faults, claims, _datasets(torch.device("cpu")), args.out,
                    progress=lambda line: print(line, flush=True))
    print(power.table(markdown=args.format == "md"))
    return 0


def _cost(claims, args, parser) -> int:
    try:
        from fixtures.cost import claim_costs, matmul_flop_rate
    except ImportError as exc:  # torch.utils.flop_counter is new in torch 2.1
        parser.error(f"cost counts FLOPs with torch.utils.flop_counter, which this torch lacks "
                     f"({exc}): it needs torch 2.1 or newer")
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
    from fixtures.data import load
    from fixtures.synthetic import on_device

    root = os.environ.get("NNCLAIMS_DATA")
    loaded: dict = {}

    def get(name: str):
        if name not in loaded:
            loaded[name] = on_device(name, device, lambda n: load(n, Path(root) if root else None))
        return loaded[name]
    return get


def _calibrate(claims, args) -> int:
    import torch

    from fixtures import evidence
    from fixtures.devices import describe
    from fixtures.environment import fingerprint
    from fixtures.experiment import run_claim
    from fixtures.seeding import make_deterministic

    make_deterministic()
    cpu = torch.device("cpu")
    datasets = _datasets(cpu)
    cache: dict = {}  # one run cache for every claim named: shared arms train once
    env = fingerprint()
    for claim in claims:
        n = args.seeds or claim.seeds
        for dataset in [args.dataset] if args.dataset else claim.datasets:
            record = _seed_sets(claim, datasets(dataset), n, args, cache, run_claim)
            record.update(date=datetime.now(timezone.utc).date().isoformat(), torch=env["torch"],
                          device=describe(cpu), threads=env["threads"],
                          git_commit=env["git_commit"], git_dirty=env["git_dirty"],
                          spec=evidence.spec_record(claim, args.budget))
            if args.json:
                path = evidence.add(claim, args.budget, record, args.evidence_dir)
                print(f"  evidence written to {path}")
    return 0


def _seed_sets(claim, data, n, args, cache, run_claim) -> dict:
    """Disjoint sets of `n` seeds from the base; every per-seed metric, every set's verdict."""
    from fixtures.devices import describe
    from fixtures.numbers import num
    from fixtures.results import item_identity, outcome_item

    start = time.perf_counter()
    expected = claim.expected.get(args.budget)
    sets, per_seed, diverged = [], {a.name: {} for a in claim.arms}, {a.name: [] for a in claim.arms}
    for k in range(args.seed_sets):
        seeds = tuple(range(args.seed_base + k * n, args.seed_base + (k + 1) * n))
        outcome = run_claim(claim, data, args.budget, seeds, cache)
        item = outcome_item(outcome, item_identity(claim, data.name, data.device.type, args.budget),
                            describe(data.device))
        sets.append({"seeds": [seeds[0], seeds[-1]], "verdict": item.verdict,
                     "checks": [{"verdict": c.verdict, "mean": c.effect.mean,
                                 "support": c.effect.support} for c in item.checks]})
        for arm, record in item.arms.items():
            per_seed[arm].update({seed: run.metrics for seed, run in record.runs.items()})
            diverged[arm] += [int(seed) for seed, run in record.runs.items() if run.diverged]
        print(f"{claim.name} {data.name} seeds {seeds[0]}-{seeds[-1]}: {item.verdict}  " + "  ".join(
            f"{c.label} {c.verdict}: {c.headline()}" for c in item.checks), flush=True)
    wrong = sum(s["verdict"] != expected for s in sets) if expected else None
    if expected:
        print(f"{claim.name} {data.name}: verdict differs from the expected '{expected}' in "
              f"{wrong} of {len(sets)} seed sets ({wrong / len(sets):.0%})")
    else:
        print(f"{claim.name} {data.name}: no verdict is expected at the {args.budget} budget; "
              "the sets' verdicts are the evidence for one")
    for i, check in enumerate(claim.checks):
        means = [s["checks"][i]["mean"] for s in sets]
        print(f"  {check.label}: set means {num(min(means), signed=True)} .. "
              f"{num(max(means), signed=True)}, median {num(statistics.median(means), signed=True)}")
    return {"dataset": data.name, "seed_base": args.seed_base, "seeds_per_set": n,
            "expected": expected, "wrong": wrong, "sets": sets, "per_seed": per_seed,
            "diverged": diverged, "seconds": round(time.perf_counter() - start, 1)}


if __name__ == "__main__":
    sys.exit(main())
