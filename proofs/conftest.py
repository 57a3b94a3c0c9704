"""Collect every proof module here as pytest items: one item per PROOF, run by the checker.

``pytest`` (testpaths include ``proofs``) therefore fails when any proof in this directory
stops verifying, with the checker's report (each failure naming its term) as the message.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from pep.symbolic import check_proof, load_proofs, render_text

# proof modules import their shared sequences as ``from _sequences import ...`` (as when
# ``pep check`` loads a file by path); pytest imports them as ``proofs.<name>``, so the
# directory itself must be importable from
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))


class ProofFailed(AssertionError):
    """A proof did not verify; the message is the checker's report."""


class ProofItem(pytest.Item):
    def __init__(self, *, proof: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.proof = proof

    def runtest(self) -> None:
        result = check_proof(self.proof, str(self.path))
        if not result.ok:
            raise ProofFailed(render_text([result]))

    def repr_failure(self, excinfo: Any, style: Any = None) -> Any:
        if isinstance(excinfo.value, ProofFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"proof {self.proof.name}"


class ProofFile(pytest.File):
    def collect(self) -> Any:
        for proof in load_proofs(self.path):
            yield ProofItem.from_parent(self, name=f"proof[{proof.name}]", proof=proof)


def pytest_collect_file(file_path: Path, parent: Any) -> Any:
    if file_path.suffix == ".py" and not file_path.name.startswith(("_", "conftest")):
        return ProofFile.from_parent(parent, path=file_path)
    return None
