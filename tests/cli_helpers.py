"""Run the ``pep`` command as a subprocess, with the cache in a temporary directory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pep_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PEP_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def pep_command(*args: str) -> list[str]:
    # ``python -m pep.cli`` is the console script's entry point (pep = "pep.cli.main:main") without
    # depending on PATH; one test runs the installed script itself.
    return [sys.executable, "-m", "pep.cli", *args]


def run_pep(*args: str, cache: Path, cwd: Path | None = None, timeout: float = 240):
    return subprocess.run(
        pep_command(*args),
        capture_output=True,
        text=True,
        env=pep_env(cache),
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def readme_user_file() -> str:
    """The complete user file shown in README.md under "Certify your own method"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Certify your own method") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)
