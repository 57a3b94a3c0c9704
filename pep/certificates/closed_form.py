r"""Bounds verified without an SDP: closed-form certificates checked in exact arithmetic.

When the multipliers of a PEP's dual are known as formulas in N, the bound at a given N is
proved by building them in rational arithmetic and checking, exactly,

.. math:: B - m \;=\; \tau\,(c - a) + \sum_i \lambda_i\, s_i + \langle S, G\rangle,
          \qquad \tau, \lambda_i \ge 0,\quad S \succeq 0,

where ``a <= c`` is the initial condition, ``m`` the performance measure, ``s_i >= 0`` the
interpolation slacks and ``B`` the bound: the function-value part and the constant of the
remainder must vanish term by term, and the remaining quadratic form :math:`S` must be PSD.
No solver is involved, so this reaches horizons (N = 1000 and beyond) that no SDP solver can.

For gradient descent with step 1/L on L-smooth convex functions (Drori and Teboulle 2014,
Thm 3.1, bound :math:`LR^2/(4N+2)`), the multipliers are :math:`\tau = L/(4N+2)`,
:math:`\lambda_{k,k+1} = (k+1)/(2N-k)`, :math:`\lambda_{*,0} = \lambda_{0,1}`,
:math:`\lambda_{*,k} = \lambda_{k,k+1} - \lambda_{k-1,k}`,
:math:`\lambda_{*,N} = 1 - \lambda_{N-1,N}` on the slacks :math:`I(i,j)` of
:class:`pep.SmoothConvex`. After the translation :math:`x_0 = u + x_*` the remainder
:math:`S` on :math:`(u, g_0, \dots, g_N)` has, up to the sign of ``u``, the *max structure*
:math:`S_{ij} = D_i\delta_{ij} + a_{\max(i,j)}`. Eliminating the last index first keeps that
structure (the Schur complement only shifts every :math:`a_k` by the same constant), so the
exact :math:`LDL^\top` factorisation takes O(n) rational operations
(:func:`max_structured_psd`); building and checking the identity is O(N^2).

>>> cert = gd_certificate(3)
>>> cert.bound
Fraction(1, 14)
>>> check = cert.verify()
>>> check.ok, check.psd_method
(True, 'max-structure LDL^T')

Reference: Y. Drori, M. Teboulle, "Performance of first-order methods for smooth convex
minimization: a novel approach", Math. Program. 145 (2014), Thm 3.1 and its proof.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint

from pep.certificates.exact import psd_check, to_fraction
from pep.errors import CertificateError, InvalidArgument

__all__ = [
    "ClosedFormCertificate",
    "ClosedFormCheck",
    "gd_certificate",
    "max_structured_psd",
    "MaxStructure",
]

# general exact LDL^T (pep.certificates.exact) is O(n^3) Python-level work: only used on small matrices
GENERAL_PSD_LIMIT = 120


def _q(c: Any) -> flint.fmpq:
    f = to_fraction(c)
    return flint.fmpq(f.numerator, f.denominator)


@dataclass(frozen=True)
class MaxStructure:
    r"""How to read a remainder as a max-structured matrix (see :func:`max_structured_psd`).

    ``translate`` maps a leaf name ``a`` to ``(u, b)``: substitute ``a = u + b`` (the form
    must then not involve ``b``); ``order`` lists the variables and ``scales`` nonzero
    factors :math:`s_i`: the form must read :math:`\sum_{ij} s_i s_j M_{ij} v_i v_j` with
    :math:`M` max-structured (a diagonal congruence, so PSD-ness is that of :math:`M`).
    """

    order: tuple[str, ...]
    scales: tuple[Any, ...]
    translate: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ClosedFormCheck:
    """Outcome of :meth:`ClosedFormCertificate.verify` (``ok`` only if every part passed)."""

    ok: bool
    identity: bool
    nonnegative: bool
    psd: bool
    psd_method: str
    reason: str
    seconds: float


def max_structured_psd(diag: Sequence[Any], a: Sequence[Any]) -> tuple[bool, int, str]:
    r"""Exact PSD test of :math:`M_{ij} = D_i\delta_{ij} + a_{\max(i,j)}` in O(n).

    Eliminating the last index with pivot :math:`p = D_{n-1} + a_{n-1}` leaves the Schur
    complement :math:`M_{ij} - a_{n-1}^2/p`, again max-structured with every :math:`a_k`
    shifted by :math:`-a_{n-1}^2/p`. A negative pivot, or a zero pivot with a nonzero
    remaining row, disproves PSD (a 1x1 or 2x2 principal minor is negative). Returns
    ``(is_psd, rank, reason)``.

    >>> max_structured_psd([1, 1], [0, 1])   # [[1, 1], [1, 2]]
    (True, 2, 'all pivots >= 0')
    >>> max_structured_psd([0, 0], [0, 1])[0]   # [[0, 1], [1, 1]]: det = -1
    False
    """
    n = len(diag)
    if len(a) != n:
        raise InvalidArgument(f"len(diag)={n} and len(a)={len(a)} must match")
    shift, rank = flint.fmpq(0), 0
    for j in range(n - 1, -1, -1):
        aj = _q(a[j]) - shift
        pivot = _q(diag[j]) + aj
        if pivot > 0:
            shift += aj * aj / pivot
            rank += 1
        elif pivot < 0:
            return False, rank, f"negative pivot {pivot} at index {j}"
        elif j > 0 and aj != 0:
            return False, rank, f"zero pivot at index {j} with a nonzero row ({aj})"
    return True, rank, "all pivots >= 0"


def _translate(form: dict[tuple[str, str], Any], subs: Mapping[str, tuple[str, str]]) -> dict:
    """Substitute ``a = u + b`` in the quadratic form ``sum c <p, q>`` (keys unordered pairs)."""
    out: dict[tuple[str, str], Any] = {}

    def expand(name: str) -> list[str]:
        return list(subs[name]) if name in subs else [name]

    for (p, q), c in form.items():
        for pp in expand(p):
            for qq in expand(q):
                key = (pp, qq) if pp <= qq else (qq, pp)
                out[key] = out.get(key, 0) + c
    return {k: v for k, v in out.items() if v != 0}


def _structured_check(form: dict[tuple[str, str], Any], hint: MaxStructure) -> tuple[bool, str]:
    """PSD of the quadratic form via the max structure; raises CertificateError on mismatch."""
    form = _translate(form, hint.translate)
    pos = {name: k for k, name in enumerate(hint.order)}
    if any(p not in pos or q not in pos for p, q in form):
        stray = sorted({n for pq in form for n in pq if n not in pos})
        raise CertificateError(f"remainder involves {stray[:5]} outside the structure's order")
    n = len(hint.order)
    a: list[Any] = [0] * n
    for (p, q), c in form.items():  # a_j from the pairs (0, j): <v_0, v_j> carries 2 a_j
        i, j = sorted((pos[p], pos[q]))
        if i == 0 and j > 0:
            a[j] = c / (2 * _q(hint.scales[0]) * _q(hint.scales[j]))
    nonzero = 0
    for (p, q), c in form.items():
        i, j = sorted((pos[p], pos[q]))
        if i != j:
            nonzero += 1
            if c != 2 * _q(hint.scales[i]) * _q(hint.scales[j]) * a[j]:
                raise CertificateError(f"entry <{p},{q}> = {c} breaks the max structure")
    expected = sum(j for j in range(1, n) if a[j] != 0)  # pairs (i < j) with a_j != 0
    if nonzero != expected:
        raise CertificateError("the remainder misses entries of the max structure")
    if any(_q(x) == 0 for x in hint.scales):
        raise CertificateError("a structure scale is zero")
    diag = [form.get((v, v), 0) / _q(hint.scales[k]) ** 2 - a[k] for k, v in enumerate(hint.order)]
    ok, rank, reason = max_structured_psd(diag, a)
    return ok, f"{reason} (rank {rank} of {n})"


@dataclass(frozen=True)
class ClosedFormCertificate:
    """Exact multipliers for a problem's initial condition and interpolation slacks."""

    problem: Any
    bound: Fraction
    tau: Fraction
    multipliers: Mapping[tuple[int, str, str], Fraction]
    structure: MaxStructure | None = None

    def _remainder(self) -> tuple[dict[Any, Any], Any]:
        """``B - m - tau (c - a) - sum lambda s`` as ``{key: fmpq}`` and its constant."""
        acc: dict[Any, Any] = {}
        const = _q(self.bound)

        def add(expr: Any, c: flint.fmpq) -> None:
            nonlocal const
            for key, v in expr.terms.items():
                acc[key] = acc.get(key, 0) + c * _q(v)
            const += c * _q(expr.constant)

        (obj,) = self.problem.objectives
        (init,) = [c for c in self.problem.assumptions if c.sense == "<="]
        add(obj, flint.fmpq(-1))
        add(init.expr, _q(self.tau))  # a - c <= 0 is stored as expr = a - c
        for (o, i, j), lam in self.multipliers.items():
            oracle = self.problem.oracles[o]
            recs = {r.label: r for r in oracle.records}
            for slack in oracle.cls.pair_conditions(recs[i], recs[j]).values():
                add(slack, -_q(lam))
        return {k: v for k, v in acc.items() if v != 0}, const

    def verify(self) -> ClosedFormCheck:
        r"""Exact check of the identity, of the signs, and of :math:`S \succeq 0`."""
        t0 = time.perf_counter()
        nonneg = self.tau >= 0 and all(v >= 0 for v in self.multipliers.values())
        rem, const = self._remainder()
        left = [k for k in rem if not isinstance(k, tuple)]
        identity = const == 0 and not left
        form = {(k[0].name, k[1].name): v for k, v in rem.items() if isinstance(k, tuple)}
        psd, method, reason = self._psd(form)
        if not identity:
            reason = f"identity fails: constant {const}, value terms {left[:3]}"
        elif not nonneg:
            reason = "a multiplier is negative"
        return ClosedFormCheck(
            identity and nonneg and psd,
            identity,
            nonneg,
            psd,
            method,
            reason,
            time.perf_counter() - t0,
        )

    def _psd(self, form: dict[tuple[str, str], Any]) -> tuple[bool, str, str]:
        if self.structure is not None:
            try:
                ok, why = _structured_check(form, self.structure)
                return ok, "max-structure LDL^T", why
            except CertificateError as exc:
                structure_msg = str(exc)
        else:
            structure_msg = "no structure given"
        names = sorted({n for pq in form for n in pq})
        if len(names) > GENERAL_PSD_LIMIT:
            return False, "none", f"{structure_msg}; too large ({len(names)}) for general LDL^T"
        pos = {n: k for k, n in enumerate(names)}
        S: dict[tuple[int, int], Fraction] = {}
        for (p, q), c in form.items():
            i, j = pos[p], pos[q]
            half = Fraction(int(c.p), int(c.q)) / (1 if i == j else 2)
            S[(i, j)] = S[(j, i)] = half
        check = psd_check(S)
        return check.is_psd, "general LDL^T", check.reason


def gd_certificate(N: int, L: Any = 1, R: Any = 1) -> ClosedFormCertificate:
    r"""Drori-Teboulle's certificate for ``get("gd").setting(N, L, R)`` (step 1/L).

    Proves :math:`f(x_N) - f_* \le LR^2/(4N+2)` once :meth:`~ClosedFormCertificate.verify`
    passes; ``L`` and ``R`` must be exact (int or Fraction).

    >>> gd_certificate(1).multipliers[(0, "x0", "x1")]
    Fraction(1, 2)
    """
    from pep.algorithms import get
    from pep.algorithms.base import check_N

    check_N(N)
    for name, v in (("L", L), ("R", R)):
        if isinstance(v, bool) or not isinstance(v, (int, Fraction)) or v <= 0:
            raise InvalidArgument(f"{name}={v!r} must be a positive int or Fraction")
    lam = [Fraction(k + 1, 2 * N - k) for k in range(N)]
    mult = {(0, f"x{k}", f"x{k + 1}"): lam[k] for k in range(N)}
    mult[(0, "x*", "x0")] = lam[0]
    mult.update({(0, "x*", f"x{k}"): lam[k] - lam[k - 1] for k in range(1, N)})
    mult[(0, "x*", f"x{N}")] = 1 - lam[N - 1]
    problem = get("gd").setting(N, L=L, R=R)
    grads = tuple(f"g_f(x{k})" for k in range(N + 1))
    # x_k = x0 - (1/L) sum_{i<k} g_i: <u, g_k> carries -L times the weight of <g_i, g_k>
    scales = (-Fraction(L), *([1] * (N + 1)))
    structure = MaxStructure(("u", *grads), scales, {"x0": ("u", "x*")})
    tau = Fraction(L) / (4 * N + 2)
    return ClosedFormCertificate(problem, tau * Fraction(R) ** 2, tau, mult, structure)
