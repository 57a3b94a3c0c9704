"""pep: performance estimation of first-order methods, with exact certificates.

>>> import pep
>>> problem = pep.Problem()
>>> f = problem.function(pep.SmoothConvex(L=1))
>>> x0, xs = problem.point("x0"), f.minimizer()
>>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
>>> problem.maximize(f(x0 - f.grad(x0)) - f(xs))
>>> result = problem.solve()
>>> round(result.value, 6), result.is_bound  # L R^2 / (4N + 2) with N = 1
(0.166667, True)
"""

from pep import algorithms  # noqa: E402  (registry only; methods load on first use)
from pep.algorithms.step_matrix import h_dual
from pep.certificates.certificate import Certificate, ExactCertificate
from pep.errors import (
    CertificateError,
    InfeasibleProblem,
    InvalidArgument,
    PepError,
    ProblemTooLarge,
    SolverError,
    UnboundedProblem,
)
from pep.functions import (
    BlockSmoothConvex,
    Convex,
    ConvexIndicator,
    ConvexLipschitz,
    ConvexQG,
    Lojasiewicz,
    RestrictedSecantErrorBound,
    Smooth,
    SmoothConvex,
    SmoothQuadraticLojasiewiczExpensive,
    SmoothStronglyConvex,
    SmoothStronglyConvexQuadratic,
    StronglyConvex,
)
from pep.model.algebra import Constraint, Point, Scalar, inner, sqnorm
from pep.model.bregman import bregman_gradient_step, bregman_proximal_step
from pep.model.combination import SumFunction, SumOperator
from pep.model.inexact import epsilon_subgradient_step, inexact_proximal_step
from pep.model.partition import BlockPartition
from pep.model.problem import Problem
from pep.model.steps import (
    exact_linesearch_step,
    inexact_gradient,
    linear_optimization_step,
    projection,
    proximal_step,
    resolvent,
    shifted_optimization_step,
)
from pep.operators import (
    Cocoercive,
    CocoerciveStronglyMonotoneExpensive,
    LinearOperator,
    Lipschitz,
    LipschitzMonotone,
    LipschitzStronglyMonotoneExpensive,
    Monotone,
    Nonexpansive,
    SkewSymmetricLinearOperator,
    SmoothConvexConcave,
    StronglyMonotone,
    SymmetricLinearOperator,
)
from pep.sdp.result import Result, WorstCase
from pep.sdp.solvers.base import Status

__version__ = "0.1.0"

__all__ = [
    "algorithms",
    "Problem",
    "Point",
    "Scalar",
    "Constraint",
    "sqnorm",
    "inner",
    "Result",
    "Certificate",
    "ExactCertificate",
    "WorstCase",
    "Status",
    "PepError",
    "InvalidArgument",
    "UnboundedProblem",
    "InfeasibleProblem",
    "SolverError",
    "ProblemTooLarge",
    "CertificateError",
    "SmoothConvex",
    "SmoothStronglyConvex",
    "Smooth",
    "Convex",
    "StronglyConvex",
    "ConvexLipschitz",
    "ConvexIndicator",
    "Monotone",
    "StronglyMonotone",
    "Cocoercive",
    "Lipschitz",
    "Nonexpansive",
    "LipschitzMonotone",
    "SmoothConvexConcave",
    "proximal_step",
    "projection",
    "resolvent",
    "inexact_gradient",
    "ConvexQG",
    "Lojasiewicz",
    "RestrictedSecantErrorBound",
    "BlockSmoothConvex",
    "BlockPartition",
    "SumFunction",
    "SumOperator",
    "exact_linesearch_step",
    "linear_optimization_step",
    "shifted_optimization_step",
    "bregman_gradient_step",
    "bregman_proximal_step",
    "inexact_proximal_step",
    "epsilon_subgradient_step",
    "h_dual",
    "SmoothStronglyConvexQuadratic",
    "LinearOperator",
    "SymmetricLinearOperator",
    "SkewSymmetricLinearOperator",
    "LipschitzStronglyMonotoneExpensive",
    "CocoerciveStronglyMonotoneExpensive",
    "SmoothQuadraticLojasiewiczExpensive",
]
