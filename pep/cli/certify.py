r"""Check a claimed rate against the PEP of a user's method, one N at a time.

The user's file defines a function ``setting(N, **params)`` (any name; ``setting`` is the
default) that builds and returns a :class:`pep.Problem` for ``N`` iterations; parameters
are keyword arguments, and those with defaults may be overridden from the command line. A
claim is an expression in ``N`` and those parameter names (see :mod:`pep.cli.claims`).

Verdict per N (the claim :math:`c` is exact: literals are read from their text, see
:mod:`pep.cli.claims`; every comparison with it below is exact, see :mod:`pep.cli.intervals`):

* ``verified`` -- an exact rational certificate proves ``worst case <= claim``: its bound
  :math:`B` satisfies :math:`B \le c` exactly (:meth:`pep.Result.certify`, checked in rational
  arithmetic). No tolerance is involved.
* ``refuted`` -- either *exactly*: a rational worst-case instance, checked constraint by
  constraint (:mod:`pep.certificates.instance`; only for exactly interpolable classes),
  attains a value :math:`b > c`; or *numerically*: the solver's primal value (attained by a
  feasible instance up to solver accuracy) exceeds :math:`c + \text{slack}`. The
  low-dimensional instance is kept.
* ``holds numerically`` -- no exact certificate was found, and the solver's dual value is at
  most :math:`c + \text{slack}`.
* ``failed`` -- the solve failed, or its primal and dual values straddle the claim by more
  than the slack; nothing is concluded.

The exact attempts come first (unless ``exact=False``): a proof either way outranks the
solver's numbers.

The tolerance is *relative*: :math:`\text{slack} = \text{tol}\cdot\max(|c|, 10^{-12})`
(``tol`` finite and :math:`\ge 0`, default :data:`DEFAULT_TOL`; for an irrational claim
:math:`|c|` is rounded up at 64 bits). A claim within the slack of the true worst case but
below it is refuted only exactly; otherwise it "holds numerically", which is not a proof.

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

The worst case at N = 2 is exactly 1/10 (Drori and Teboulle 2014); a claim 1e-20 below it is
within any tolerance of the solver's value, and refuted by an exact instance:

>>> v = check_point(setting, 2, {"L": 1}, parse_claim("0.09999999999999999999", {"N", "L"}))
>>> v.verdict, v.exact_lower_bound
('refuted', Fraction(1, 10))
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

from pep.cli.certify_exact import exact_check, exact_refutation
from pep.cli.claims import Claim, as_exact, decimal_fraction
from pep.cli.intervals import approximate, compare, enclose
from pep.errors import InvalidArgument, PepError
from pep.model import coefficients as C

__all__ = [
    "Verdict",
    "UserFileError",
    "load_setting",
    "setting_parameters",
    "check_point",
    "tolerance",
    "evaluate_claim",
]

DEFAULT_NAME = "setting"
DEFAULT_TOL = 1e-6
#: the relative tolerance applies to max(|claim|, TOL_FLOOR): a claim of 0 gets slack tol * 1e-12
TOL_FLOOR = Fraction(1, 10**12)


class UserFileError(InvalidArgument):
    """The user's file is missing, fails to import, or lacks the named function."""


def user_line(exc: BaseException, fn: Any) -> str:
    """`` at FILE:LINE (source)`` of the innermost traceback frame in ``fn``'s own file: the
    line of the user's code that raised, not a line of pep. Empty when there is none."""
    import traceback

    path = getattr(getattr(fn, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    if not frames:
        return ""
    last = frames[-1]
    return f" at {Path(last.filename).name}:{last.lineno} ({(last.line or '').strip()})"


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
    exact_lower_bound: Fraction | None = None  # value of an exactly checked instance
    certificate: Any = None  # the ExactCertificate behind "verified" (not in as_dict)

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
            "claim_float": approximate(self.claim),
            "detail": self.detail,
        }
        if self.exact_lower_bound is not None:
            out["exact_lower_bound"] = str(self.exact_lower_bound)
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


def tolerance(tol: Any) -> Fraction:
    """``tol`` as an exact Fraction after validation: a finite real number >= 0.

    >>> tolerance(1e-6) == Fraction(1e-6), tolerance("0")
    (True, Fraction(0, 1))
    """
    message = (
        f"tol={tol!r} must be a finite number >= 0: the relative tolerance in "
        "value <= claim + tol * max(|claim|, 1e-12); e.g. --tol 1e-6"
    )
    if isinstance(tol, str):
        try:
            tol = decimal_fraction(tol, "tol")
        except InvalidArgument:
            raise InvalidArgument(message) from None
    if isinstance(tol, bool) or not isinstance(tol, (int, float, Fraction)):
        raise InvalidArgument(message)
    if (isinstance(tol, float) and not math.isfinite(tol)) or tol < 0:
        raise InvalidArgument(message)
    return Fraction(tol)


def evaluate_claim(claim: Claim, Ns: list[int], params: Mapping[str, Any]) -> list[Any]:
    """The claim's exact value at every N, before anything is solved: a claim that is not a
    finite real number at some N raises :class:`~pep.cli.claims.ClaimError` up front."""
    return [claim.evaluate(N=N, **params) for N in Ns]


def check_point(
    fn: Callable[..., Any],
    N: int,
    params: Mapping[str, Any],
    claim: Claim,
    *,
    solver: str = "auto",
    tol: Any = DEFAULT_TOL,
    exact: bool = True,
    rtol: float = 1e-6,
) -> Verdict:
    """Solve ``fn(N, **params)`` and compare its worst case with ``claim`` at this N (see the
    module docstring for the verdicts and the tolerance; ``rtol``: the largest relative error
    estimate of a value taken as a bound)."""
    tol_q = tolerance(tol)
    bound = claim.evaluate(N=N, **params)
    problem = _build(fn, N, params)
    try:
        result = problem.solve(solver, rtol=rtol)
    except PepError as exc:
        return Verdict(N, "failed", None, None, bound, f"{type(exc).__name__}: {exc}")
    slack = tol_q * max(_magnitude(bound), TOL_FLOOR)
    reasons: list[str] = []
    if exact:  # a proof either way outranks the solver's numbers
        verdict = _exact_verdict(problem, result, N, claim, bound, slack, solver, reasons)
        if verdict is not None:
            return verdict
    show = approximate(bound)
    if _exceeds(result.primal_value, bound, slack):
        detail = f"worst case {result.primal_value:.9g} exceeds the claim {show:.9g}"
        if exact:
            detail += " (numerically: " + reasons[-1] + ")"
        return _refuted(problem, solver, N, result, bound, detail)
    if _exceeds(result.value, bound, slack):
        detail = (
            f"the dual value {result.value:.9g} exceeds the claim {show:.9g} by more than the "
            f"tolerance but the primal value {result.primal_value:.9g} does not: nothing "
            "concluded"
        )
        return Verdict(N, "failed", result.value, result.primal_value, bound, detail)
    detail = "; ".join(reasons) or "no exact certificate attempted (--no-exact)"
    return Verdict(N, "holds numerically", result.value, result.primal_value, bound, detail)


def _exact_verdict(
    problem: Any,
    result: Any,
    N: int,
    claim: Claim,
    bound: Any,
    slack: Fraction,
    solver: str,
    reasons: list[str],
) -> Verdict | None:
    """``verified`` by an exact certificate, ``refuted`` by an exact instance, or None (with
    the reasons appended)."""
    proof, certificate = exact_check(result, bound, reasons)
    if proof is not None:
        return Verdict(
            N, "verified", result.value, result.primal_value, bound, "exact certificate",
            certificate=proof,
        )  # fmt: skip
    if compare(Fraction(result.primal_value) + slack, bound) == 1:
        reasons.append("no exact refutation: the claim is above the numeric worst case")
        return None  # the claim is clearly above the value: no instance can exceed it
    refuted = exact_refutation(result, bound, certificate)
    if isinstance(refuted, str):
        reasons.append(refuted)
        return None
    detail = (
        "an exact worst-case instance (checked in rational arithmetic) attains "
        f"{refuted} > the claim {_short(bound, claim)}"
    )
    return _refuted(problem, solver, N, result, bound, detail, refuted)


def _refuted(
    problem: Any,
    solver: str,
    N: int,
    result: Any,
    bound: Any,
    detail: str,
    exact_value: Fraction | None = None,
) -> Verdict:
    """The refuted verdict, with a low-dimensional worst-case example for display."""
    low = problem.solve(solver, dimension_reduction="trace", accept_inaccurate=True)
    return Verdict(
        N, "refuted", result.value, result.primal_value, bound, detail, low.worst_case(),
        exact_value,
    )  # fmt: skip


def _short(bound: Any, claim: Claim) -> str:
    text = str(bound)
    return text if len(text) <= 40 else f"{claim.text} (= {approximate(bound):.12g}...)"


def _build(fn: Callable[..., Any], N: int, params: Mapping[str, Any]) -> Any:
    from pep.model.problem import Problem

    try:
        problem = fn(N, **params)
    except PepError:
        raise
    except Exception as exc:  # the user's code: report it as a usage error, with its line
        raise UserFileError(
            f"{fn.__name__}(N={N}) raised {type(exc).__name__}: {exc}{user_line(exc, fn)}"
            " (--traceback shows the whole traceback)"
        ) from exc
    if not isinstance(problem, Problem):
        raise UserFileError(
            f"{fn.__name__}(N={N}) returned {type(problem).__name__}, not a pep.Problem"
        )
    return problem


def _magnitude(bound: Any) -> Fraction:
    """|bound|, rounded up (exact for a rational claim)."""
    box = enclose(bound)
    if box is None:  # pragma: no cover - evaluate() only returns enclosable values
        raise InvalidArgument(f"claim value {bound} cannot be bounded")
    return max(abs(box[0]), abs(box[1]))


def _exceeds(x: float, bound: Any, slack: Fraction) -> bool:
    """Exactly ``x > bound + slack`` (False when undecidable, i.e. equal to 1200 digits)."""
    if not math.isfinite(x):
        return False
    return compare(Fraction(x) - slack, bound) == -1
