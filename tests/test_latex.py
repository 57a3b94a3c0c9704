"""`pep check --latex` gives LaTeX that compiles: checked with pdflatex when the machine has it,
and always by a structural check (balanced braces and environments, no math characters in
text mode)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pep.symbolic import check_paths, render_latex

PROOFS = Path(__file__).resolve().parents[1] / "proofs"
PREAMBLE = "\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"


@pytest.fixture(scope="module")
def fragment() -> str:
    results = check_paths([str(PROOFS / "gd.py"), str(PROOFS / "halpern.py")])
    assert all(r.ok for r in results)
    return render_latex(results)


def _text_mode_parts(tex: str) -> list[str]:
    """What is typeset in text mode: comments, align environments and $...$ removed."""
    tex = re.sub(r"(?<!\\)%.*", "", tex)
    tex = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "", tex, flags=re.S)
    return re.split(r"(?<!\\)\$.*?(?<!\\)\$", tex)


def structural_problems(tex: str) -> list[str]:
    problems = []
    body = re.sub(r"(?<!\\)%.*", "", tex)
    braces = re.sub(r"\\[{}]", "", body)
    if braces.count("{") != braces.count("}"):
        problems.append("unbalanced braces")
    if re.findall(r"\\begin\{(\w+\*?)\}", body) != re.findall(r"\\end\{(\w+\*?)\}", body):
        problems.append("unmatched environments")
    for part in _text_mode_parts(tex):
        bad = re.findall(r"(?<!\\)[\^_]", part)
        if bad:
            problems.append(f"math character {bad[0]!r} in text mode: {part.strip()[:60]!r}")
    return problems


def test_the_fragment_is_structurally_sound(fragment):
    assert structural_problems(fragment) == []


def test_the_structural_check_catches_what_broke_before():
    # the old output: a title with R^2 typeset in text mode
    assert structural_problems("\\subsection*{potential proof of LR^2/(2N)}\n")
    assert structural_problems("\\emph{f(x_N)}\n")
    assert structural_problems("\\begin{align*} x \\end{align}")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="no LaTeX engine on this machine")
def test_the_fragment_compiles_with_pdflatex(fragment, tmp_path):
    (tmp_path / "proofs.tex").write_text(PREAMBLE + fragment + "\\end{document}\n")
    out = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "proofs.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert (tmp_path / "proofs.pdf").stat().st_size > 0
