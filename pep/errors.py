"""Errors raised by :mod:`pep`.

Every error a user can trigger is a :class:`PepError`; the subclass says which stage
refused the input, and the message says what was wrong, the offending value and the fix.
Message templates are module constants so tests can match them (as cvxpy does).
"""

from __future__ import annotations

__all__ = [
    "PepError",
    "InvalidArgument",
    "MixedProblemsError",
    "NonlinearExpressionError",
    "StrictInequalityError",
    "ConstraintTruthError",
    "NoObjectiveError",
    "UnboundedProblem",
    "InfeasibleProblem",
    "SolverError",
    "SolverNotInstalled",
    "InaccurateSolve",
    "CertificateError",
    "SymbolicCoefficientError",
    "NoKnownRate",
    "ProblemTooLarge",
]


class PepError(Exception):
    """Base class of every error raised on bad input or a failed stage."""


class InvalidArgument(PepError, ValueError):
    """A parameter has a wrong type or value (``name=value`` is in the message)."""


class MixedProblemsError(InvalidArgument):
    """Objects of two different :class:`pep.Problem` instances were combined."""


class NonlinearExpressionError(PepError, TypeError):
    """An operation would leave the linear/Gram algebra (e.g. Scalar * Scalar)."""


class StrictInequalityError(PepError, TypeError):
    """``<`` or ``>`` was used; PEP constraints are non-strict."""


class ConstraintTruthError(PepError, TypeError):
    """A constraint was used as a bool (e.g. ``0 <= a <= 1`` or ``c in list``)."""


class NoObjectiveError(PepError):
    """``solve``/``compile`` was called before ``maximize``."""


class UnboundedProblem(PepError):
    """The worst case is +infinity: usually an initial condition is missing."""


class InfeasibleProblem(PepError):
    """The constraints admit no point: the assumptions contradict each other."""


class SolverError(PepError):
    """The solver failed or returned a status that is not a bound."""


class SolverNotInstalled(SolverError):
    """The requested solver is not installed; the message names the extra to install."""


class InaccurateSolve(SolverError):
    """The estimated error of the value exceeds the tolerance; it is not reported as a bound.

    ``estimate`` is the :class:`pep.sdp.accuracy.ErrorEstimate` of the best solve (or None),
    ``attempts`` the :class:`pep.sdp.result.Attempt` records of the strategy that gave up."""

    def __init__(self, message: str, *, estimate: object = None, attempts: tuple = ()) -> None:
        super().__init__(message)
        self.estimate = estimate
        self.attempts = tuple(attempts)


class CertificateError(PepError):
    """A certificate could not be built, rationalized or verified (the step is named).

    ``details`` keeps what each attempt reported (long: pivots, residuals); the message
    itself stays one readable sentence. ``pep ... -v`` shows the details.
    """

    def __init__(self, message: str = "", *, details: str = ""):
        super().__init__(message)
        self.details = details


class SymbolicCoefficientError(PepError, TypeError):
    """A symbolic coefficient reached a numeric stage (compile/solve)."""


class NoKnownRate(PepError):
    """``rate()`` of an algorithm for which no closed-form bound is registered (solve its PEP)."""


class ProblemTooLarge(PepError):
    """The PEP would exceed the size limits (memory, time): refused before any heavy work.

    The message gives the estimate (rows, nonzeros, memory, time), the limits and how to
    change them, and the ways forward (relaxation, closed-form certificate, smaller N).
    """


STRICT_MSG = (
    "strict inequalities '<' and '>' are not constraints in a PEP; use '<=' or '>=' "
    "(the worst case over a closed set is the same)"
)
TRUTH_MSG = (
    "a pep.Constraint has no truth value; chained comparisons such as '0 <= a <= 1' and "
    "membership tests silently drop constraints. Write two constraints: "
    "problem.assume(a >= 0); problem.assume(a <= 1)"
)
NONLINEAR_MSG = (
    "{op} between {left} and {right} is not linear in the Gram matrix and function values; "
    "use the inner product p @ q of two Points"
)
MIXED_MSG = (
    "{what} belongs to a different pep.Problem; every point, function and constraint must "
    "come from the same problem (build each problem with its own points)"
)
NO_OBJECTIVE_MSG = (
    "the problem has no objective; call problem.maximize(expr) with a performance measure "
    "such as f(x) - f(xs) before solving"
)
UNBOUNDED_MSG = (
    "the worst case is unbounded{detail}. Add an initial condition, e.g. "
    "problem.assume(pep.sqnorm(x0 - xs) <= 1) or problem.assume(f(x0) - f(xs) <= 1)"
)
POWER_MSG = (
    "{what} ** {exponent!r} is not defined in a PEP (a Point has no square, a Scalar is linear in "
    "the Gram matrix); for the squared norm write pep.sqnorm(x) or x @ x"
)
SCALE_MSG = (
    "{op} needs a coefficient c > 0, got c={c!r}: the class conditions of {name} describe {name} "
    "itself, and a multiple c*{name} with c <= 0 is concave (or zero), outside the class. For a "
    "difference of convex functions write f - g"
)
