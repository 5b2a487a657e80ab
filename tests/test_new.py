"""`python -m claims new NAME`: a claim module from a template that builds as written, runs
uncalibrated, and never replaces a file."""
from __future__ import annotations

import importlib.util

import pytest

from claims.__main__ import main
from fixtures.core.spec import ClaimSpec


def _load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_new_writes_a_claim_that_builds_and_runs_uncalibrated(tmp_path, capsys):
    assert main(["new", "warmup-helps-adam", f"--dir={tmp_path}"]) == 0
    written = tmp_path / "warmup_helps_adam.py"
    assert f"wrote {written}" in capsys.readouterr().out
    claim = _load(written).CLAIM
    assert isinstance(claim, ClaimSpec) and claim.name == "warmup-helps-adam"
    assert claim.expected == {}  # uncalibrated: it runs and asserts nothing
    assert "TODO" in written.read_text()


def test_new_refuses_a_bad_name_or_a_file_that_exists(tmp_path, capsys):
    (tmp_path / "kept.py").write_text("# mine\n")
    for name, message in (("kept", "exists: nothing was written"),
                          ("Warmup_Helps", "is not a claim id: kebab-case")):
        with pytest.raises(SystemExit) as exited:
            main(["new", name, f"--dir={tmp_path}"])
        assert exited.value.code == 2 and message in capsys.readouterr().err
    assert (tmp_path / "kept.py").read_text() == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.py"]
