r"""The on-disk cache of sweep points: keyed by the code, checked on every load.

One JSON file per point, ``root/<algorithm>/<key>.json``. A cache hit is *shown* in a table,
so a hit must never say more than a fresh solve would:

* **Key.** :func:`point_key` hashes everything that determines the answer: the point
  (algorithm, N, parameters, solver, whether to certify), the source of every module of the
  ``pep`` package (:func:`code_fingerprint`; a copy of pep with one interpolation row changed
  gets other keys, so it is never served this code's entries), the versions of Python, the
  solver, cvxpy, numpy, scipy and python-flint, and the cache format.
* **Integrity.** Each file carries a SHA-256 checksum of its record. A file that is not valid
  JSON, lacks a field, has a field of the wrong type, belongs to another point, or whose
  checksum does not match (an edited file) is a miss: the point is recomputed and the file
  replaced, never shown.
* **Verified points.** A record labelled *verified* must carry its exact certificate. On load
  it is checked twice: by the independent checker (:mod:`pep.certificates.verify`, which
  imports nothing from pep) on the stored document, and by
  :meth:`pep.ExactCertificate.check` against the problem rebuilt by *this* code from the
  point's algorithm, N and parameters -- which ties the certificate to the point, whatever its
  rows claim. The stored exact bound must be the certificate's, and the stored value within
  :data:`VALUE_RTOL` of it. Any failure is a miss (recomputed).

The checksum only catches casual edits; anyone who can write the cache can also recompute it.
That is why a *verified* label is never taken from the file: it is re-proved on load. A
*numerical evidence* entry is, as its label says, the solver's number as stored.

>>> from pep.cli.sweep import PointSpec
>>> point_key(PointSpec.make("gd", 2)) == point_key(PointSpec.make("gd", 2))
True
>>> point_key(PointSpec.make("gd", 2)) == point_key(PointSpec.make("gd", 3))
False
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import math
import os
import platform
import time
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pep.files import read_regular_text, write_text_atomic

__all__ = ["Cache", "CACHE_FORMAT", "VALUE_RTOL", "code_fingerprint", "point_key"]

CACHE_FORMAT = 2
#: a verified record's value must lie within this relative distance of its certified bound
VALUE_RTOL = 1e-4
_DISTRIBUTIONS = ("cvxpy", "numpy", "scipy", "python-flint")
# labels a record may carry without a certificate (pep.sdp.result.Result.label)
_UNVERIFIED_LABELS = frozenset(
    prefix + kind
    for prefix in ("", "upper bound (relaxed class); ")
    for kind in ("numerical evidence", "inaccurate solve (not a bound)")
)
_FIELDS: Mapping[str, Any] = {
    "key": str,
    "algorithm": str,
    "N": int,
    "params": dict,
    "solver": str,
    "status": str,
    "label": str,
    "value": (float, int, type(None)),
}


@functools.lru_cache(maxsize=4)
def _fingerprint(root: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(root).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_fingerprint() -> str:
    """SHA-256 of the source of every ``pep/**/*.py`` module (paths and contents)."""
    import pep

    return _fingerprint(str(Path(pep.__file__).resolve().parent))


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _versions(solver: str) -> dict[str, str]:
    from pep.sdp.solvers import SOLVERS

    out = {d: _version(d) for d in _DISTRIBUTIONS}
    if solver == "AUTO":  # the strategy may use either solver
        out["solver"] = f"clarabel {_version('clarabel')}, scs {_version('scs')}"
    else:
        name = SOLVERS.get(solver, ("", ""))[1] or solver.split("_")[0].lower()
        out["solver"] = _version(name)
    out["python"] = platform.python_version()
    return out


def point_key(spec: Any) -> str:
    """Hash of the point, the pep source code and the versions (see the module docstring)."""
    from pep import __version__
    from pep.cli.userfile import source_digest

    ident = {
        "cache_format": CACHE_FORMAT,
        "algorithm": spec.algorithm,
        "N": spec.N,
        "params": [list(p) for p in spec.params],
        "solver": spec.solver,
        "certify": spec.certify,
        "rtol": getattr(spec, "rtol", None),  # a looser tolerance may accept other values
        "pep_version": __version__,
        "code": code_fingerprint(),
        "user_file_sha256": source_digest(spec.algorithm),  # an edited user file is re-solved
        "versions": _versions(spec.solver),
    }
    blob = json.dumps(ident, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def _checksum(record: Mapping[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "checksum"}
    blob = json.dumps(body, sort_keys=True, allow_nan=False).encode()
    return hashlib.sha256(blob).hexdigest()


class Cache:
    """One JSON file per point under ``root/<algorithm>/<key>.json`` (module docstring)."""

    def __init__(self, root: str | os.PathLike[str] | None = None):
        from pep.cli.sweep import default_cache_dir

        self.root = Path(root) if root is not None else default_cache_dir()

    def path(self, spec: Any) -> Path:
        from pep.cli.userfile import is_user_file, table_stem

        # a user's FILE.py[:NAME] is a path: its points live under "user-<stem>"
        user = is_user_file(spec.algorithm)
        folder = f"user-{table_stem(spec.algorithm)}" if user else spec.algorithm
        return self.root / folder / f"{spec.key()}.json"

    def load(self, spec: Any) -> dict[str, Any] | None:
        """The cached record, or None when missing, malformed, edited, for another point, or
        labelled verified without a certificate that checks now. A special file (FIFO,
        device, symlink, directory) at the entry's path raises
        :class:`pep.files.OutputPathError`."""
        text = read_regular_text(self.path(spec))
        if text is None:
            return None
        try:
            record = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            return None
        if not _well_formed(record, spec):
            return None
        body = {k: v for k, v in record.items() if k != "checksum"}
        return body if _trustworthy(body, spec) else None

    def remove_stale(self, algorithm: str, max_age: float = 600.0) -> int:
        """Delete temporary files older than ``max_age`` seconds left in ``algorithm``'s
        directory by a killed writer (never a finished point); returns how many."""
        removed, now = 0, time.time()
        for tmp in (self.root / algorithm).glob(".*.tmp"):
            try:
                if now - tmp.stat().st_mtime > max_age:
                    tmp.unlink()
                    removed += 1
            except OSError:  # another sweep removed or replaced it first
                continue
        return removed

    def store(self, spec: Any, record: Mapping[str, Any]) -> None:
        """Write ``record`` with its checksum (atomically; see :mod:`pep.files`)."""
        body = {k: v for k, v in record.items() if k != "checksum"}
        text = json.dumps({**body, "checksum": _checksum(body)}, sort_keys=True, indent=1)
        write_text_atomic(self.path(spec), text + "\n")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-finite number {name}")


def _well_formed(record: Any, spec: Any) -> bool:
    """Fields present with the right types, for this point, and the checksum matches."""
    if not isinstance(record, dict) or not isinstance(record.get("checksum"), str):
        return False
    for name, kind in _FIELDS.items():
        if not isinstance(record.get(name), kind) or isinstance(record.get(name), bool):
            return False
    if (
        record["key"] != spec.key()
        or record["algorithm"] != spec.algorithm
        or record["N"] != spec.N
        or record["params"] != dict(spec.params)
        or record["solver"] != spec.solver
    ):
        return False
    value = record["value"]
    if value is not None and not math.isfinite(value):
        return False
    from pep.sdp.solvers.base import Status

    if record["status"] not in {s.value for s in Status}:
        return False
    try:
        return record["checksum"] == _checksum(record)
    except (TypeError, ValueError):
        return False


def _trustworthy(record: dict[str, Any], spec: Any) -> bool:
    """An unverified label as Result gives it, or a verified one whose certificate checks."""
    label = record["label"]
    if label in _UNVERIFIED_LABELS:
        return record.get("exact_bound") is None
    if label not in {"verified", "upper bound (relaxed class); verified"}:
        return False
    try:
        return _reverified(record, spec)
    except Exception:  # anything wrong with a stored certificate means: recompute the point
        return False


def _reverified(record: dict[str, Any], spec: Any) -> bool:
    """The stored certificate passes the independent checker *as a proof about the problem
    this code builds for* ``spec`` (:mod:`pep.certificates.verify` with the expected
    statement: classes, parameters, records, assumptions, objectives), and its bound agrees
    with the record's exact bound and value."""
    doc = record.get("certificate")
    if not isinstance(doc, dict):
        return False
    from pep.certificates import verify
    from pep.certificates.jsonformat import statement_document
    from pep.cli.userfile import resolve_algorithm

    problem = resolve_algorithm(spec.algorithm).setting(spec.N, **spec.values())
    try:
        if verify.check(doc, expect=statement_document(problem)):
            return False
    except verify.MalformedCertificate:
        return False
    bound = Fraction(doc["statement"]["bound"])
    if record.get("exact_bound") != str(bound) or record["value"] is None:
        return False
    return abs(Fraction(record["value"]) - bound) <= VALUE_RTOL * max(
        abs(bound), Fraction(1, 10**12)
    )
