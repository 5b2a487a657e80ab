"""`python -m claims history`: one results file per torch release, in any order."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from fixtures.regress.history import History, release_key
from tests.records import check, document, item, run

ROOT = Path(__file__).resolve().parents[1]


def _file(tmp_path: Path, torch: str, acc: list[float], verdict: str = "holds") -> Path:
    arms = {arm: {"note": "", "overrides": {}, "runs": {
        str(s): run({"test_acc": v - 0.1 * (arm == "b")}) for s, v in enumerate(acc)}}
        for arm in ("a", "b")}
    record = item("c-mnist-cpu", verdict, seeds=list(range(len(acc))), arms=arms,
                  checks=[check(per_seed=[0.1] * len(acc))])
    path = tmp_path / f"{torch}.json"
    path.write_text(json.dumps(document(record, torch=torch)))
    return path


def test_releases_are_ordered_by_version_not_by_name_and_compared_in_turn(tmp_path):
    acc = [0.9012, 0.8034, 0.8517, 0.9521, 0.7046]  # an accuracy over 10 000 images
    files = [_file(tmp_path, "2.10.0", [v + 0.01 for v in acc]), _file(tmp_path, "2.9.1", acc),
             _file(tmp_path, "1.13.1+cu117", acc)]
    history = History.load(files)
    assert [r.version for r in history.releases] == ["1.13.1+cu117", "2.9.1", "2.10.0"]
    assert [str(s.tier) for s in history.steps] == ["identical", "shifted"]
    assert history.numerics_changed() == ["2.10.0"]
    assert history.cell(2, "c-mnist-cpu") == "holds +0.2 ~"


def test_release_key_reads_the_numeric_release():
    assert release_key("2.15.0+cu132") == (2, 15, 0) and release_key("1.13.1") < release_key("2.0.1")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claims", "history", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_the_table_names_each_release_and_each_step(tmp_path):
    acc = [0.9, 0.8, 0.85]
    done = _cli(str(_file(tmp_path, "2.1.2", acc)), str(_file(tmp_path, "2.0.1", acc, "inconclusive")))
    assert done.returncode == 0, done.stderr
    assert "2.0.1" in done.stdout.splitlines()[0] and "? +0.2" in done.stdout
    assert re.search(r"^2\.0\.1 +2\.1\.2 +flipped", done.stdout, re.M)
    assert "differ from the release before: none" in done.stdout  # a verdict, not a number, moved


def test_two_files_of_one_release_or_a_file_without_its_release_are_errors(tmp_path):
    one, two = _file(tmp_path, "2.1.2", [0.9, 0.8]), tmp_path / "again.json"
    two.write_text(one.read_text())
    done = _cli(str(one), str(two))
    assert done.returncode == 2 and "torch 2.1.2 again" in done.stderr
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({**json.loads(one.read_text()), "environment": {}}))
    done = _cli(str(one), str(bare))
    assert done.returncode == 2 and f"{bare}: field environment.torch" in done.stderr


def test_history_and_the_report_draw_each_item_across_releases(tmp_path):
    acc = [0.9, 0.8, 0.85]
    old, new = _file(tmp_path, "2.0.1", acc), _file(tmp_path, "2.1.2", [v + 0.01 for v in acc])
    done = _cli(str(old), str(new), "--out", str(tmp_path / "h"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "h" / "history-c-mnist-cpu.png").exists()
    assert "| item | 2.0.1 | 2.1.2 |" in (tmp_path / "h" / "history.md").read_text()
    report = subprocess.run([sys.executable, "-m", "claims", "report", str(new), "--out",
                             str(tmp_path / "r"), "--history", str(old)], cwd=ROOT,
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert "## History across torch releases" in (tmp_path / "r" / "report.md").read_text()


def test_kept_releases_read_back_as_the_same_history(tmp_path):
    acc = [0.9, 0.8, 0.85]
    files = [_file(tmp_path, "2.0.1", acc), _file(tmp_path, "2.1.2", [v + 0.01 for v in acc])]
    history = History.load(files)
    kept = history.keep(tmp_path / "kept")
    assert [p.name for p in kept] == ["torch-2.0.1-cpu.json.gz", "torch-2.1.2-cpu.json.gz"]
    again = History.load(kept)
    assert again.table() == history.table()
    assert all(not r.curves and not r.samples for rel in again.releases for i in rel.results.items
               for a in i.arms.values() for r in a.runs.values())


def test_a_kept_file_that_reads_as_the_same_results_is_not_rewritten(tmp_path):
    """One kept before items carried their data's fingerprint stays byte for byte; one whose
    numbers differ is replaced."""
    import gzip

    acc = [0.9, 0.8, 0.85]
    history = History.load([_file(tmp_path, "2.0.1", acc), _file(tmp_path, "2.1.2", acc)])
    older, other = history.keep(tmp_path / "kept")
    document = json.loads(gzip.decompress(older.read_bytes()))
    for item in document["items"]:
        del item["data"]
    older.write_bytes(gzip.compress(json.dumps(document).encode()))
    before = older.read_bytes(), other.read_bytes()
    History.load([_file(tmp_path, "2.0.1", acc), _file(tmp_path, "2.1.2", [0.1, 0.2, 0.3])]).keep(
        tmp_path / "kept")
    assert older.read_bytes() == before[0] and other.read_bytes() != before[1]


def test_a_gzip_that_is_not_one_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "torch-2.0.1-cpu.json.gz"
    bad.write_bytes(b"not gzip")
    done = _cli(str(bad), str(bad))
    assert done.returncode == 2 and f"{bad}: not a results file" in done.stderr


def test_each_first_release_is_compared_with_its_own_lines_last_patch(tmp_path, monkeypatch):
    from fixtures.report import catalogue

    acc = [0.9012, 0.8034, 0.8517, 0.9521, 0.7046]
    runs = [("2.0.0", acc), ("2.0.1", acc), ("2.1.0", [v + 0.01 for v in acc]), ("2.1.2", acc),
            ("2.2.0", acc)]
    History.load([_file(tmp_path, v, a) for v, a in runs]).keep(tmp_path / "first")
    monkeypatch.setattr(catalogue, "FIRST_RELEASES", tmp_path / "first")
    rows = [line.split(" | ") for line in catalogue.first_releases_table(()).splitlines()[2:]]
    assert rows == [["| 2.0.0", "2.0.1", "identical", "1 identical", "- |"],
                    ["| 2.1.0", "2.1.2", "shifted", "1 shifted", "c-mnist-cpu (shifted) |"]]
