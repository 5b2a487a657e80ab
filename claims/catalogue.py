"""The catalogue as text: `python -m claims list`, and README's claims, calibration and history
tables.

Everything here is read from the specs and the evidence files, so a number is written once (a
check's `Threshold`, a count in calibration/<name>.json) and printed from there.
`python -m claims readme` rewrites README's generated sections; tests/test_readme.py fails
when they are out of date.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from claims.spec import BUDGETS, ClaimSpec
from fixtures.numbers import num
from fixtures.stats import KINDS

README = Path(__file__).resolve().parents[1] / "README.md"
HISTORY = README.parent / "history"  # one results file per torch release: python -m claims history --keep
SECTIONS = ("claims", "calibration", "history")


def listing(claims: tuple[ClaimSpec, ...]) -> str:
    lines = []
    for c in claims:
        expected = ", ".join(f"{b}: {c.expected.get(b, 'uncalibrated')}" for b in BUDGETS)
        lines += [f"{c.name}  [{expected}]  datasets: {', '.join(c.datasets)}",
                  f"    {c.statement}",
                  *(f"    check {check.describe(c.seeds)}" for check in c.checks),
                  *(f"    source: {s.cite()}" for s in c.sources),
                  f"    evidence: {c.evidence.relative_to(README.parent)}"]
    return "\n".join(lines)


def claims_table(claims: tuple[ClaimSpec, ...]) -> str:
    rows = ["| claim | source | claim, and what decides it | expected |", "| --- | --- | --- | --- |"]
    for c in claims:
        sources = ", ".join(f"post {s.post}" if s.post else f"[{s.title}]({s.url})" if s.url
                            else s.title for s in c.sources)
        checks = "<br>".join(f"check: {check.describe(c.seeds)}" for check in c.checks)
        expected = "<br>".join(f"{b}: {c.expected.get(b, 'uncalibrated')}" for b in BUDGETS)
        rows.append(f"| `{c.name}` | {sources} | {c.statement}<br>{checks} | {expected} |")
    return "\n".join(rows)


def calibration_table(claims: tuple[ClaimSpec, ...]) -> str:
    rows = ["| claim | dataset | budget | seeds | sets wrong | headline check over the sets | taken |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for c in claims:
        evidence = json.loads(c.evidence.read_text()) if c.evidence.exists() else {"budgets": {}}
        if not evidence["budgets"]:
            rows.append(f"| `{c.name}` | | | | no evidence | | |")
        for budget, records in evidence["budgets"].items():
            for r in records:
                n, sets = r["seeds_per_set"], len(r["sets"])
                last = r["seed_base"] + n * sets - 1
                wrong = (f"{r['wrong']} of {sets} ({r['wrong'] / sets:.0%})" if r["expected"]
                         else f"{sets} sets, nothing expected")
                rows.append(f"| `{c.name}` | {r['dataset']} | {budget} | {sets} sets of {n}, seeds "
                            f"{r['seed_base']}-{last} | {wrong} | {_spread(c, r)} | {r['date']}, "
                            f"torch {r['torch']}, {r['device']} |")
    return "\n".join(rows)


def _spread(claim: ClaimSpec, record: dict) -> str:
    """The headline check across a record's sets: seeds carrying it for a counted kind (a mean
    of such a check is set by its wildest seed), else the range of the set means."""
    check = claim.checks[0]
    first = [s["checks"][0] for s in record["sets"]]
    if KINDS[check.kind].counts:
        support = [f["support"] for f in first]
        span = f"{min(support)}" if min(support) == max(support) else f"{min(support)} to {max(support)}"
        return f"{span} of {record['seeds_per_set']} seeds carry it"
    means = [f["mean"] for f in first if f["mean"] is not None]
    return f"set means {num(min(means), signed=True)} to {num(max(means), signed=True)}"


def history_table(claims: tuple[ClaimSpec, ...]) -> str:
    """The claim x release table from the kept results of each release, and what the run took."""
    from fixtures.history import History

    files = sorted(HISTORY.glob("torch-*.json.gz"))
    if len(files) < 2:
        return "No history kept yet: run `nox -s claims`, then `python -m claims history --keep=history`."
    history = History.load(files)
    first, last = history.releases[0], history.releases[-1]
    took = sum(r.results.duration_s for r in history.releases)
    dates = sorted({first.results.started[:10], last.results.started[:10]})
    return (f"{len(files)} releases, {first.version} to {last.version}, taken "
            f"{' to '.join(dates)}; the claim items took "
            f"{took / 60:.0f} min of pytest in all ({min(r.results.duration_s for r in history.releases):.0f}"
            f" to {max(r.results.duration_s for r in history.releases):.0f} s a release).\n\n"
            + history.table(markdown=True))


def render(name: str, claims: tuple[ClaimSpec, ...]) -> str:
    return {"claims": claims_table, "calibration": calibration_table,
            "history": history_table}[name](claims)


def readme_with_tables(text: str, claims: tuple[ClaimSpec, ...]) -> str:
    """README's text with each generated section replaced by what the catalogue says now."""
    for name in SECTIONS:
        begin, end = _markers(name)
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise ValueError(f"README.md has no {begin} ... {end} section")
        text = pattern.sub(lambda _: f"{begin}\n{render(name, claims)}\n{end}", text)
    return text


def _markers(name: str) -> tuple[str, str]:
    return (f"<!-- {name} table: written by `python -m claims readme` -->",
            f"<!-- end of {name} table -->")
