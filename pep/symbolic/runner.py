"""Run proof files: the library side of ``pep check [PATHS]``.

:func:`check_paths` loads every ``*.py`` file under the given paths that defines a module-level
``PROOF`` (a :class:`pep.symbolic.Proof`) or ``PROOFS`` (a tuple of them), checks each and
returns one :class:`ProofResult` per proof. :func:`exit_code` maps results to the command's
exit status: 0 all verified, 1 at least one failed. A usage error (a missing path, a path with
no proofs) raises :class:`ProofPathError` (exit status 2).

A proof verifies when every link's identity, the chain (from index 0 to N, final weight
> 0, telescoped rate) and its sequences' facts (by induction,
:mod:`pep.symbolic.induction`) check symbolically, and, by default, the numeric cross-check
agrees (:func:`pep.symbolic.numeric.crosscheck`: the rate is not below the PEP worst case of
the proof's own method at the three smallest N). Each file is imported and checked in a
fresh Python process of its own (never a fork of the caller): a file that raises
or exits is one failed result, and the others are still checked. Proof files are Python
code run with your privileges; the isolation contains accidents, not deliberate tampering
with the checker inside that file's own process.

>>> from pep.symbolic import check_paths
>>> check_paths(["/nonexistent/proofs"])
Traceback (most recent call last):
...
pep.symbolic.runner.ProofPathError: path='/nonexistent/proofs' does not exist; pass a proof file or a directory such as proofs/
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pep.errors import InvalidArgument
from pep.symbolic.check import LinkResult, check_chain_env, check_link_env
from pep.symbolic.induction import sequence_failures
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
    """The outcome of one proof: ``ok`` only if every link, the chain, the sequences' facts
    and (when run) the numeric cross-check passed. ``crosscheck`` is ``"run"``,
    ``"skipped"`` (asked for) or ``"not run"`` (:func:`check_proof` without it); ``detail``
    holds a traceback when a proof file could not be loaded."""

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
    crosscheck: str = "not run"
    detail: str | None = None

    @property
    def failures(self) -> list[str]:
        return [f"{c.name}: {f}" for c in self.checks for f in c.failures]


def _symbolic_checks(proof: Proof) -> tuple[list[LinkResult], list[Any]]:
    """Links, chain and sequence facts (each sequence term the checks used); and the
    sequences used."""
    checks: list[LinkResult] = []
    used: list[tuple[Any, Any, Any]] = []
    used_terms: list[tuple[Any, Any, Any]] = []
    for link in proof.links:
        result, env = check_link_env(proof, link)
        checks.append(result)
        used += [(seq, index, link) for seq, index, _ in env.used.values()]
        used_terms += env.used.values()
    chain, env = check_chain_env(proof)
    checks.append(chain)
    used += [(seq, index, None) for seq, index, _ in env.used.values()]
    used_terms += env.used.values()
    bounds = {proof.params[name]: b for name, b in proof.assume.items() if name in proof.params}
    failures, notes = sequence_failures(used, bounds, proof.N_min, proof.params.values())
    symbols = {str(sym) for _, _, sym in used_terms}
    clash = sorted(symbols & {str(p) for p in proof.params.values()})
    if clash:
        failures.append(f"parameters {clash} have the names of sequence terms; rename them")
    unknown = sorted(set(proof.assume) - set(proof.params))
    if unknown:
        failures.append(f"assume names {unknown}, which are not parameters: {sorted(proof.params)}")
    if failures or notes:
        checks.append(LinkResult("sequences", not failures, tuple(failures), tuple(notes)))
    sequences = list({id(seq): seq for seq, _, _ in used}.values())
    return checks, sequences


def check_proof(proof: Proof, path: str = "", crosscheck: bool = False) -> ProofResult:
    """Check every link of ``proof``, its chain and its sequences' facts, and with
    ``crosscheck`` compare with the PEP at small N (:func:`pep.symbolic.numeric.crosscheck`);
    exceptions become a failed result."""
    t0 = time.perf_counter()
    checks: list[LinkResult] = []
    error = None
    try:
        checks, sequences = _symbolic_checks(proof)
        if crosscheck:
            from pep.symbolic.numeric import crosscheck as numeric_crosscheck

            failures, notes = numeric_crosscheck(proof, sequences=sequences)
            checks.append(LinkResult("cross-check", not failures, tuple(failures), tuple(notes)))
    except Exception as exc:  # a broken proof file is a failed proof, reported by name
        error = _one_line(exc)
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
        "run" if crosscheck else "not run",
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, SystemExit):
        return f"the file called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


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
    """The ``PROOF`` / ``PROOFS`` defined by the module at ``path`` (imported from the file,
    in this process: see :func:`check_paths` for the isolated way)."""
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
        if str(p.parent) in sys.path:
            sys.path.remove(str(p.parent))
    found = list(getattr(module, "PROOFS", ()))
    if hasattr(module, "PROOF"):
        found.insert(0, module.PROOF)
    return [q for q in found if isinstance(q, Proof)]


def _failed_file(path: Path, reason: str, detail: str | None = None) -> ProofResult:
    return ProofResult(
        path.stem,
        str(path),
        "(proof file not checked)",
        "",
        False,
        "",
        False,
        (),
        0.0,
        reason,
        "not run",
        detail,
    )


def _check_file(path: str, crosscheck: bool, out: str) -> None:
    """In the child process: load one file, check its proofs, write the results (or why not)
    to ``out``. Catches everything, SystemExit included, so that the parent gets a reason."""
    try:
        results = [check_proof(p, path, crosscheck) for p in load_proofs(path)]
        # multipliers hold the proof's own objects: send them as text
        message: tuple[Any, ...] = (
            "ok",
            [replace(r, checks=tuple(map(_plain, r.checks))) for r in results],
        )
    except BaseException as exc:  # the proof file's own code may raise or call sys.exit
        message = ("error", _one_line(exc), traceback.format_exc())
    Path(out).write_bytes(pickle.dumps(message))


def _child_main() -> None:
    """Entry point of the checking process: ``path out crosscheck`` on the command line."""
    path, out, crosscheck = sys.argv[1:4]
    _check_file(path, crosscheck == "1", out)


def _plain(c: LinkResult) -> LinkResult:
    return replace(c, multipliers={k: str(v) for k, v in c.multipliers.items()})


def _run_isolated(path: Path, crosscheck: bool, timeout: float) -> list[ProofResult]:
    """Load and check one file in a fresh Python process: whatever the file does (raise,
    exit, change global state) stays there; the parent gets the results or a one-line reason.

    A new interpreter, not ``fork``: a process forked after solves inherits the solver
    libraries' thread pools in whatever state their locks were, and can hang in them."""
    import subprocess
    import tempfile

    root = str(Path(__file__).resolve().parents[2])  # the directory holding this pep
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.pickle"
        code = "from pep.symbolic.runner import _child_main; _child_main()"
        args = [sys.executable, "-c", code, str(path), str(out), "1" if crosscheck else "0"]
        try:
            proc = subprocess.run(args, capture_output=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired:
            return [_failed_file(path, f"not finished after {timeout:g} s; stopped")]
        if not out.is_file():  # the child ended without a report: os._exit, a crash, a signal
            reason = f"the checking process ended without a report (exit status {proc.returncode})"
            return [_failed_file(path, reason, proc.stderr.decode(errors="replace")[-2000:])]
        message = pickle.loads(out.read_bytes())  # written by this module's own child
    if message[0] == "ok":
        return list(message[1])
    return [_failed_file(path, message[1], message[2])]


def check_paths(
    paths: Sequence[str | Path], crosscheck: bool = True, timeout: float = 600.0
) -> list[ProofResult]:
    """Check every proof under ``paths`` (files or directories); see the module docstring.

    Each file is imported and checked in a process of its own: a file that raises or exits
    while loading is one failed result (the reason in ``error``, the traceback in
    ``detail``) and the other files are still checked. ``crosscheck`` (default on) adds the
    numeric comparison with the PEP at small N.
    """
    files = _files(paths)
    results = []
    for f in files:
        results += _run_isolated(f, crosscheck, timeout)
    if not crosscheck:
        results = [replace(r, crosscheck="skipped") for r in results]
    if not results:
        raise ProofPathError(
            f"paths={[str(p) for p in paths]!r} hold no proof (a module-level PROOF or PROOFS)"
        )
    return results


def exit_code(results: Sequence[ProofResult]) -> int:
    """0 when every proof verified, 1 otherwise (usage errors raise ProofPathError: 2)."""
    return 0 if results and all(r.ok for r in results) else 1
