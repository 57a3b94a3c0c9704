"""Sweeps of named algorithms over N and parameter grids, with a crash-safe on-disk cache.

A *point* is one PEP: (algorithm, N, parameters, solver). Its result is a plain JSON record
(value, status, label, known rate, ratio, top multipliers, timings; the exact certificate
of a verified point) stored in one file per point, named by a hash of the point, the pep
source code and the library versions, and checked on every load (:mod:`pep.cli.cache`: an
edited or malformed file is recomputed; a verified point is re-proved). Files are written
atomically (write a temporary file in the same directory, ``fsync``, then
``os.replace``), so a sweep killed at any moment -- SIGKILL included -- leaves every finished
point readable and no half-written file under a cache name; the rerun loads those points and
computes only the rest. Failed points are not cached (a rerun retries them).

Cache directory: ``$PEP_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/pep``, else
``~/.cache/pep`` (see :func:`default_cache_dir`).

Points run serially, in ``workers`` local processes, or on a Dask distributed cluster
(``scheduler="tcp://host:8786"``; needs the optional extra ``pep-toolkit[dask]``).

>>> import tempfile
>>> spec = PointSpec.make("gd", 2, {"h": "1/2"})
>>> spec.params
(('L', '1'), ('R', '1'), ('h', '1/2'))
>>> with tempfile.TemporaryDirectory() as d:
...     first = run_sweep([spec], cache=Cache(d))
...     again = run_sweep([spec], cache=Cache(d))
>>> round(first[0]["value"], 6), first[0]["rate_exact"], again[0] == first[0]
(0.166667, '1/6', True)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from pep.cli.cache import Cache
from pep.cli.claims import as_exact
from pep.errors import InvalidArgument, PepError, ProblemTooLarge, SolverNotInstalled
from pep.files import write_text_atomic
from pep.model import coefficients as C

__all__ = [
    "PointSpec",
    "Cache",
    "SweepEvent",
    "SweepError",
    "compute_point",
    "run_sweep",
    "default_cache_dir",
    "atomic_write_text",
    "exact_text",
    "parse_N",
]

TOP_MULTIPLIERS = 5


class SweepError(PepError):
    """A sweep could not run (e.g. the Dask extra is missing or the scheduler is unreachable)."""


def exact_text(value: Any) -> str:
    """Canonical text of an exact parameter value: ``"1/2"``, ``"3"``."""
    v = as_exact(value)
    return str(C.coerce(v)) if isinstance(v, Fraction) else str(v)


@dataclass(frozen=True, order=True)
class PointSpec:
    """One point of a sweep. ``params`` are all parameters, sorted, as exact texts."""

    algorithm: str
    N: int
    params: tuple[tuple[str, str], ...] = ()
    solver: str = "AUTO"
    certify: bool = False
    rtol: float = 1e-6

    @classmethod
    def make(
        cls,
        algorithm: str,
        N: int,
        params: Mapping[str, Any] | None = None,
        solver: str = "auto",
        certify: bool = False,
        rtol: float = 1e-6,
    ) -> PointSpec:
        """Resolve defaults and validate names (unknown algorithm or parameter raises)."""
        from pep.cli.userfile import resolve_algorithm
        from pep.sdp.solvers import check_rtol, check_solver_name

        alg = resolve_algorithm(algorithm)
        given = {k: exact_text(v) for k, v in (params or {}).items()}
        full = alg.params(**given)
        items = tuple(sorted((k, str(v)) for k, v in full.items()))
        name = check_solver_name(solver)  # an unknown solver is a usage error (exit 2)
        return cls(algorithm, int(N), items, name, bool(certify), check_rtol(rtol))

    def values(self) -> dict[str, Any]:
        """Parameters as exact numbers (int or Fraction), ready for ``setting``/``rate``."""
        return {k: C.coerce(as_exact(v, k)) for k, v in self.params}

    def key(self) -> str:
        """Hash of everything that determines the result: the point, the source of the pep
        package, solver and library versions (:func:`pep.cli.cache.point_key`)."""
        from pep.cli.cache import point_key

        return point_key(self)


def parse_N(text: str) -> list[int]:
    """``"10"``, ``"1:40"`` (inclusive), ``"1:40:3"`` or ``"1,2,5"`` -> list of N >= 1."""
    try:
        if ":" in text:
            parts = [int(p) for p in text.split(":")]
            if len(parts) not in (2, 3):
                raise ValueError
            step = parts[2] if len(parts) == 3 else 1
            out = list(range(parts[0], parts[1] + 1, step))
        else:
            out = [int(p) for p in text.split(",")]
    except ValueError:
        raise InvalidArgument(
            f"--N {text!r} is not a range; write e.g. 10, 1:40, 1:40:2 or 1,2,5"
        ) from None
    if not out or min(out) < 1:
        raise InvalidArgument(f"--N {text!r} must give integers >= 1")
    return out


def default_cache_dir() -> Path:
    """``$PEP_CACHE_DIR``, else ``$XDG_CACHE_HOME/pep``, else ``~/.cache/pep``."""
    if os.environ.get("PEP_CACHE_DIR"):
        return Path(os.environ["PEP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "pep"


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a
    partial one; a path that exists and is not a regular file is refused
    (:func:`pep.files.write_text_atomic`)."""
    write_text_atomic(path, text)


def compute_point(spec: PointSpec, keep_certificate: bool = False) -> dict[str, Any]:
    """Solve one point and return its JSON-ready record (never raises on a solver failure:
    the record then has ``status="error"`` and the message). With ``keep_certificate`` and a
    verified result (always when ``spec.certify``: the cache re-checks it on load),
    ``record["certificate"]`` is the exact certificate's JSON document."""
    from pep import __version__
    from pep.cli.userfile import resolve_algorithm

    alg = resolve_algorithm(spec.algorithm)
    params = spec.values()
    rate = known_rate(alg, spec.N, params)
    record: dict[str, Any] = {
        "key": spec.key(),
        "algorithm": spec.algorithm,
        "N": spec.N,
        "params": dict(spec.params),
        "solver": spec.solver,
        "pep_version": __version__,
        "rate": float(rate.value) if rate is not None else None,
        "rate_exact": str(rate.value) if rate is not None and C.is_exact(rate.value) else None,
        "rate_formula": rate.formula if rate is not None else None,
        "measure": f"{rate.measure} / {rate.initial}" if rate is not None else None,
        "tight": rate.tight if rate is not None else None,
    }
    start = time.perf_counter()
    try:
        result = alg.setting(spec.N, **params).solve(spec.solver, rtol=spec.rtol)
        if spec.certify:
            result = _certified(result, record)
    except (SolverNotInstalled, ProblemTooLarge):
        # a configuration error or a point beyond the machine (said before any solve), not a
        # failed point: the command stops with the message
        raise
    except PepError as exc:
        record.update(status="error", error=f"{type(exc).__name__}: {exc}", value=None)
        record.update(label="failed", ratio=None, time=time.perf_counter() - start)
        estimate = getattr(exc, "estimate", None)
        record.update(
            relative_error=getattr(estimate, "relative", None),
            attempts=[a.as_dict() for a in getattr(exc, "attempts", ())],
        )
        return record
    top = sorted(result.multipliers.items(), key=lambda kv: -abs(kv[1]))[:TOP_MULTIPLIERS]
    record.update(
        status=result.status.value,
        value=result.value,
        primal_value=result.primal_value,
        label=result.label,
        ratio=result.value / record["rate"] if record["rate"] else None,
        exact_bound=str(result.exact_certificate.bound) if result.verified else None,
        certificate=result.exact_certificate.to_dict()
        if (keep_certificate or spec.certify) and result.verified
        else None,
        multipliers=[[name, value] for name, value in top],
        solver_version=result.solution.solver_version,
        error_estimate=_finite(result.error_estimate),
        relative_error=_finite(result.relative_error),
        rtol=result.rtol,
        path=result.path,
        attempts=[a.as_dict() for a in result.attempts],
        time=time.perf_counter() - start,
    )
    return record


def _finite(x: float) -> float | None:
    """``x``, or None when it is not finite (JSON has no inf/nan)."""
    return float(x) if x == x and abs(x) != float("inf") else None


def known_rate(alg: Any, N: int, params: Mapping[str, Any]) -> Any:
    """``alg.rate(N, **params)``, or None when no closed form is registered."""
    from pep.errors import NoKnownRate

    try:
        return alg.rate(N, **params)
    except NoKnownRate:
        return None


def _certified(result: Any, record: dict[str, Any]) -> Any:
    """The verified result when an exact certificate checks; else the result, with the reason."""
    from pep.errors import CertificateError

    try:
        return result.certify()
    except CertificateError as exc:
        record["certificate_error"] = str(exc)
        if exc.details:
            record["certificate_details"] = exc.details
        return result


@dataclass(frozen=True)
class SweepEvent:
    """Progress of a sweep: point ``done`` of ``total`` finished (from the cache or solved)."""

    done: int
    total: int
    spec: PointSpec
    record: Mapping[str, Any]
    cached: bool


def run_sweep(
    specs: Sequence[PointSpec],
    *,
    cache: Cache | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[SweepEvent], None] | None = None,
) -> list[dict[str, Any]]:
    """Records of ``specs`` in their order; cached points are loaded, the others solved and
    stored as soon as each finishes."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidArgument(f"workers={workers!r} must be an integer >= 1")
    records: list[dict[str, Any] | None] = [None] * len(specs)
    done = 0

    def finish(i: int, record: dict[str, Any], cached: bool) -> None:
        nonlocal done
        records[i] = record
        done += 1
        if progress is not None:
            progress(SweepEvent(done, len(specs), specs[i], record, cached))

    if cache is not None:
        for algorithm in {s.algorithm for s in specs}:
            cache.remove_stale(algorithm)
    todo: list[int] = []
    for i, spec in enumerate(specs):
        hit = cache.load(spec) if cache is not None else None
        if hit is not None:
            finish(i, hit, True)
        else:
            todo.append(i)
    for i, record in _execute(specs, todo, workers, scheduler):
        if cache is not None and record["status"] != "error":
            cache.store(specs[i], record)
        finish(i, record, False)
    return [r for r in records if r is not None]


def _execute(
    specs: Sequence[PointSpec], todo: list[int], workers: int, scheduler: str | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    if not todo:
        return
    if scheduler is not None:
        yield from _execute_dask(specs, todo, scheduler)
    elif workers == 1 or len(todo) == 1:
        for i in todo:
            yield i, compute_point(specs[i])
    else:
        yield from _execute_processes(specs, todo, workers)


def _execute_processes(
    specs: Sequence[PointSpec], todo: list[int], workers: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn, not fork: the parent may hold solver threads, and fork after threads can deadlock
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=ctx) as pool:
        futures = {pool.submit(compute_point, specs[i]): i for i in todo}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()


def _execute_dask(
    specs: Sequence[PointSpec], todo: list[int], scheduler: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SweepError(
            f"scheduler={scheduler!r} needs Dask distributed, which is not installed; "
            "pip install 'pep-toolkit[dask]' (or drop --scheduler to run locally)"
        ) from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SweepError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
    try:
        futures = {client.submit(compute_point, specs[i], pure=False): i for i in todo}
        for fut in as_completed(list(futures)):
            yield futures[fut], fut.result()
    finally:
        client.close()
