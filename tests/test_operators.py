"""Operator classes: contract tests on concrete members, closed-form PEPs, bad inputs, labels.

Each operator class states its pairwise conditions once (``pair_conditions``); here the same
method is evaluated on numpy records ``Record(x, A(x), 0, label)`` sampled from concrete
operators known to be in the class (rotations plus scalings, linear maps with known spectra,
gradients of smooth convex functions, projections, resolvents and reflections, saddle
operators of convex-concave functions). Every slack must be >= 0; a concrete operator just
outside the class must violate some slack (so the test can fail), and an extremal member must
meet the named condition with equality.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import pep
from pep.errors import InvalidArgument, MixedProblemsError
from pep.model.oracles import Record

DIM = 4
SAMPLES = 10
TOL = 1e-9
Op = Callable[[np.ndarray], np.ndarray]


# -- concrete operators on R^4 ------------------------------------------------------------------
def _orthogonal(rng: np.random.Generator) -> np.ndarray:
    return np.linalg.qr(rng.standard_normal((DIM, DIM)))[0]


def rotation(theta: float, scale: float = 1.0) -> Op:
    """``scale`` times a rotation by ``theta`` in each coordinate plane (monotone iff cos >= 0)."""
    c, s = math.cos(theta), math.sin(theta)
    M = scale * np.kron(np.eye(DIM // 2), np.array([[c, -s], [s, c]]))
    return lambda x: M @ x


def linear(eigs: list[float], rng: np.random.Generator) -> Op:
    """A symmetric linear map with spectrum ``eigs``."""
    U = _orthogonal(rng)
    M = U @ np.diag(eigs) @ U.T
    return lambda x: M @ x


def skew(norm: float, rng: np.random.Generator) -> Op:
    """A bilinear saddle operator ``(x, y) -> (B y, -B^T x)`` with ``||B|| = norm``."""
    B = rng.standard_normal((DIM // 2, DIM // 2))
    B *= norm / np.linalg.norm(B, 2)
    K = np.block([[np.zeros_like(B), B], [-B.T, np.zeros_like(B)]])
    return lambda x: K @ x


def orthogonal_map(scale: float, rng: np.random.Generator) -> Op:
    """``scale`` times a random orthogonal map (the Lipschitz condition holds with equality)."""
    M = scale * _orthogonal(rng)
    return lambda x: M @ x


def plus(a: Op, b: Op) -> Op:
    return lambda x: a(x) + b(x)


def scaled(c: float, a: Op) -> Op:
    return lambda x: c * a(x)


def ball_projection(radius: float = 1.0) -> Op:
    """Projection onto a ball: firmly nonexpansive (1-cocoercive)."""
    return lambda x: x if np.linalg.norm(x) <= radius else radius * x / np.linalg.norm(x)


def subspace_projection(rng: np.random.Generator) -> Op:
    """Orthogonal projection onto a 2-dimensional subspace (cocoercivity holds with equality)."""
    Q = _orthogonal(rng)[:, :2]
    return lambda x: Q @ (Q.T @ x)


def linear_resolvent(rng: np.random.Generator) -> Op:
    """``J_A = (I + A)^{-1}`` of a monotone linear A (PSD part plus a skew part)."""
    S = linear([0.0, 0.5, 1.0, 3.0], rng)(np.eye(DIM))
    K = skew(2.0, rng)(np.eye(DIM))
    J = np.linalg.inv(np.eye(DIM) + S + K)
    return lambda x: J @ x


def reflection(P: Op) -> Op:
    """``2P - I``: nonexpansive when P is firmly nonexpansive."""
    return lambda x: 2 * P(x) - x


def tanh_grad(a: float) -> Op:
    """Gradient of ``a * sum(log cosh)``: convex, a-smooth, hence 1/a-cocoercive."""
    return lambda x: a * np.tanh(x)


def sin_map(a: float) -> Op:
    """Componentwise ``a sin``: a-Lipschitz, not monotone."""
    return lambda x: a * np.sin(x)


def saddle(a: float, norm: float, rng: np.random.Generator) -> Op:
    """Saddle operator of ``a*logcosh(x) + x'By - a*logcosh(y)``: monotone, (a + ||B||)-Lipschitz."""
    h = DIM // 2
    K = skew(norm, rng)

    def G(z: np.ndarray) -> np.ndarray:
        return K(z) + a * np.concatenate([np.tanh(z[:h]), np.tanh(z[h:])])

    return G


def _records(A: Op, rng: np.random.Generator, with_zero: bool = False) -> list[Record]:
    xs = [rng.standard_normal(DIM) * 2 for _ in range(SAMPLES)]
    recs = [Record(x, A(x), 0.0, f"x{k}") for k, x in enumerate(xs)]
    if with_zero:  # include the operator's zero when it is the origin
        recs.append(Record(np.zeros(DIM), A(np.zeros(DIM)), 0.0, "x*"))
    return recs


def _slacks(cls: Any, recs: list[Record]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for i, ri in enumerate(recs):
        for j, rj in enumerate(recs):
            if i != j:
                for name, s in cls.pair_conditions(ri, rj).items():
                    out.setdefault(name, []).append(float(s))
    return out


# class -> members (built from a generator); every one must satisfy every slack
MEMBERS: dict[str, tuple[Any, list[Callable[[np.random.Generator], Op]]]] = {
    "Monotone": (
        pep.Monotone(),
        [
            lambda r: rotation(0.3, 2.0),
            lambda r: rotation(math.pi / 2, 1.5),
            lambda r: linear([0.0, 0.1, 1.0, 5.0], r),
            lambda r: skew(3.0, r),
            lambda r: tanh_grad(2.0),
            lambda r: ball_projection(),
            lambda r: linear_resolvent(r),
            lambda r: saddle(1.0, 2.0, r),
        ],
    ),
    "StronglyMonotone": (
        pep.StronglyMonotone(mu=Fraction(1, 2)),
        [
            lambda r: linear([0.5, 0.7, 2.0, 4.0], r),
            lambda r: plus(scaled(0.5, lambda x: x), skew(2.0, r)),
            lambda r: plus(scaled(0.5, lambda x: x), tanh_grad(3.0)),
            lambda r: rotation(math.acos(0.25), 2.0),  # <Mx, x> = 2 cos(theta) ||x||^2 = 0.5||x||^2
        ],
    ),
    "Cocoercive": (
        pep.Cocoercive(beta=Fraction(1, 2)),
        [
            lambda r: tanh_grad(2.0),
            lambda r: linear([0.0, 0.3, 1.0, 2.0], r),
            lambda r: scaled(2.0, ball_projection()),
            lambda r: scaled(2.0, linear_resolvent(r)),
        ],
    ),
    "Lipschitz": (
        pep.Lipschitz(L=2),
        [
            lambda r: rotation(2.5, 2.0),
            lambda r: sin_map(2.0),
            lambda r: linear([-2.0, -1.0, 0.5, 2.0], r),
            lambda r: scaled(2.0, reflection(ball_projection())),
        ],
    ),
    "Nonexpansive": (
        pep.Nonexpansive(),
        [
            lambda r: rotation(2.0),
            lambda r: reflection(ball_projection(0.7)),
            lambda r: reflection(linear_resolvent(r)),
            lambda r: ball_projection(),
            lambda r: linear([-1.0, 0.0, 0.3, 1.0], r),
        ],
    ),
    "LipschitzMonotone": (
        pep.LipschitzMonotone(L=2),
        [
            lambda r: rotation(1.2, 2.0),
            lambda r: skew(2.0, r),
            lambda r: saddle(0.5, 1.5, r),
            lambda r: tanh_grad(2.0),
            lambda r: linear([0.0, 0.5, 1.0, 2.0], r),
        ],
    ),
    "SmoothConvexConcave": (
        pep.SmoothConvexConcave(L=3),
        [
            lambda r: saddle(1.0, 2.0, r),
            lambda r: skew(3.0, r),
            lambda r: rotation(math.pi / 2, 3.0),
        ],
    ),
}

# class -> an operator just outside it (must violate some slack)
OUTSIDERS: dict[str, Callable[[np.random.Generator], Op]] = {
    "Monotone": lambda r: rotation(0.6 * math.pi),
    "StronglyMonotone": lambda r: plus(scaled(0.45, lambda x: x), skew(1.0, r)),
    "Cocoercive": lambda r: skew(1.0, r),
    "Lipschitz": lambda r: rotation(1.0, 2.1),
    "Nonexpansive": lambda r: rotation(1.0, 1.05),
    "LipschitzMonotone": lambda r: rotation(0.6 * math.pi, 1.0),
    "SmoothConvexConcave": lambda r: rotation(0.0, 3.2),
}

# class -> (extremal member, the condition it meets with equality for every pair)
EXTREMAL: dict[str, tuple[Callable[[np.random.Generator], Op], str]] = {
    "Monotone": (lambda r: skew(1.0, r), "monotone"),
    "StronglyMonotone": (
        lambda r: plus(scaled(0.5, lambda x: x), skew(1.0, r)),
        "strongly_monotone",
    ),
    "Cocoercive": (lambda r: scaled(2.0, subspace_projection(r)), "cocoercive"),
    "Lipschitz": (lambda r: orthogonal_map(2.0, r), "lipschitz"),
    "Nonexpansive": (lambda r: rotation(2.2), "nonexpansive"),
    "LipschitzMonotone": (lambda r: rotation(math.pi / 2, 2.0), "lipschitz"),
    "SmoothConvexConcave": (lambda r: rotation(math.pi / 2, 3.0), "monotone"),
}


def _scale(recs: list[Record]) -> float:
    return max(1.0, max(float(r.x @ r.x + r.g @ r.g) for r in recs))


@pytest.mark.parametrize("name", sorted(MEMBERS))
def test_members_satisfy_every_condition(name: str) -> None:
    cls, builders = MEMBERS[name]
    for m, build in enumerate(builders):
        rng = np.random.default_rng(100 + m)
        recs = _records(build(rng), rng, with_zero=True)
        worst = min(min(v) for v in _slacks(cls, recs).values())
        assert worst >= -TOL * _scale(recs), f"{name} member #{m}: slack {worst}"


@pytest.mark.parametrize("name", sorted(OUTSIDERS))
def test_outsider_violates_some_condition(name: str) -> None:
    cls = MEMBERS[name][0]
    rng = np.random.default_rng(7)
    recs = _records(OUTSIDERS[name](rng), rng)
    worst = min(min(v) for v in _slacks(cls, recs).values())
    assert worst < -1e-6 * _scale(recs)


@pytest.mark.parametrize("name", sorted(EXTREMAL))
def test_extremal_member_meets_its_condition_with_equality(name: str) -> None:
    cls = MEMBERS[name][0]
    build, cond = EXTREMAL[name]
    rng = np.random.default_rng(11)
    recs = _records(build(rng), rng)
    values = _slacks(cls, recs)[cond]
    assert max(abs(v) for v in values) <= 1e-9 * _scale(recs)
    assert min(min(v) for v in _slacks(cls, recs).values()) >= -1e-9 * _scale(recs)


@pytest.mark.parametrize("name", sorted(MEMBERS))
def test_protocol_and_symmetry(name: str) -> None:
    cls = MEMBERS[name][0]
    rng = np.random.default_rng(3)
    a, b = (Record(rng.standard_normal(DIM), rng.standard_normal(DIM), 0.0, n) for n in "ab")
    ab, ba = cls.pair_conditions(a, b), cls.pair_conditions(b, a)
    # operator conditions are over unordered pairs: every one is symmetric and listed as such
    assert set(ab) == set(cls.symmetric)
    for cname in ab:
        assert float(ab[cname]) == pytest.approx(float(ba[cname]), rel=1e-12, abs=1e-12)
    assert cls.point_conditions(a) == {}
    assert cls.has_values is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        cls.extra = 1  # type: ignore[attr-defined]


def test_interpolation_flags() -> None:
    exact = [pep.Monotone(), pep.StronglyMonotone(1), pep.Cocoercive(1), pep.Lipschitz(1)]
    assert all(c.interpolation_exact for c in [*exact, pep.Nonexpansive()])
    assert not pep.LipschitzMonotone(1).interpolation_exact
    assert not pep.SmoothConvexConcave(1).interpolation_exact
    assert repr(pep.SmoothConvexConcave(L=2)) == "SmoothConvexConcave(L=2)"


def test_exact_parameters_stay_exact() -> None:
    assert pep.Cocoercive(beta=Fraction(1, 3)).beta == Fraction(1, 3)
    assert pep.StronglyMonotone(mu=Fraction(2, 4)).mu == Fraction(1, 2)
    assert isinstance(pep.Lipschitz(L=3).L, int)


# -- closed-form PEPs: the conditions are exact for these single-step questions ------------------
def _one_point(cls: Any) -> tuple[pep.Problem, Any, Any, Any]:
    problem = pep.Problem()
    A = problem.operator(cls)
    x0, xs = problem.point("x0"), A.zero()
    return problem, A, x0, xs


def test_cocoercive_value_bound() -> None:
    # beta||u||^2 <= <u, x0 - x*> <= ||u|| ||x0 - x*||  =>  ||A x0||^2 <= 1/beta^2, attained by x/beta
    problem, A, x0, xs = _one_point(pep.Cocoercive(beta=Fraction(1, 2)))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.maximize(pep.sqnorm(A(x0)))
    assert problem.solve().value == pytest.approx(4, rel=1e-6)


def test_strongly_monotone_distance_bound() -> None:
    # mu||d||^2 <= <A x0, d> <= ||A x0|| ||d||  =>  ||x0 - x*||^2 <= ||A x0||^2/mu^2
    problem, A, x0, xs = _one_point(pep.StronglyMonotone(mu=Fraction(1, 2)))
    problem.assume(pep.sqnorm(A(x0)) <= 1)
    problem.maximize(pep.sqnorm(x0 - xs))
    assert problem.solve().value == pytest.approx(4, rel=1e-6)


def test_lipschitz_value_bound() -> None:
    problem, A, x0, xs = _one_point(pep.Lipschitz(L=3))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.maximize(pep.sqnorm(A(x0)))
    assert problem.solve().value == pytest.approx(9, rel=1e-6)


def test_monotone_resolvent_is_firmly_nonexpansive() -> None:
    # J = J_A is firmly nonexpansive: ||Jx - Jy||^2 <= <Jx - Jy, x - y>; with the zero x* = J x*,
    # ||J x0 - x*||^2 + ||(I - J)x0||^2 <= ||x0 - x*||^2, so max ||J x0 - x*||^2 = 1 (A = 0)
    problem, A, x0, xs = _one_point(pep.Monotone())
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x1 = pep.resolvent(A, x0, 2, name="x1")
    problem.maximize(pep.sqnorm(x1 - xs))
    assert problem.solve().value == pytest.approx(1, rel=1e-6)


# -- bad inputs -----------------------------------------------------------------------------------
BAD_PARAMETERS = [
    (pep.Cocoercive, {"beta": 0}),
    (pep.Cocoercive, {"beta": -1}),
    (pep.Cocoercive, {"beta": "1/2"}),
    (pep.Lipschitz, {"L": -1}),
    (pep.Lipschitz, {"L": float("nan")}),
    (pep.Lipschitz, {"L": float("inf")}),
    (pep.Lipschitz, {"L": True}),
    (pep.StronglyMonotone, {"mu": 0}),
    (pep.StronglyMonotone, {"mu": float("nan")}),
    (pep.LipschitzMonotone, {"L": 0}),
    (pep.SmoothConvexConcave, {"L": -2}),
]


@pytest.mark.parametrize(("cls", "kwargs"), BAD_PARAMETERS)
def test_bad_parameters_raise_with_name_and_value(cls: Any, kwargs: dict[str, Any]) -> None:
    ((name, value),) = kwargs.items()
    with pytest.raises(InvalidArgument) as err:
        cls(**kwargs)
    assert f"{name}=" in str(err.value)
    assert cls.__name__ in str(err.value)


def test_operator_has_no_function_value() -> None:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    x = problem.point("x")
    for method in (A.grad, A.oracle, A.value):
        with pytest.raises(InvalidArgument, match="is an operator"):
            method(x)


def test_operator_class_refused_as_function_and_vice_versa() -> None:
    problem = pep.Problem()
    with pytest.raises(InvalidArgument, match="operator class"):
        problem.function(pep.Monotone())
    with pytest.raises(InvalidArgument, match="operator class"):
        problem.function(pep.LipschitzMonotone(L=1))
    with pytest.raises(InvalidArgument, match="function class"):
        problem.operator(pep.SmoothConvex(L=1))
    with pytest.raises(InvalidArgument, match="instance"):
        problem.operator(pep.Monotone)  # the class, not an instance


def test_operator_of_another_problem_is_refused() -> None:
    p1, p2 = pep.Problem(), pep.Problem()
    A1 = p1.operator(pep.Monotone())
    x1, x2 = p1.point("x"), p2.point("x")
    with pytest.raises(MixedProblemsError):
        A1(x2)
    with pytest.raises(MixedProblemsError):
        pep.resolvent(A1, x2, 1)
    with pytest.raises(MixedProblemsError):
        p2.maximize(pep.sqnorm(A1(x1)))
    with pytest.raises(MixedProblemsError):
        A1(x1) + x2  # noqa: B018


def test_resolvent_bad_inputs() -> None:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone())
    f = problem.function(pep.Convex())
    x = problem.point("x")
    with pytest.raises(InvalidArgument, match="alpha"):
        pep.resolvent(A, x, 0)
    with pytest.raises(InvalidArgument, match="not an operator"):
        pep.resolvent(f, x, 1)  # type: ignore[arg-type]


def test_zero_and_fixed_point_are_reused() -> None:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone())
    T = problem.operator(pep.Nonexpansive(), name="T")
    assert A.zero() is A.zero()
    assert T.fixed_point() is T.fixed_point()
    ys = T.fixed_point()
    assert T(ys).key() == ys.key()  # T(y*) = y*
    assert A(A.zero()).is_zero()  # A(z*) = 0


# -- result labelling -----------------------------------------------------------------------------
def _solve_one_step(cls: Any) -> pep.Result:
    problem = pep.Problem()
    F = problem.operator(cls, name="F")
    z0, zs = problem.point("z0"), F.zero()
    problem.assume(pep.sqnorm(z0 - zs) <= 1)
    z1 = z0 - Fraction(1, 2) * F(z0)
    problem.maximize(pep.sqnorm(F(z1)))
    return problem.solve()


@pytest.mark.parametrize("cls", [pep.LipschitzMonotone(L=1), pep.SmoothConvexConcave(L=1)])
def test_relaxed_class_results_are_labelled_upper_bounds(cls: Any) -> None:
    r = _solve_one_step(cls)
    assert r.interpolation_exact is False
    assert r.label.startswith("upper bound (relaxed class)")
    assert "upper bound (relaxed class)" in repr(r)
    assert "tight" not in r.label


def test_exact_class_results_are_not_labelled_relaxed() -> None:
    r = _solve_one_step(pep.Lipschitz(L=1))
    assert r.interpolation_exact is True
    assert "relaxed" not in r.label
    assert "relaxed" not in repr(r)


def test_one_relaxed_class_makes_the_whole_result_relaxed() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    F = problem.operator(pep.LipschitzMonotone(L=1), name="F")
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.maximize(f(x0 - f.grad(x0)) - f(xs) + Fraction(0) * (F(x0) @ x0))
    assert problem.interpolation_exact is False
    assert problem.compile().interpolation_exact is False
    assert problem.solve().label.startswith("upper bound (relaxed class)")


def test_report_tables_carry_the_relaxed_label() -> None:
    report = pytest.importorskip("pep.cli.report")
    r = _solve_one_step(pep.LipschitzMonotone(L=1))
    record = {"N": 1, "value": r.value, "status": r.status.value, "label": r.label}
    assert "upper bound (relaxed class)" in report.to_markdown(report.table_rows([record]))


# -- nonexpansive maps with an infimal displacement vector v (Park, Ryu 2023) ------------------
V = np.array([0.6, -0.3, 0.0, 0.9])


def _displaced(build: Callable[[np.random.Generator], Op]) -> list[Record]:
    rng = np.random.default_rng(21)
    T = build(rng)
    return [
        Record(x, T(x), 0.0, f"x{k}") for k, x in enumerate(rng.standard_normal((SAMPLES, DIM)) * 2)
    ]


def _displacement_slacks(recs: list[Record]) -> dict[str, list[float]]:
    cls = pep.Nonexpansive(v=V)
    out = _slacks(cls, recs)
    for r in recs:
        for name, s in cls.point_conditions(r).items():
            out.setdefault(name, []).append(float(s))
    return out


def _halfspace_shift(rng: np.random.Generator) -> Op:
    """Projection onto {<a, x> <= 0} then a shift by -v, with a parallel to v: the range of
    I - T is {(t + 1) v : t >= 0}, whose smallest element is v (strict inequality off the set)."""
    a = V / np.linalg.norm(V)
    return lambda x: x - max(0.0, float(a @ x)) * a - V


DISPLACED_MEMBERS = [
    lambda r: lambda x: x - V,  # a translation: x - Tx = v everywhere
    _halfspace_shift,
]


@pytest.mark.parametrize("build", DISPLACED_MEMBERS)
def test_displaced_members_satisfy_every_condition(build: Callable) -> None:
    recs = _displaced(build)
    values = _displacement_slacks(recs)
    assert set(values) == {"nonexpansive", "displacement"}
    assert min(min(v) for v in values.values()) >= -TOL * _scale(recs)


def test_translation_meets_the_displacement_condition_with_equality() -> None:
    recs = _displaced(DISPLACED_MEMBERS[0])
    assert max(abs(v) for v in _displacement_slacks(recs)["displacement"]) <= 1e-12


@pytest.mark.parametrize("shift", [0.9, -1.0])
def test_a_smaller_or_opposite_displacement_violates_it(shift: float) -> None:
    recs = _displaced(lambda r: lambda x: x - shift * V)
    assert min(_displacement_slacks(recs)["displacement"]) < -1e-3


def test_consistent_maps_violate_a_nonzero_displacement() -> None:
    recs = _displaced(lambda r: rotation(2.0))  # has the fixed point 0: displacement 0, not v
    assert min(_displacement_slacks(recs)["displacement"]) < -1e-3
