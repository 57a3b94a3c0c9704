r"""Check a claimed rate against the PEP of a user's method, one N at a time.

The user's file defines a function ``setting(N, **params)`` (any name; ``setting`` is the
default) that builds and returns a :class:`pep.Problem` for ``N`` iterations; parameters
are keyword arguments, and those with defaults may be overridden from the command line. A
claim is an expression in ``N`` and those parameter names (see :mod:`pep.cli.claims`).

Verdict per N:

* ``verified`` -- an exact rational certificate proves ``worst case <= claim``
  (:meth:`pep.Certificate.rationalize` with ``bound=``; only when that module is available
  and the check passes);
* ``holds numerically`` -- the solver's worst case is at most the claim up to ``tol``
  (relative, on ``max(1, |claim|)``), but no exact certificate was obtained;
* ``refuted`` -- the primal value, attained by a feasible worst-case instance (up to solver
  accuracy), exceeds the claim by more than ``tol``; the low-dimensional instance is kept;
* ``failed`` -- the solve failed; nothing is concluded.

>>> import pep
>>> from pep.cli.claims import parse_claim
>>> def setting(N, L=1):
...     problem = pep.Problem()
...     f = problem.function(pep.SmoothConvex(L=L))
...     x, xs = problem.point("x0"), f.minimizer()
...     problem.assume(pep.sqnorm(x - xs) <= 1)
...     for _ in range(N):
...         x = x - f.grad(x) / L
...     problem.maximize(f(x) - f(xs))
...     return problem
>>> check_point(setting, 2, {"L": 1}, parse_claim("L/(4*N)", {"N", "L"})).verdict in (
...     "verified", "holds numerically")
True
>>> check_point(setting, 2, {"L": 1}, parse_claim("L/(8*N)", {"N", "L"})).verdict
'refuted'
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import inspect
import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from pep.cli.claims import Claim, as_exact
from pep.errors import CertificateError, InvalidArgument, PepError
from pep.model import coefficients as C

__all__ = ["Verdict", "UserFileError", "load_setting", "setting_parameters", "check_point"]

DEFAULT_NAME = "setting"
DEFAULT_TOL = 1e-6


class UserFileError(InvalidArgument):
    """The user's file is missing, fails to import, or lacks the named function."""


@dataclass(frozen=True)
class Verdict:
    """The outcome for one N (``claim`` is exact: Fraction or sympy)."""

    N: int
    verdict: str
    value: float | None
    primal_value: float | None
    claim: Any
    detail: str = ""
    worst_case: Any = None

    @property
    def ok(self) -> bool:
        return self.verdict in ("verified", "holds numerically")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the claim as exact text and as a float, the example's coordinates."""
        out: dict[str, Any] = {
            "N": self.N,
            "verdict": self.verdict,
            "value": self.value,
            "primal_value": self.primal_value,
            "claim": str(self.claim),
            "claim_float": float(self.claim),
            "detail": self.detail,
        }
        if self.worst_case is not None:
            wc = self.worst_case
            out["worst_case"] = {
                "dimension": wc.dimension,
                "points": {k: [float(c) for c in p] for k, p in wc.points.items()},
                "values": dict(wc.values),
            }
        return out


def load_setting(target: str) -> tuple[Callable[..., Any], str]:
    """``"path/file.py[:NAME]"`` -> (the function, its name). The file is imported as a
    module (it is the user's own code); nothing else is executed."""
    path_text, name = target, DEFAULT_NAME
    head, sep, tail = target.rpartition(":")
    if sep and tail.isidentifier():
        path_text, name = head, tail
    path = Path(path_text)
    if not path.is_file():
        raise UserFileError(f"file {path_text!r} does not exist; pass FILE.py[:NAME]")
    module_name = "pep_user_" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise UserFileError(f"file {path_text!r} is not a Python module; pass a .py file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise UserFileError(f"importing {path_text!r} failed: {type(exc).__name__}: {exc}") from exc
    fn = getattr(module, name, None)
    if not callable(fn):
        found = [k for k, v in vars(module).items() if callable(v) and not k.startswith("_")]
        close = difflib.get_close_matches(name, found, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UserFileError(
            f"{path_text!r} defines no function {name!r}{hint} Define {name}(N, **params) "
            "returning a pep.Problem, or pass FILE.py:NAME"
        )
    return fn, name


def setting_parameters(fn: Callable[..., Any]) -> dict[str, Any]:
    """Parameters of ``fn(N, **params)`` after N, with their defaults (``inspect._empty``
    marks a parameter without default)."""
    params = list(inspect.signature(fn).parameters.values())
    if not params or params[0].name != "N":
        raise UserFileError(
            f"{getattr(fn, '__name__', fn)!r} must take N as its first parameter: "
            "def setting(N, L=1, ...) -> pep.Problem"
        )
    return {
        p.name: p.default for p in params[1:] if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    }


def resolve_parameters(fn: Callable[..., Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults of ``fn`` updated with ``given`` (exact values); unknown or missing raise."""
    known = setting_parameters(fn)
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidArgument(
            f"unknown parameter(s) {unknown}; {fn.__name__} takes {sorted(known)}"
        )
    out = {k: C.coerce(as_exact(v, k)) for k, v in given.items()}
    for k, default in known.items():
        if k not in out:
            if default is inspect.Parameter.empty:
                raise InvalidArgument(f"parameter {k!r} has no default; pass --param {k}=VALUE")
            out[k] = default
    return out


def check_point(
    fn: Callable[..., Any],
    N: int,
    params: Mapping[str, Any],
    claim: Claim,
    *,
    solver: str = "auto",
    tol: float = DEFAULT_TOL,
    exact: bool = True,
    rtol: float = 1e-6,
) -> Verdict:
    """Solve ``fn(N, **params)`` and compare its worst case with ``claim`` at this N
    (``rtol``: the largest relative error estimate of a value taken as a bound)."""
    from pep.model.problem import Problem

    bound = claim.evaluate(N=N, **params)
    try:
        problem = fn(N, **params)
    except PepError:
        raise
    except Exception as exc:  # the user's code: report it as a usage error, with its message
        raise UserFileError(f"{fn.__name__}(N={N}) raised {type(exc).__name__}: {exc}") from exc
    if not isinstance(problem, Problem):
        raise UserFileError(
            f"{fn.__name__}(N={N}) returned {type(problem).__name__}, not a pep.Problem"
        )
    try:
        result = problem.solve(solver, rtol=rtol)
    except PepError as exc:
        return Verdict(N, "failed", None, None, bound, f"{type(exc).__name__}: {exc}")
    fb = float(bound)
    slack = tol * max(1.0, abs(fb))
    if result.primal_value > fb + slack:
        low = problem.solve(solver, dimension_reduction="trace", accept_inaccurate=True, rtol=rtol)
        detail = f"worst case {result.primal_value:.9g} exceeds the claim {fb:.9g}"
        return Verdict(
            N, "refuted", result.value, result.primal_value, bound, detail, low.worst_case()
        )
    if exact and result.value <= fb + slack:
        proved = _exact_check(result, bound)
        if proved is None:
            return Verdict(
                N, "verified", result.value, result.primal_value, bound, "exact certificate"
            )
        detail = proved
    else:
        detail = "the dual bound exceeds the claim within the tolerance; no certificate"
    return Verdict(N, "holds numerically", result.value, result.primal_value, bound, detail)


def _exact_check(result: Any, bound: Any) -> str | None:
    """None when an exact certificate proves ``value <= bound``; otherwise the reason.

    First the claim itself is certified (when rational); then a relaxed certificate of a bound
    between the value and the claim is built and its exact bound compared with the claim.
    """
    if not hasattr(result, "certify"):
        return "exact certificates are not available in this build"
    reasons = []
    target = _rational_at_most(bound)
    if target is not None:
        try:
            result.certify(bound=target, margin=False)
            return None
        except CertificateError as exc:
            reasons.append(f"certificate of the claim itself: {exc}")
    value = result.value
    if value > 0 and float(bound) > value * (1 + 1e-9):
        slack = min(0.5 * (float(bound) / value - 1), 1e-2)
        try:
            exact = result.certify(slack=slack).exact_certificate
            if _at_most(exact.bound, bound):
                return None
            reasons.append(f"relaxed certificate proves only {exact.bound}")
        except CertificateError as exc:
            reasons.append(f"relaxed certificate: {exc}")
    return "; ".join(reasons) or "the claim is not rational and equals the value numerically"


def _at_most(a: Fraction, b: Any) -> bool:
    """Exact ``a <= b`` for a Fraction and a Fraction or sympy number."""
    if isinstance(b, Fraction):
        return a <= b
    import sympy

    return bool(sympy.Rational(a.numerator, a.denominator) <= b)


def _rational_at_most(bound: Any) -> Fraction | None:
    """``bound`` itself when rational; else a rational just below it (a certificate of a
    smaller bound proves the claim too)."""
    if isinstance(bound, Fraction):
        return bound
    value = float(bound)
    if not math.isfinite(value):
        return None
    # 12 significant digits below the irrational value; checked exactly with sympy
    scale = 10 ** (11 - math.floor(math.log10(abs(value)))) if value else 10**12
    candidate = Fraction(math.floor(value * scale) - 1, scale)
    import sympy

    below = sympy.Rational(candidate.numerator, candidate.denominator) <= bound
    return candidate if bool(below) else None
