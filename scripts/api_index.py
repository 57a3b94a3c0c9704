"""Write docs/api/index.rst: one automodule entry per module of pep, grouped by stage.

Run it after adding a module (tests/test_docs.py fails while a module is missing):

    python scripts/api_index.py
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pep

ROOT = Path(__file__).resolve().parents[1]
STAGES = {
    "model": "What a PEP is",
    "functions": "Function classes",
    "operators": "Operator classes",
    "algorithms": "Named methods",
    "sdp": "Compile and solve",
    "certificates": "Exact certificates",
    "symbolic": "Proofs for every k",
    "discover": "From numbers to proofs",
    "cli": "The command",
}


def modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(pep.__path__, "pep.")
        if not m.name.endswith("__main__")
    )


def index_text() -> str:
    out = [
        "pep API reference",
        "=================",
        "",
        "Generated from the docstrings by ``python scripts/api_index.py``; built with",
        "``python -m sphinx -W docs/api docs/api/_build``. The public names are those of",
        "``import pep``; the packages follow the pipeline stages of ARCHITECTURE.md.",
        "",
        ".. automodule:: pep",
        "   :no-members:",
        "",
    ]
    found = modules()
    for m in (x for x in found if x.count(".") == 1 and x.split(".")[1] not in STAGES):
        out += [m, "-" * len(m), "", f".. automodule:: {m}", ""]
    for pkg, title in STAGES.items():
        head = f"pep.{pkg}: {title}"
        out += [head, "-" * len(head), "", f".. automodule:: pep.{pkg}", "   :no-members:", ""]
        for m in (x for x in found if x.startswith(f"pep.{pkg}.")):
            out += [m, "~" * len(m), "", f".. automodule:: {m}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    (ROOT / "docs" / "api" / "index.rst").write_text(index_text())
