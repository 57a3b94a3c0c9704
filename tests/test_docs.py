"""Every code block in docs/ runs: Python blocks execute (in one namespace per page, in order),
and a ```text block right after a Python block is the output it must print; ```bash lines
that start with `pep ` run as the command (exit 0); a Python block whose first line is
`# file: NAME` is also written to NAME for the commands that follow."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import pep_env

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
PAGES = sorted(p for p in DOCS.rglob("*.md") if BLOCK.search(p.read_text(encoding="utf-8")))


def blocks(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(page.read_text(encoding="utf-8"))]


def test_the_tutorial_is_among_the_pages():
    assert DOCS / "tutorial.md" in PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_code_block_runs(page, tmp_path):
    namespace: dict[str, object] = {"__name__": "__docs__"}
    items = blocks(page)
    ran = 0
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for i, (lang, code) in enumerate(items):
            if lang == "python":
                first = code.splitlines()[0] if code.strip() else ""
                if first.startswith("# file: "):
                    (tmp_path / first.removeprefix("# file: ").strip()).write_text(code)
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    exec(compile(code, f"{page.name}[block {i}]", "exec"), namespace)  # noqa: S102
                ran += 1
                follows = items[i + 1] if i + 1 < len(items) else None
                if follows is not None and follows[0] == "text":
                    assert out.getvalue().strip() == follows[1].strip(), f"block {i} of {page.name}"
            elif lang == "bash":
                for line in code.splitlines():
                    if line.startswith("pep "):
                        args = shlex.split(line.split("#")[0])[1:]
                        proc = subprocess.run(
                            [sys.executable, "-m", "pep.cli", *args, "--quiet"],
                            capture_output=True, text=True, timeout=600,
                            env=pep_env(tmp_path / "cache"), cwd=tmp_path,
                        )  # fmt: skip
                        assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
                        ran += 1
    finally:
        os.chdir(cwd)
    assert ran > 0


def test_the_api_reference_lists_every_module():
    index = (DOCS / "api" / "index.rst").read_text(encoding="utf-8")
    import pkgutil

    import pep

    missing = [
        m.name
        for m in pkgutil.walk_packages(pep.__path__, "pep.")
        if not m.name.endswith("__main__") and f".. automodule:: {m.name}\n" not in index + "\n"
    ]
    assert missing == [], "run: python scripts/api_index.py"


def test_the_api_reference_builds_without_warnings(tmp_path):
    pytest.importorskip("sphinx")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
         str(DOCS / "api"), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=600, env=pep_env(tmp_path / "cache"),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "html" / "index.html").is_file()
