"""Run proof files: the library side of ``pep check [PATHS]``.

:func:`check_paths` loads every ``*.py`` file under the given paths that defines a module-level
``PROOF`` (a :class:`pep.symbolic.Proof`) or ``PROOFS`` (a tuple of them), checks each and
returns one :class:`ProofResult` per proof. :func:`exit_code` maps results to the command's
exit status: 0 all verified, 1 at least one failed. A usage error (a missing path, a path with
no proofs) raises :class:`ProofPathError` (exit status 2).

>>> from pep.symbolic import check_paths
>>> check_paths(["/nonexistent/proofs"])
Traceback (most recent call last):
...
pep.symbolic.runner.ProofPathError: path='/nonexistent/proofs' does not exist; pass a proof file or a directory such as proofs/
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pep.errors import InvalidArgument
from pep.symbolic.check import LinkResult, check_chain, check_link
from pep.symbolic.proof import Proof

__all__ = [
    "ProofResult",
    "ProofPathError",
    "check_proof",
    "check_paths",
    "load_proofs",
    "exit_code",
]


class ProofPathError(InvalidArgument):
    """A path given to ``pep check`` does not exist or holds no proof (a usage error)."""


@dataclass(frozen=True)
class ProofResult:
    """The outcome of one proof: ``ok`` only if every link and the chain verified."""

    name: str
    path: str
    title: str
    theorem: str
    tight: bool
    reference: str
    ok: bool
    checks: tuple[LinkResult, ...]
    seconds: float
    error: str | None = None

    @property
    def failures(self) -> list[str]:
        return [f"{c.name}: {f}" for c in self.checks for f in c.failures]


def check_proof(proof: Proof, path: str = "") -> ProofResult:
    """Check every link of ``proof`` and its chain; exceptions become a failed result."""
    t0 = time.perf_counter()
    checks: list[LinkResult] = []
    error = None
    try:
        checks = [check_link(proof, link) for link in proof.links]
        checks.append(check_chain(proof))
    except Exception as exc:  # a broken proof file is a failed proof, reported by name
        error = f"{type(exc).__name__}: {exc}"
    ok = error is None and all(c.ok for c in checks)
    return ProofResult(
        proof.name,
        path,
        proof.title,
        proof.theorem,
        proof.tight,
        proof.reference,
        ok,
        tuple(checks),
        time.perf_counter() - t0,
        error,
    )


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise ProofPathError(
                f"path={str(raw)!r} does not exist; pass a proof file or a directory such as proofs/"
            )
        if p.is_dir():
            out += sorted(q for q in p.glob("*.py") if not q.name.startswith(("_", "conftest")))
        else:
            out.append(p)
    return out


def load_proofs(path: str | Path) -> list[Proof]:
    """The ``PROOF`` / ``PROOFS`` defined by the module at ``path`` (imported from the file)."""
    p = Path(path).resolve()
    tag = hashlib.sha1(str(p).encode()).hexdigest()[:8]
    spec = importlib.util.spec_from_file_location(f"pep_proof_{p.stem}_{tag}", p)
    if spec is None or spec.loader is None:
        raise ProofPathError(f"path={str(path)!r} is not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    # proofs import their shared helpers (proofs/_sequences.py) as siblings
    sys.path.insert(0, str(p.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(p.parent))
    found = list(getattr(module, "PROOFS", ()))
    if hasattr(module, "PROOF"):
        found.insert(0, module.PROOF)
    return [q for q in found if isinstance(q, Proof)]


def check_paths(paths: Sequence[str | Path]) -> list[ProofResult]:
    """Check every proof under ``paths`` (files or directories); see the module docstring."""
    results = []
    for f in _files(paths):
        for proof in load_proofs(f):
            results.append(check_proof(proof, str(f)))
    if not results:
        raise ProofPathError(
            f"paths={[str(p) for p in paths]!r} hold no proof (a module-level PROOF or PROOFS)"
        )
    return results


def exit_code(results: Sequence[ProofResult]) -> int:
    """0 when every proof verified, 1 otherwise (usage errors raise ProofPathError: 2)."""
    return 0 if results and all(r.ok for r in results) else 1
