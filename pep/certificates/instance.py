r"""Exact worst-case instances: a rational feasible point of the PEP, hence an exact lower bound.

A certificate proves ``worst case <= B``. To prove ``worst case >= b`` one exhibits a point
of the PEP's primal -- a Gram matrix :math:`G \succeq 0` over the point leaves and function
values :math:`F` -- that satisfies every constraint of ``problem.constraints()`` *exactly* and
whose objective (the minimum over the objectives) is :math:`b`. When every class is exactly
interpolable (``problem.interpolation_exact``) such a point *is* a function (or operator) of
the class together with a run of the method on it, in dimension :math:`\operatorname{rank} G`
(Taylor, Hendrickx and Glineur, Math. Program. 161 (2017), Thm 4 for smooth convex
functions), so :math:`b` is attained and the worst case is at least :math:`b`.

How the point is found. By complementary slackness every optimal :math:`G` satisfies
:math:`\langle S, G\rangle = 0` for the :math:`S \succeq 0` of an exact *tight* certificate,
i.e. :math:`G = V W V^T` with :math:`V` an exact rational basis of :math:`\ker S`. We restrict
:math:`W` to conic combinations :math:`\sum_j s_j u_j u_j^T` (:math:`s_j \ge 0`) of rational
directions :math:`u_j` -- the unit vectors, their pairwise sums and differences, and the
rounded eigenvectors of the solver's :math:`W` -- so :math:`G \succeq 0` holds by
construction and every constraint is *linear* in :math:`(s, F)`. The resulting LP
(maximize :math:`t` subject to the constraints and :math:`t \le m_k`) is solved numerically,
its optimal vertex is recomputed exactly from the constraints active there, and the result is
re-checked constraint by constraint in rational arithmetic. Nothing numeric is trusted: when
any step fails, :func:`exact_lower_bound` returns ``None``.

>>> import pep
>>> from fractions import Fraction
>>> result = pep.algorithms.get("gd").setting(2).solve()
>>> low = exact_lower_bound(result, result.certify().exact_certificate)
>>> low.value, low.check()
(Fraction(1, 10), True)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from pep.certificates.exact import psd_check
from pep.certificates.rationalize import Row, exact_rows

__all__ = ["ExactInstance", "exact_lower_bound"]

_ACTIVE_TOL = (1e-9, 1e-7, 1e-5)  # relative residuals below which a row counts as active
_MAX_DENOMINATOR = 2**20


@dataclass(frozen=True)
class ExactInstance:
    """A rational feasible point of ``problem``: Gram matrix over its point leaves (problem
    order), values over its value leaves, and ``value`` = min over objectives, exactly."""

    problem: Any
    gram: tuple[tuple[Fraction, ...], ...]
    values: tuple[Fraction, ...]
    value: Fraction

    def check(self) -> bool:
        """Re-check in exact arithmetic: G PSD, every constraint, and the objective value."""
        rows, objectives = exact_rows(self.problem)
        if not psd_check(self.gram).is_psd:
            return False
        for sense, row in rows.values():
            v = _evaluate(row, self.gram, self.values)
            if v > 0 or (sense == "==" and v != 0):
                return False
        return min(_evaluate(m, self.gram, self.values) for m in objectives) == self.value


def _evaluate(row: Row, G: Any, F: Any) -> Fraction:
    total = row.const
    for (p, q), c in row.gram.items():
        total += c * G[p][q]
    for i, c in row.values.items():
        total += c * F[i]
    return total


def exact_lower_bound(result: Any, certificate: Any) -> ExactInstance | None:
    """An exactly checked feasible point of ``result.problem`` whose value is the LP optimum
    over ``certificate``'s face (module docstring), or None. ``certificate`` is an
    :class:`pep.ExactCertificate` of that problem; a tight one gives the exact worst case."""
    problem = result.problem
    if problem is None or not problem.interpolation_exact:
        return None  # a point of a relaxed class's PEP need not be a member of the class
    V = _null_space([list(r) for r in certificate.S])
    points = [lf.name for lf in problem.leaves if lf.kind == "point"]
    G = _numeric_gram(result, points)
    rows, objectives = exact_rows(problem)
    nf = sum(1 for lf in problem.leaves if lf.kind == "value")
    best: ExactInstance | None = None
    # the face of a tight certificate holds the exact optimum; the solver's own worst case,
    # rounded, gives a bound close to the value when the optimum is irrational (OGM)
    for directions in (_directions(V, G), _directions(_identity(len(points)), G, True)):
        if not directions:
            continue
        found = _vertex_instance(
            problem, _LinearProgram(directions, nf, list(rows.values()), objectives), objectives
        )
        if found is not None and (best is None or found.value > best.value):
            best = found
        if best is not None and best.value >= certificate.bound:
            break  # the certificate's bound is attained: nothing larger exists
    return best


def _vertex_instance(
    problem: Any, lp: _LinearProgram, objectives: list[Row]
) -> ExactInstance | None:
    z = lp.solve_numeric()
    if z is None:
        return None
    for tol in _ACTIVE_TOL:
        exact = lp.exact_vertex(z, tol)
        if exact is None:
            continue
        G, F = lp.point(exact)
        value = min(_evaluate(m, G, F) for m in objectives)
        instance = ExactInstance(problem, G, F, value)
        if instance.check():
            return instance
    return None


def _null_space(S: list[list[Fraction]]) -> list[list[Fraction]]:
    """Exact basis of ker S (columns as lists), by Gaussian elimination over Fractions."""
    d = len(S)
    A = [[Fraction(v) for v in row] for row in S]
    pivots: list[int] = []
    r = 0
    for col in range(d):
        pr = next((i for i in range(r, d) if A[i][col] != 0), None)
        if pr is None:
            continue
        A[r], A[pr] = A[pr], A[r]
        inv = 1 / A[r][col]
        A[r] = [v * inv for v in A[r]]
        for i in range(d):
            if i != r and A[i][col] != 0:
                f = A[i][col]
                A[i] = [a - f * b for a, b in zip(A[i], A[r])]
        pivots.append(col)
        r += 1
    basis = []
    for free in (c for c in range(d) if c not in pivots):
        v = [Fraction(0)] * d
        v[free] = Fraction(1)
        for i, pc in enumerate(pivots):
            v[pc] = -A[i][free]
        basis.append(v)
    return basis


def _numeric_gram(result: Any, points: list[str]) -> np.ndarray | None:
    names = list(result.data.point_names)
    if sorted(names) != sorted(points):
        return None
    order = [names.index(n) for n in points]
    G = np.asarray(result.gram, float)
    return G[np.ix_(order, order)]


def _identity(d: int) -> list[list[Fraction]]:
    return [[Fraction(int(i == a)) for i in range(d)] for a in range(d)]


def _directions(
    V: list[list[Fraction]], G: np.ndarray | None, extra_only: bool = False
) -> list[list[Fraction]]:
    """Rational vectors u_j in R^d (as V-combinations) whose u u^T span the LP's cone: unit
    vectors, pairwise sums and differences (unless ``extra_only``), rounded eigenvectors of
    the solver's W = pinv(V) G pinv(V)^T."""
    k = len(V)
    coeffs: list[list[Fraction]] = []
    unit = _identity(k)
    if not extra_only:
        coeffs += unit
        for a, b in itertools.combinations(range(k), 2):
            coeffs.append([x + y for x, y in zip(unit[a], unit[b])])
            coeffs.append([x - y for x, y in zip(unit[a], unit[b])])
    if G is not None and k > 1:
        Vn = np.array([[float(x) for x in v] for v in V]).T
        P = np.linalg.pinv(Vn)
        w, U = np.linalg.eigh(P @ G @ P.T)
        for lam, u in zip(w, U.T):
            if lam > 1e-9 * max(float(w.max()), 1e-300):
                u = u / np.abs(u).max()
                coeffs.append([Fraction(float(x)).limit_denominator(_MAX_DENOMINATOR) for x in u])
    d = len(V[0]) if V else 0
    return [
        [sum((c[a] * V[a][i] for a in range(k)), Fraction(0)) for i in range(d)] for c in coeffs
    ]


class _LinearProgram:
    """Variables: s_j >= 0 (G = sum s_j u_j u_j^T), F (free), t (free); maximize t."""

    def __init__(self, U: list[list[Fraction]], nf: int, rows: list[Any], objectives: list[Row]):
        self.U, self.nf = U, nf
        self.n = len(U) + nf + 1
        self.ineq: list[tuple[list[Fraction], Fraction]] = []  # a.z <= b
        self.eq: list[tuple[list[Fraction], Fraction]] = []
        for sense, row in rows:
            a, b = self._coefficients(row)
            (self.eq if sense == "==" else self.ineq).append((a, b))
        for m in objectives:  # t - m <= 0
            a, b = self._coefficients(m)
            self.ineq.append(([-x for x in a[:-1]] + [Fraction(1)], -b))
        for j in range(len(U)):  # -s_j <= 0
            self.ineq.append(([Fraction(-int(i == j)) for i in range(self.n)], Fraction(0)))

    def _coefficients(self, row: Row) -> tuple[list[Fraction], Fraction]:
        a = [Fraction(0)] * self.n
        for j, u in enumerate(self.U):
            a[j] = sum((c * u[p] * u[q] for (p, q), c in row.gram.items()), Fraction(0))
        for i, c in row.values.items():
            a[len(self.U) + i] = c
        return a, -row.const

    def solve_numeric(self) -> np.ndarray | None:
        from scipy.optimize import linprog

        def arrays(rows: list[Any]) -> tuple[Any, Any]:
            if not rows:
                return None, None
            return (np.array([[float(x) for x in a] for a, _ in rows]),
                    np.array([float(b) for _, b in rows]))  # fmt: skip

        A_ub, b_ub = arrays(self.ineq)
        A_eq, b_eq = arrays(self.eq)
        c = np.zeros(self.n)
        c[-1] = -1.0
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                      bounds=[(None, None)] * self.n, method="highs-ds")  # fmt: skip
        return res.x if res.status == 0 else None

    def exact_vertex(self, z: np.ndarray, tol: float) -> list[Fraction] | None:
        """Solve exactly the equalities and the inequalities active at ``z``; the free
        coordinates keep rounded values of ``z``."""
        system = list(self.eq)
        for a, b in self.ineq:
            residual = float(b) - float(np.dot([float(x) for x in a], z))
            scale = max(1.0, abs(float(b)), float(np.abs([float(x) for x in a]).max(initial=0)))
            if abs(residual) <= tol * scale:
                system.append((a, b))
        guess = [Fraction(float(x)).limit_denominator(_MAX_DENOMINATOR) for x in z]
        return _solve_with_defaults(system, guess, self.n)

    def point(
        self, z: list[Fraction]
    ) -> tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]:
        d = len(self.U[0]) if self.U else 0
        G = [[Fraction(0)] * d for _ in range(d)]
        for s, u in zip(z, self.U):
            if s:
                for p in range(d):
                    if u[p]:
                        for q in range(d):
                            G[p][q] += s * u[p] * u[q]
        F = tuple(z[len(self.U) : len(self.U) + self.nf])
        return tuple(tuple(r) for r in G), F


def _solve_with_defaults(
    system: list[tuple[list[Fraction], Fraction]], guess: list[Fraction], n: int
) -> list[Fraction] | None:
    """A solution of ``system`` (exact RREF); free variables take their ``guess``."""
    M = [list(a) + [b] for a, b in system]
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pr = next((i for i in range(r, len(M)) if M[i][col] != 0), None)
        if pr is None:
            continue
        M[r], M[pr] = M[pr], M[r]
        inv = 1 / M[r][col]
        M[r] = [v * inv for v in M[r]]
        for i in range(len(M)):
            if i != r and M[i][col] != 0:
                f = M[i][col]
                M[i] = [x - f * y for x, y in zip(M[i], M[r])]
        pivots.append(col)
        r += 1
    if any(row[-1] != 0 for row in M[r:]):  # 0 = nonzero: the active set is inconsistent
        return None
    z = list(guess)
    for i, pc in enumerate(pivots):
        z[pc] = M[i][-1] - sum(
            (M[i][c] * z[c] for c in range(n) if c not in pivots and M[i][c]), Fraction(0)
        )
    return z
