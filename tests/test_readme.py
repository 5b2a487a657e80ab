"""The generated tables of docs/ match the specs and the evidence; every relative link of README
and docs/ resolves; the claim modules read like the experiment, not like a diary."""
from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from claims import CLAIMS
from fixtures.report.catalogue import GENERATED, with_tables

ROOT = Path(__file__).resolve().parents[1]
CLAIM_MODULES = sorted(p for p in (ROOT / "claims").glob("*.py")
                       if re.search(r"^CLAIMS? = ", p.read_text(), re.M))


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: p.name)
def test_the_generated_tables_are_up_to_date(path):
    text = path.read_text()
    assert with_tables(text, GENERATED[path], CLAIMS) == text, "run: python -m claims readme"


@pytest.mark.parametrize("module", CLAIM_MODULES, ids=lambda p: p.stem)
def test_a_claim_module_docstring_is_short(module):
    doc = ast.get_docstring(ast.parse(module.read_text())) or ""
    assert 0 < len(doc.splitlines()) <= 15, f"{module.name}: {len(doc.splitlines())} lines"


def test_the_project_speaks_of_itself_alone():
    listed = subprocess.run(["git", "ls-files", "claims", "fixtures", "tests", ".ci", "docs",
                             "README.md", "conftest.py", "noxfile.py"],
                            cwd=ROOT, capture_output=True, text=True)
    diary = re.compile(r"\b(session|issue)s? [0-9]", re.I)
    found = [f"{name}:{n}" for name in listed.stdout.split() if (ROOT / name).is_file()
             for n, line in enumerate((ROOT / name).read_text().splitlines(), 1)
             if diary.search(line)]
    assert not found, found


DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings: lower case, punctuation dropped,
    spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", path.read_text(), flags=re.S), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(document):
    broken = []
    for target in LINK.findall(re.sub(r"```.*?```", "", document.read_text(), flags=re.S)):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        name, _, anchor = target.partition("#")
        path = (document.parent / name).resolve() if name else document
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(f"{target}: no heading #{anchor} in {path.name}")
    assert not broken, broken


def test_readme_is_a_newcomers_page():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 150
