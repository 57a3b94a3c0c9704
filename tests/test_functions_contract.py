"""Contract tests for every function class: concrete members satisfy its conditions.

Each class states its interpolation conditions once, as slacks ``>= 0`` (see
:mod:`pep.model.oracles`). Here the same methods are evaluated on numpy records
``Record(x, g, f, label)`` sampled from concrete functions known to belong to the class
(quadratics with spectrum in [mu, L], Huber sums, scaled log-sum-exp, cosines, norms,
max-affine functions, indicators of balls, boxes and half-spaces with normal-cone elements).
Every slack must be nonnegative up to a relative tolerance. Each class also gets a concrete
function just outside it, which must violate some slack for some sample, so the test can fail.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
import pytest

import pep
import pep.functions as F
from pep.model.conditions import anchored, n_parts, pair_slacks, point_slacks
from pep.model.lmi import has_matrix_conditions
from pep.model.oracles import FunctionClass, Record

DIM = 4
SAMPLES = 12
REL_TOL = 1e-9

Oracle = Callable[[np.ndarray], tuple[np.ndarray, float]]


@dataclass(frozen=True)
class Member:
    """A concrete function: ``oracle(x) -> (subgradient, value)``, a sampler of points and, for
    classes defined relative to a minimizer, a minimizer (where the oracle's gradient is 0)."""

    name: str
    oracle: Oracle
    sample: Callable[[np.random.Generator], np.ndarray]
    minimizer: np.ndarray | None = None


def _gaussian(scale: float = 2.0) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.standard_normal(DIM) * scale


def _orthonormal(rng: np.random.Generator) -> np.ndarray:
    return np.linalg.qr(rng.standard_normal((DIM, DIM)))[0]


# -- concrete smooth functions ----------------------------------------------------------------
def quadratic(eigs: np.ndarray, rng: np.random.Generator) -> Oracle:
    """0.5 x'Qx + b'x + c with spectrum(Q) = eigs (an exact curvature range)."""
    U = _orthonormal(rng)
    Q = U @ np.diag(eigs) @ U.T
    b, c = rng.standard_normal(DIM), float(rng.standard_normal())
    return lambda x: (Q @ x + b, float(0.5 * x @ Q @ x + b @ x + c))


def huber_sum(lo: float, hi: float, rng: np.random.Generator) -> Oracle:
    """lo/2 ||x||^2 + (hi - lo) sum_i w_i huber(u_i'x): curvature in [lo, hi] (w_i <= 1)."""
    U, w, delta = _orthonormal(rng), rng.uniform(0.2, 1.0, DIM), rng.uniform(0.3, 2.0)

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        t = U.T @ x
        val = np.where(np.abs(t) <= delta, t * t / 2, delta * (np.abs(t) - delta / 2))
        der = np.clip(t, -delta, delta)
        return lo * x + (hi - lo) * U @ (w * der), float(
            lo / 2 * x @ x + (hi - lo) * np.sum(w * val)
        )

    return oracle


def log_sum_exp(lo: float, hi: float, rng: np.random.Generator) -> Oracle:
    """lo/2 ||x||^2 + (hi - lo) LSE(x + a): the Hessian of LSE is diag(p) - pp' with norm <= 1."""
    a = rng.standard_normal(DIM)

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        z = x + a
        m = float(np.max(z))
        p = np.exp(z - m)
        s = float(np.sum(p))
        return lo * x + (hi - lo) * p / s, float(lo / 2 * x @ x + (hi - lo) * (m + math.log(s)))

    return oracle


def cosines(L: float, rng: np.random.Generator) -> Oracle:
    """L sum_i cos(u_i'x): Hessian -L sum_i cos(u_i'x) u_i u_i', eigenvalues in [-L, L]."""
    U = _orthonormal(rng)

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        t = U.T @ x
        return -L * U @ np.sin(t), float(L * np.sum(np.cos(t)))

    return oracle


# -- concrete nonsmooth convex functions --------------------------------------------------------
def max_affine(M: float, rng: np.random.Generator) -> Oracle:
    """max_i (a_i'x + b_i) with ||a_i|| <= M; the active a_i is a subgradient."""
    A = rng.standard_normal((6, DIM))
    A *= (M * rng.uniform(0.3, 1.0, 6) / np.linalg.norm(A, axis=1))[:, None]
    b = rng.standard_normal(6)

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        v = A @ x + b
        i = int(np.argmax(v))
        return A[i].copy(), float(v[i])

    return oracle


def scaled_l1(M: float) -> Oracle:
    """(M/sqrt(n)) ||x||_1: subgradients (M/sqrt(n)) sign(x) have norm <= M."""
    s = M / math.sqrt(DIM)
    return lambda x: (s * np.sign(x), float(s * np.sum(np.abs(x))))


def scaled_l2(M: float) -> Oracle:
    """M ||x||_2 (subgradient 0 at the origin)."""

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        n = float(np.linalg.norm(x))
        return (M * x / n if n > 0 else np.zeros(DIM)), M * n

    return oracle


def plus_quadratic(mu: float, base: Oracle) -> Oracle:
    """base + mu/2 ||x||^2 (mu-strongly convex when base is convex)."""

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        g, v = base(x)
        return g + mu * x, v + mu / 2 * float(x @ x)

    return oracle


def with_zero(sampler: Callable[[np.random.Generator], np.ndarray]) -> Callable:
    """Also sample the kink at the origin now and then (subgradient 0 there)."""
    return lambda rng: np.zeros(DIM) if rng.uniform() < 0.2 else sampler(rng)


# -- indicators (value 0, g in the normal cone) ------------------------------------------------
def ball_indicator(r: float, center: np.ndarray | None = None, inside: float = 0.6) -> Member:
    c = np.zeros(DIM) if center is None else center

    def sample(rng: np.random.Generator) -> np.ndarray:
        d = rng.standard_normal(DIM)
        d /= np.linalg.norm(d)
        return c + d * r * (1.0 if rng.uniform() < inside else rng.uniform())

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        on_boundary = abs(np.linalg.norm(x - c) - r) <= 1e-12 * r
        # A normal-cone element: t * (x - c) for t >= 0 on the sphere, 0 inside.
        t = 1.7 if on_boundary else 0.0
        return t * (x - c), 0.0

    return Member(f"ball(r={r})", oracle, sample)


def box_indicator(a: float) -> Member:
    def sample(rng: np.random.Generator) -> np.ndarray:
        x = rng.uniform(-a, a, DIM)
        faces = rng.uniform(size=DIM) < 0.5  # push some coordinates onto the faces
        x[faces] = a * np.sign(x[faces])
        return x

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        # Normal cone of the box: g_i >= 0 on x_i = a, <= 0 on x_i = -a, 0 elsewhere.
        weights = np.linspace(0.5, 2.0, DIM)
        return np.where(np.abs(x) == a, np.sign(x) * weights, 0.0), 0.0

    return Member(f"box(a={a})", oracle, sample)


def halfspace_indicator(rng: np.random.Generator) -> Member:
    n, beta = rng.standard_normal(DIM), float(rng.standard_normal())

    def sample(rng: np.random.Generator) -> np.ndarray:
        x = rng.standard_normal(DIM) * 3
        gap = float(n @ x - beta)
        if gap > 0 or rng.uniform() < 0.5:
            x = x - gap / float(n @ n) * n  # onto the boundary n'x = beta
        return x

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        on_boundary = abs(float(n @ x) - beta) <= 1e-9 * (1 + abs(beta))
        return (0.8 * n if on_boundary else np.zeros(DIM)), 0.0

    return Member("halfspace", oracle, sample)


# -- functions defined relative to a minimizer, block-smooth functions -------------------------
def centered_quadratic(eigs: np.ndarray, center: np.ndarray, rng: np.random.Generator) -> Oracle:
    """0.5 (x - c)'Q(x - c) + f0 with spectrum(Q) = eigs: minimizer c (when eigs >= 0)."""
    U = _orthonormal(rng)
    Q = U @ np.diag(eigs) @ U.T
    f0 = float(rng.standard_normal())
    return lambda x: (Q @ (x - center), float(0.5 * (x - center) @ Q @ (x - center) + f0))


def max_square(a: float) -> Oracle:
    """a ||x||_inf^2: convex, nonsmooth where coordinates tie, at most a ||x||^2; minimizer 0."""

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        k = int(np.argmax(np.abs(x)))
        g = np.zeros(DIM)
        g[k] = 2 * a * x[k]
        return g, float(a * x[k] ** 2)

    return oracle


def capped_quadratic(L: float) -> Oracle:
    """L/2 min(||x||^2, 1): below L/2||x||^2 but not convex (flat outside the unit ball)."""

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        n2 = float(x @ x)
        return (L * x, L / 2 * n2) if n2 <= 1 else (np.zeros(DIM), L / 2)

    return oracle


def sin_squares() -> Oracle:
    """sum_i x_i^2 + 3 sin^2 x_i: nonconvex, 8-smooth (f'' in [-4, 8]), minimizer 0, with
    <g, x> >= 0.69||x||^2 (RSI) and ||g||^2 >= 0.35 f (Polyak-Lojasiewicz, mu = 0.175)."""
    return lambda x: (2 * x + 3 * np.sin(2 * x), float(np.sum(x * x + 3 * np.sin(x) ** 2)))


def block_quadratic(Ls: tuple[float, ...], rng: np.random.Generator, exact: bool = False) -> Oracle:
    """0.5 x'Qx + b'x with Q PSD and coupled blocks, ||Q_kk|| <= L_k (or = L_k if ``exact``)."""
    A = rng.standard_normal((DIM, DIM))
    Q = A @ A.T
    scale = np.ones(DIM)
    for idx, Lk in zip(np.array_split(np.arange(DIM), len(Ls)), Ls):
        top = float(np.linalg.norm(Q[np.ix_(idx, idx)], 2))
        scale[idx] = math.sqrt(Lk / top) * (1.0 if exact else rng.uniform(0.3, 1.0))
    Q = Q * np.outer(scale, scale)
    b = rng.standard_normal(DIM)
    return lambda x: (Q @ x + b, float(0.5 * x @ Q @ x + b @ x))


def one_block_quadratic(Lk: float, d: int, k: int = 0) -> Oracle:
    """Lk/2 ||x^(k)||^2: only block k, curvature exactly Lk there (and 0 elsewhere)."""
    mask = np.zeros(DIM)
    mask[np.array_split(np.arange(DIM), d)[k]] = 1.0
    return lambda x: (Lk * mask * x, float(Lk / 2 * (mask * x) @ x))


# -- evaluation ----------------------------------------------------------------------------------
def _blocks(g: np.ndarray, d: int) -> tuple[np.ndarray, ...]:
    """Coordinate blocks of ``g`` (the blocks of a BlockPartition with ``d`` blocks)."""
    out = []
    for idx in np.array_split(np.arange(DIM), d):
        b = np.zeros(DIM)
        b[idx] = g[idx]
        out.append(b)
    return tuple(out)


def _record(member: Member, x: np.ndarray, label: str, cls: Any) -> Record:
    g, v = member.oracle(x)
    parts = _blocks(g, n_parts(cls)) if cls is not None and n_parts(cls) else ()
    return Record(x, g, v, label, parts)


def records(
    member: Member, rng: np.random.Generator, n: int = SAMPLES, cls: Any = None
) -> list[Record]:
    return [_record(member, member.sample(rng), f"x{k}", cls) for k in range(n)]


def anchor_of(member: Member, cls: Any) -> Record | None:
    """The stationary record ``(x*, 0, f*)`` an anchored class relates every record to."""
    if not anchored(cls):
        return None
    assert member.minimizer is not None, f"{member.name}: give its minimizer"
    s = _record(member, member.minimizer, "x*", cls)
    assert float(np.linalg.norm(s.g)) <= 1e-12, f"{member.name}: gradient at its minimizer"
    return s


def _scale(i: Record, j: Record) -> float:
    size = sum(float(np.linalg.norm(v)) for v in (i.x, j.x, i.g, j.g))
    return 1.0 + abs(float(i.f)) + abs(float(j.f)) + size * size


def slacks(cls: Any, recs: list[Record], s: Record | None = None) -> dict[str, list[float]]:
    """Every slack of ``cls`` over the records (and the anchor), relative to their size."""
    out: dict[str, list[float]] = {}
    every = recs if s is None else [*recs, s]
    for i, j in product(every, repeat=2):
        if i is not j:
            for name, value in pair_slacks(cls, i, j, s).items():
                out.setdefault(name, []).append(float(value) / _scale(i, j))
    for i in every:
        for name, value in point_slacks(cls, i, s).items():
            out.setdefault(name, []).append(float(value) / _scale(i, s or i))
    return out


def worst_slack(cls: Any, recs: list[Record], s: Record | None = None) -> float:
    """The most negative slack of ``cls`` over all records, relative to their size."""
    return min((min(v) for v in slacks(cls, recs, s).values()), default=math.inf)


def member_worst(cls: Any, member: Member, rng: np.random.Generator, n: int = SAMPLES) -> float:
    return worst_slack(cls, records(member, rng, n, cls), anchor_of(member, cls))


def _members(cls: FunctionClass, rng: np.random.Generator) -> list[Member]:
    """Concrete functions in ``cls`` (parameters read from the class instance)."""
    gauss = _gaussian()
    if isinstance(cls, F.Smooth):
        L = float(cls.L)
        return [
            Member("quadratic[-L, L]", quadratic(np.linspace(-L, L, DIM), rng), gauss),
            Member("cosines", cosines(L, rng), gauss),
            Member("huber", huber_sum(0.0, L, rng), gauss),
        ]
    if isinstance(cls, F.SmoothStronglyConvex | F.SmoothConvex):
        L, mu = float(cls.L), float(getattr(cls, "mu", 0))
        return [
            Member("quadratic[mu, L]", quadratic(np.linspace(mu, L, DIM), rng), gauss),
            Member("quadratic random", quadratic(rng.uniform(mu, L, DIM), rng), gauss),
            Member("huber", huber_sum(mu, L, rng), gauss),
            Member("log-sum-exp", log_sum_exp(mu, L, rng), gauss),
        ]
    if isinstance(cls, F.ConvexLipschitz):
        M = float(cls.M)
        return [
            Member("max-affine", max_affine(M, rng), gauss),
            Member("l1", scaled_l1(M), with_zero(gauss)),
            Member("l2", scaled_l2(M), with_zero(gauss)),
            Member("huber", _lipschitz_huber(M, rng), gauss),
        ]
    if isinstance(cls, F.StronglyConvex):
        mu = float(cls.mu)
        return [
            Member("mu/2|x|^2 + max-affine", plus_quadratic(mu, max_affine(3.0, rng)), gauss),
            Member("mu/2|x|^2 + l1", plus_quadratic(mu, scaled_l1(2.0)), with_zero(gauss)),
            Member("quadratic[mu, 5mu]", quadratic(np.linspace(mu, 5 * mu, DIM), rng), gauss),
        ]
    if isinstance(cls, F.Convex):
        return [
            Member("max-affine", max_affine(3.0, rng), gauss),
            Member("l2", scaled_l2(1.5), with_zero(gauss)),
            Member("quadratic psd", quadratic(np.array([0, 0, 1.0, 4.0]), rng), gauss),
            Member("log-sum-exp", log_sum_exp(0.0, 2.0, rng), gauss),
        ]
    if isinstance(cls, F.ConvexIndicator) and cls.R is not None:
        r = float(cls.R) if cls.D is None else min(float(cls.R), float(cls.D) / 2)
        return [ball_indicator(r, cls.center), ball_indicator(0.5 * r, cls.center)]
    if isinstance(cls, F.ConvexIndicator):
        if cls.D is None:
            return [halfspace_indicator(rng), ball_indicator(1.3), box_indicator(0.7)]
        D = float(cls.D)
        return [ball_indicator(D / 2), box_indicator(D / (2 * math.sqrt(DIM)))]
    return _anchored_members(cls, rng)


def _anchored_members(cls: FunctionClass, rng: np.random.Generator) -> list[Member]:
    gauss, origin, c = _gaussian(), np.zeros(DIM), rng.standard_normal(DIM)
    if isinstance(cls, F.ConvexQG):
        L = float(cls.L)
        return [
            Member(
                "quadratic[0, L] at c", centered_quadratic(np.linspace(0, L, DIM), c, rng), gauss, c
            ),
            Member("huber", huber_sum(0.0, L, rng), gauss, origin),
            Member("L/2 |x|_inf^2", max_square(L / 2), with_zero(gauss), origin),
        ]
    if isinstance(cls, F.RestrictedSecantErrorBound | F.Lojasiewicz):
        L, mu = float(cls.L), float(cls.mu)
        out = [
            Member(
                "quadratic[mu, L] at c",
                centered_quadratic(np.linspace(mu, L, DIM), c, rng),
                gauss,
                c,
            ),
            Member(
                "quadratic random", centered_quadratic(rng.uniform(mu, L, DIM), c, rng), gauss, c
            ),
        ]
        if L >= 8 and mu <= (0.69 if isinstance(cls, F.RestrictedSecantErrorBound) else 0.175):
            out.append(Member("sum x^2 + 3 sin^2 x (nonconvex)", sin_squares(), gauss, origin))
        return out
    if isinstance(cls, F.BlockSmoothConvex):
        Ls = tuple(float(v) for v in cls.L)
        return [
            Member("coupled quadratic", block_quadratic(Ls, rng), gauss),
            Member(
                "coupled quadratic, ||Q_kk|| = L_k", block_quadratic(Ls, rng, exact=True), gauss
            ),
            Member("one block", one_block_quadratic(Ls[-1], len(Ls), len(Ls) - 1), gauss),
        ]
    raise AssertionError(f"no concrete members for {cls!r}: add some to _members")


def _lipschitz_huber(M: float, rng: np.random.Generator) -> Oracle:
    """M * sum_i w_i huber_delta(u_i'x)/delta with sum w_i^2 <= 1: gradient norm <= M."""
    U, delta = _orthonormal(rng), rng.uniform(0.3, 2.0)
    w = rng.uniform(0.2, 1.0, DIM)
    w /= np.linalg.norm(w)

    def oracle(x: np.ndarray) -> tuple[np.ndarray, float]:
        t = U.T @ x
        val = np.where(np.abs(t) <= delta, t * t / 2, delta * (np.abs(t) - delta / 2)) / delta
        return M * U @ (w * np.clip(t, -delta, delta) / delta), float(M * np.sum(w * val))

    return oracle


# Parameters cover small/large, integer and float values; classes are validated as usual.
CLASSES: list[FunctionClass] = [
    F.SmoothStronglyConvex(L=1, mu=0.1),
    F.SmoothStronglyConvex(L=5, mu=2),
    F.SmoothConvex(L=1),
    F.SmoothConvex(L=3.5),
    F.Smooth(L=1),
    F.Smooth(L=2),
    F.Convex(),
    F.StronglyConvex(mu=1),
    F.StronglyConvex(mu=0.25),
    F.ConvexLipschitz(M=1),
    F.ConvexLipschitz(M=4),
    F.ConvexIndicator(),
    F.ConvexIndicator(D=2),
    F.ConvexIndicator(R=1.3, center=np.array([0.5, -1.0, 2.0, 0.0])),
    F.ConvexIndicator(D=2, R=0.8),
    F.ConvexQG(L=1),
    F.ConvexQG(L=2.5),
    F.RestrictedSecantErrorBound(mu=0.1, L=1),
    F.RestrictedSecantErrorBound(mu=0.5, L=8),
    F.Lojasiewicz(L=1, mu=0.2),
    F.Lojasiewicz(L=1, mu=0.2, alpha=pep.model.coefficients.div(2, 11)),
    F.Lojasiewicz(L=8, mu=0.15),
    F.Lojasiewicz(L=8, mu=0.15, alpha=0.01),
    F.BlockSmoothConvex(partition=pep.Problem().block_partition(2), L=(1, 3)),
    F.BlockSmoothConvex(partition=pep.Problem().block_partition(3), L=(2, 0.5, 4)),
]


@pytest.mark.parametrize("cls", CLASSES, ids=repr)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_members_satisfy_the_class_conditions(cls: FunctionClass, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for member in _members(cls, rng):
        worst = member_worst(cls, member, rng)
        assert worst >= -REL_TOL, f"{member.name} in {cls!r}: slack {worst:.3e}"


# -- extremal members: the conditions are tight, so the tolerance is not hiding a wrong constant --
def isotropic(c: float, rng: np.random.Generator) -> Oracle:
    """c/2 ||x||^2 + b'x: curvature exactly c in every direction."""
    b = rng.standard_normal(DIM)
    return lambda x: (c * x + b, float(c / 2 * x @ x + b @ x))


EXTREMAL: list[tuple[FunctionClass, list[float]]] = [
    # THG Thm 4 holds with equality for every pair when the curvature is mu*I or L*I.
    (F.SmoothStronglyConvex(L=1, mu=0.1), [0.1, 1.0]),
    (F.SmoothStronglyConvex(L=5, mu=2), [2.0, 5.0]),
    (F.SmoothConvex(L=3.5), [0.0, 3.5]),
    (F.Smooth(L=2), [-2.0, 2.0]),
    (F.StronglyConvex(mu=0.25), [0.25]),
    (F.Convex(), [0.0]),
]


@pytest.mark.parametrize(("cls", "curvatures"), EXTREMAL, ids=lambda v: repr(v))
def test_extremal_members_meet_the_conditions_with_equality(
    cls: FunctionClass, curvatures: list[float]
) -> None:
    rng = np.random.default_rng(7)
    for c in curvatures:
        recs = records(Member(f"{c}I", isotropic(c, rng), _gaussian()), rng)
        worst = worst_slack(cls, recs)
        best = -worst_slack(_Negated(cls), recs)
        assert abs(worst) <= REL_TOL and abs(best) <= REL_TOL, (c, worst, best)


@dataclass(frozen=True)
class _Negated:
    """The class with every slack negated: its worst slack is minus the largest slack."""

    cls: Any

    @property
    def anchored(self) -> bool:
        return anchored(self.cls)

    def pair_conditions(self, i: Record, j: Record, s: Any = None) -> dict[str, Any]:
        return {k: -v for k, v in pair_slacks(self.cls, i, j, s).items()}

    def point_conditions(self, i: Record, s: Any = None) -> dict[str, Any]:
        return {k: -v for k, v in point_slacks(self.cls, i, s).items()}


# -- members just outside the class must violate some condition -----------------------------------
def _antipodal_ball(r: float) -> Member:
    """Points +-r e_k of a ball of radius r (diameter 2r), normal-cone elements t*x."""

    def sample(rng: np.random.Generator) -> np.ndarray:
        x = np.zeros(DIM)
        x[int(rng.integers(DIM))] = r * (1 if rng.uniform() < 0.5 else -1)
        return x

    return Member(f"ball(r={r}) antipodes", lambda x: (0.5 * x, 0.0), sample)


def _inward_normals(r: float) -> Member:
    """Boundary points of a ball with g = -x: not in the normal cone."""
    ball = ball_indicator(r)
    return Member("ball, inward g", lambda x: (-ball.oracle(x)[0], 0.0), ball.sample)


def _outsiders(cls: FunctionClass, rng: np.random.Generator) -> list[Member]:
    gauss = _gaussian()
    if isinstance(cls, F.Smooth):
        L = float(cls.L)
        return [Member(f"{c}I", isotropic(c, rng), gauss) for c in (1.01 * L, -1.01 * L)]
    if isinstance(cls, F.SmoothStronglyConvex | F.SmoothConvex):
        L, mu = float(cls.L), float(getattr(cls, "mu", 0))
        low = 0.99 * mu if mu > 0 else -0.01 * L
        return [
            Member("curvature 1.01L", isotropic(1.01 * L, rng), gauss),
            Member("curvature below mu", isotropic(low, rng), gauss),
            Member("quadratic[mu, 1.05L]", quadratic(np.linspace(mu, 1.05 * L, DIM), rng), gauss),
        ]
    if isinstance(cls, F.ConvexLipschitz):
        M = float(cls.M)
        return [
            Member("1.1M |x|", scaled_l2(1.1 * M), gauss),
            Member("nonconvex cosines", cosines(0.5 * M, rng), _gaussian(0.3)),
        ]
    if isinstance(cls, F.StronglyConvex):
        mu = float(cls.mu)
        return [
            Member("l1 (mu = 0)", scaled_l1(2.0), with_zero(gauss)),
            Member("curvature 0.9mu", isotropic(0.9 * mu, rng), gauss),
        ]
    if isinstance(cls, F.Convex):
        return [
            Member("concave", isotropic(-0.1, rng), gauss),
            Member("cosines", cosines(1.0, rng), gauss),
        ]
    if isinstance(cls, F.ConvexIndicator):
        out = [_inward_normals(1.0)]
        if cls.D is not None:
            out.append(_antipodal_ball(0.55 * float(cls.D)))
        if cls.R is not None:
            out.append(ball_indicator(1.1 * float(cls.R), cls.center, inside=1.0))
        return out
    return _anchored_outsiders(cls, rng)


def _anchored_outsiders(cls: FunctionClass, rng: np.random.Generator) -> list[Member]:
    gauss, c = _gaussian(), rng.standard_normal(DIM)

    def iso(curvature: float) -> Member:
        return Member(
            f"{curvature}I at c", centered_quadratic(np.full(DIM, curvature), c, rng), gauss, c
        )

    if isinstance(cls, F.ConvexQG):
        L = float(cls.L)
        return [
            iso(1.1 * L),
            Member("capped (nonconvex)", capped_quadratic(L), gauss, np.zeros(DIM)),
        ]
    if isinstance(cls, F.RestrictedSecantErrorBound | F.Lojasiewicz):
        return [iso(0.9 * float(cls.mu)), iso(1.1 * float(cls.L))]
    if isinstance(cls, F.BlockSmoothConvex):
        Ls, d = tuple(float(v) for v in cls.L), len(cls.L)
        return [
            Member("one block at 1.1 L_0", one_block_quadratic(1.1 * Ls[0], d), gauss),
            Member("concave", isotropic(-0.1, rng), gauss),
        ]
    raise AssertionError(f"no outside members for {cls!r}: add some to _outsiders")


@pytest.mark.parametrize("cls", CLASSES, ids=repr)
def test_members_outside_the_class_violate_a_condition(cls: FunctionClass) -> None:
    rng = np.random.default_rng(3)
    for member in _outsiders(cls, rng):
        worst = member_worst(cls, member, rng, n=20)
        assert worst < -1e3 * REL_TOL, f"{member.name} passed as a member of {cls!r}"


def test_every_exported_function_class_is_covered() -> None:
    exported = {
        obj
        for name in F.__all__
        if isinstance(obj := getattr(F, name), type)
        and name not in {"Function", "FunctionClass", "Record", "SumFunction"}
        and not has_matrix_conditions(obj)  # LMI classes: tests/test_lmi_classes.py
    }
    covered = {type(c) for c in CLASSES}
    missing = sorted(t.__name__ for t in exported - covered)
    assert not missing, f"add concrete members for {missing} to tests/test_functions_contract.py"


# -- extremal members of the new classes: the named condition holds with equality -------------
CENTER = np.array([0.5, -1.0, 2.0, 0.0])


def _iso_at(curvature: float, c: np.ndarray) -> Member:
    return Member(
        f"{curvature}I", lambda x: (curvature * (x - c), float(curvature / 2 * (x - c) @ (x - c))),
        _gaussian(), c,
    )  # fmt: skip


NAMED_EXTREMAL: list[tuple[Any, Member, str]] = [
    (F.ConvexQG(L=2), _iso_at(2.0, CENTER), "qg"),
    (F.RestrictedSecantErrorBound(mu=0.1, L=1), _iso_at(0.1, CENTER), "rsi"),
    (F.RestrictedSecantErrorBound(mu=0.1, L=1), _iso_at(1.0, CENTER), "eb"),
    (F.Lojasiewicz(L=1, mu=0.2), _iso_at(0.2, CENTER), "lojasiewicz"),
    (F.Lojasiewicz(L=1, mu=0.2), _iso_at(1.0, CENTER), "lower"),
    (
        F.BlockSmoothConvex(partition=pep.Problem().block_partition(2), L=(3, 1)),
        Member("3/2 ||x^(0)||^2", one_block_quadratic(3.0, 2), _gaussian()),
        "smooth_block0",
    ),
    (
        F.ConvexIndicator(R=1.3, center=CENTER),
        ball_indicator(1.3, CENTER, inside=1.0),
        "radius",
    ),
]


@pytest.mark.parametrize(("cls", "member", "condition"), NAMED_EXTREMAL, ids=lambda v: repr(v))
def test_extremal_members_attain_the_named_condition(
    cls: Any, member: Member, condition: str
) -> None:
    rng = np.random.default_rng(5)
    values = slacks(cls, records(member, rng, cls=cls), anchor_of(member, cls))
    assert max(abs(v) for v in values[condition]) <= REL_TOL, condition
    assert min(min(v) for v in values.values()) >= -REL_TOL


def test_anchored_classes_relate_records_to_the_minimizer_only() -> None:
    # qg at the minimizer itself is vacuous; every other record gets one qg slack
    member = _iso_at(1.0, CENTER)
    rng = np.random.default_rng(2)
    recs = records(member, rng, n=5)
    values = slacks(F.ConvexQG(L=1), recs, anchor_of(member, F.ConvexQG(L=1)))
    assert len(values["qg"]) == 5 and len(values["interp"]) == 6 * 5
