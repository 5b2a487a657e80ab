"""README's generated tables match the specs and the evidence; the claim modules read like the
experiment, not like a diary."""
from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from claims import CLAIMS
from claims.catalogue import README, readme_with_tables

ROOT = Path(__file__).resolve().parents[1]
CLAIM_MODULES = sorted(p for p in (ROOT / "claims").glob("*.py")
                       if re.search(r"^CLAIMS? = ", p.read_text(), re.M))


def test_the_generated_tables_are_up_to_date():
    text = README.read_text()
    assert readme_with_tables(text, CLAIMS) == text, "run: python -m claims readme"


@pytest.mark.parametrize("module", CLAIM_MODULES, ids=lambda p: p.stem)
def test_a_claim_module_docstring_is_short(module):
    doc = ast.get_docstring(ast.parse(module.read_text())) or ""
    assert 0 < len(doc.splitlines()) <= 15, f"{module.name}: {len(doc.splitlines())} lines"


def test_the_project_speaks_of_itself_alone():
    listed = subprocess.run(["git", "ls-files", "claims", "fixtures", "tests", ".ci", "README.md",
                             "conftest.py", "noxfile.py"], cwd=ROOT, capture_output=True, text=True)
    diary = re.compile(r"\b(session|issue)s? [0-9]", re.I)
    found = [f"{name}:{n}" for name in listed.stdout.split() if (ROOT / name).is_file()
             for n, line in enumerate((ROOT / name).read_text().splitlines(), 1)
             if diary.search(line)]
    assert not found, found
