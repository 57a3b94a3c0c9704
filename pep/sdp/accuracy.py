r"""How far the reported value may be from the PEP's true value: an a-posteriori estimate.

The compiled PEP (:mod:`pep.sdp.compile`) is :math:`p^\star = \max t` subject to
:math:`t \le o_k(G, F)` for every objective row, :math:`r_i(G, F) \le 0` (inequalities),
:math:`r_j(G, F) = 0` (equalities) and :math:`G \succeq 0`, every row affine:
:math:`r_i(G, F) = \langle A_i, G\rangle + a_i^\top F + c_i`,
:math:`o_k = \langle O_k, G\rangle + \omega_k^\top F + c^o_k`. A solve returns multipliers
:math:`\lambda` (one per row), objective weights :math:`\nu`, and a point :math:`(G, F)`.
The value reported is the dual objective
:math:`v_D = \sum_k \nu_k c^o_k - \sum_i \lambda_i c_i`; the point's objective is
:math:`v_P = \min_k o_k(G, F)`. The solver's status flag plays no part below.

**An identity.** Rebuild, from the multipliers alone (never the solver's own :math:`S`),
:math:`S_\lambda = \sum_i \lambda_i A_i - \sum_k \nu_k O_k` and the function-value residual
:math:`\rho = \sum_i \lambda_i a_i - \sum_k \nu_k \omega_k` (zero for an exact certificate).
Then for *every* :math:`(G, F)`, exactly,

.. math:: \sum_k \nu_k o_k(G, F) = v_D + \sum_i \lambda_i r_i(G, F) - \langle S_\lambda, G\rangle
   - \rho^\top F .

**Upper side: is** :math:`v_D` **a bound?** Apply the identity at an optimal point
:math:`(G^\star, F^\star)`: there :math:`r_i \le 0`, equality rows vanish, :math:`G^\star
\succeq 0` and :math:`o_k \ge p^\star`. With :math:`\lambda_i^- = \max(-\lambda_i, 0)`,
:math:`s = \sum_k \nu_k`, the eigenpairs :math:`(\mu_l, v_l)` of :math:`S_\lambda`, and
:math:`\nu_k^-` the negative weights (for which :math:`o_k \ge t` points the wrong way),

.. math:: s\,p^\star \le v_D + \sum_{i\ \text{ineq}} \lambda_i^-\,|r_i(G^\star, F^\star)|
   + \sum_{\mu_l < 0} |\mu_l|\, v_l^\top G^\star v_l + |\rho^\top F^\star|
   + \sum_k \nu_k^- (o_k(G^\star, F^\star) - p^\star) .

This is rigorous -- weak duality that tolerates every defect of the multipliers: negative
multipliers, an indefinite :math:`S_\lambda`, a value residual, :math:`s \ne 1` -- but it
involves the unknown optimum. The estimate substitutes the computed point for it (its slacks,
its energy :math:`v_l^\top G v_l` along each negative direction, its values). An
interior-point solver returns the centre of the optimal face, the point of largest rank on
it, so the substitution errs on the safe side there. This is the side that catches a value
*below* the true worst case, the unsound direction: on PEPit's improved-interior-gradient
example Clarabel (through cvxpy) stops "optimal" at 0.0680639 with :math:`S_\lambda` of
smallest eigenvalue :math:`-8\cdot 10^{-9}` and :math:`\operatorname{tr} G \approx 1300`;
the term is :math:`2\cdot 10^{-5}`, the value is :math:`1.8\cdot 10^{-4}` relatively low
(issue 15, attack 13).

**Congruence.** The PEP is unchanged by :math:`G \to D^{-1} G D^{-1}`,
:math:`S \to D S D` (:mod:`pep.sdp.scaling`, :mod:`pep.sdp.basis`), and both the PSD term
above and the one below are bounds in *every* such basis, though not the same number. The
estimate takes the smaller of two: the leaves' basis and the one where :math:`G` has unit
diagonal (:math:`D = \sqrt{\operatorname{diag} G}`). The latter makes the estimate
independent of the units (with :math:`L = 10^{-8}, R = 10^{8}` the leaves' basis mixes Gram
entries of size :math:`10^{16}` and 1).

**Resolution.** The substitution says nothing along a direction where the computed point has
no energy: a solve that froze a coordinate at 0 (scaled from a point where that coordinate
was ~0) returns multipliers with :math:`S_\lambda` grossly negative exactly there, and the
product vanishes. So the point's energy is floored at :data:`RESOLUTION` times its average
diagonal entry (:func:`_resolved`), in both bases. SC-OGM N = 20, a rescaled Clarabel solve:
:math:`\mu_{\min} = -5138` along the last gradient, energy 3e-17 at the point and 1.6e-7 at the
worst case; the value 1.249e-8 against a worst case of 4.661e-8 was estimated at 1.2e-11
(relative 1e-3, a bound at ``rtol=1e-2``), and with the floor at 3.8e-9, relative 0.3
(tests/test_rescale.py). The floor only adds to the estimate, and is far below a
healthy solution's terms (:math:`|\mu_{\min}| \lesssim 10^{-9}`).

**Lower side: is** :math:`v_D` **loose?** The point satisfies the perturbed constraints
:math:`r_i \le u_i = \max(r_i(G, F), 0)`, :math:`r_j = u_j` and
:math:`G \succeq -\varepsilon` along the negative eigendirections of :math:`G`. The identity
with exactly optimal multipliers :math:`(\lambda^\star, S^\star \succeq 0)` bounds the
perturbed value by :math:`p^\star + \sum_i \lambda^\star_i u_i +` (the negative part of
:math:`G` paired with :math:`S^\star`), hence

.. math:: p^\star \ge L := v_P - \sum_i w_i |u_i| - \sum_{\gamma_l < 0} |\gamma_l|\,
   x_l^\top S_\lambda^+ x_l ,

with :math:`(\gamma_l, x_l)` the eigenpairs of :math:`G` and the weights :math:`w_i`
estimating :math:`\lambda^\star_i`: :math:`|\lambda_i|`, except for a row whose multiplier
is exactly 0 -- a row the certificate leaves out (polishing, relaxations, constraint
generation) -- whose violation is charged at its family's largest multiplier, since its
sensitivity was never measured. First order in the solver's error, exact for a feasible point.

**The estimate** on the reported value is the larger of the two distances,

.. math:: E = \max\bigl(U - v_D,\ |v_D - L|\bigr),

:math:`U` the upper bound above divided by :math:`s`. The absolute value in the second term
also charges a point that claims *more* than the dual allows (:math:`L > v_D`): either side
may be wrong then. The relative form is :math:`E/\max(|v_D|, |v_P|)`, relative to the value
itself and to nothing larger: a scale that ignores cancellation (the objective's Gram terms
:math:`\sum |c_{ij} G_{ij}|`, or the unit of the scaled data) is of order 1 where the value is
1e-2 or 1e-10, and accepted TMM N = 4 at 2.5e-6 below its tight value :math:`\kappa\rho^8 =
1/64` (tests/test_default_sweep.py). Every term is a multiplier times a constraint
quantity, in the units of the objective. A value is reported as a bound only when
:math:`E \le` ``rtol`` :math:`\cdot\max(|v_D|, |v_P|)`, ``rtol`` = :data:`DEFAULT_RTOL`
unless the caller changes it.

**Zero.** An objective whose worst case is 0 (a potential difference
:math:`V_{k+1} - V_k`, a Lyapunov check) has no relative accuracy. Where the value is 0
within its own error (:math:`E \ge \max(|v_D|, |v_P|)`) *and* the solution is an
interior-point one (Clarabel: the centre of the optimal face, where the first-order terms
are reliable), the tolerance is absolute in the objective's unit :math:`\omega`
(:func:`objective_unit`): :math:`E \le` ``rtol`` :math:`\cdot\,\omega`, and
``ErrorEstimate.scale`` says which scale was used. Not for first-order solutions: SCS
stopped on TMM N = 16 at 1.02e-11 against a tight 9.3e-10, its estimate far below that
error. A tiny nonzero worst case (linear-rate methods at large N) may then be reported as
0 within :math:`E`, never with :math:`E` stated smaller than the scale allows.

Measured (a one-off check, 2026-12-04; 129 rough solves of gd, ogm, ogm_g, halpern and FEG at
N = 2, 5, 9, against the closed forms; tests/test_solve_auto.py keeps a smaller grid: SCS at eps 1e-2 to 1e-5, Clarabel stopped after 8-12 iterations or at
tolerance 1e-3): :math:`E` exceeded the actual distance to the closed form in every case but
two SCS solves at eps 1e-2, 40 % and 70 % off, where :math:`E` was 23 % and 37 % of the
value: first-order terms understate gross errors, and such values are refused anyway.

>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve("CLARABEL_DIRECT")
>>> est = estimate(r.data, r.solution)
>>> est.relative <= DEFAULT_RTOL, abs(r.value - 0.1) <= est.absolute + 1e-12
(True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from pep.sdp.compile import CompiledProblem
from pep.sdp.matrix_blocks import equivalent_duals, psd_terms

if TYPE_CHECKING:  # pep.sdp.solvers imports this module
    from pep.sdp.solvers.base import Solution

__all__ = ["DEFAULT_RTOL", "ErrorEstimate", "estimate", "multiplier_matrix", "objective_unit"]

#: a value is reported as a bound when its estimated error is at most this, relative
DEFAULT_RTOL = 1e-6


@dataclass(frozen=True)
class ErrorEstimate:
    """The terms of the module docstring (absolute, in the objective's units).

    ``absolute`` is :math:`E`, ``relative`` is :math:`E` / ``scale``, ``scale`` being
    :math:`\\max(|v_D|, |v_P|)`, or the objective's unit where the value is 0 within
    :math:`E` (``zero``; module docstring); ``inf`` when the scale is 0 and :math:`E > 0`;
    ``upper`` is :math:`U - v_D` and ``lower`` the other
    distance. The named terms show where the error comes from. ``pinned``: measured over the
    pinned problem of :mod:`pep.sdp.rescale` (the same PEP; see :mod:`pep.sdp.auto`) rather
    than over the data of the solution's own basis."""

    absolute: float
    relative: float
    upper: float
    lower: float
    gap: float
    negative_multipliers: float
    psd_multiplier: float
    value_residual: float
    weights: float
    primal_infeasibility: float
    psd_point: float
    scale: float = float("nan")
    zero: bool = False
    #: measured over the pinned problem of :mod:`pep.sdp.rescale` (see :mod:`pep.sdp.auto`)
    pinned: bool = False

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.__dict__.items()}


def multiplier_matrix(data: CompiledProblem, sol: Solution) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`S_\lambda` and :math:`\rho` rebuilt from the multipliers (module docstring).

    A compiled Gram column ``p*d + q`` (``p <= q``) holds the coefficient of :math:`G_{pq}`
    once, so the symmetric matrix of a row has half of it off the diagonal."""
    d = data.dimension
    upper = -(sol.objective_duals @ data.objective.gram)
    rho = -(sol.objective_duals @ data.objective.values)
    for lam, blk in _rows_and_duals(data, sol):
        upper = upper + lam @ blk.gram
        rho = rho + lam @ blk.values
    U = np.asarray(upper, float).reshape(d, d)
    half = np.triu(U, 1) / 2
    return half + half.T + np.diag(np.diag(U)), np.asarray(rho, float).reshape(-1)


def _negative_part(S: np.ndarray, G: np.ndarray) -> float:
    r""":math:`\sum_{\mu_i < 0} |\mu_i|\, v_i^\top G v_i` over the eigenpairs of ``S``: the most
    :math:`-\langle S, G'\rangle` can be for a PSD :math:`G'` with :math:`G`'s energy along
    each eigenvector (at most :math:`|\lambda_{\min}(S)|\operatorname{tr} G`)."""
    if not S.size:
        return 0.0
    w, V = np.linalg.eigh((S + S.T) / 2)
    neg = w < 0
    if not neg.any():
        return 0.0
    Vn = V[:, neg]
    return float(-w[neg] @ np.einsum("pi,pq,qi->i", Vn, G, Vn).clip(min=0.0))


#: the energy of a computed Gram matrix along a direction is known to this fraction of its
#: average diagonal entry, no better (see :func:`_resolved`)
RESOLUTION = 1e-12


def _resolved(G: np.ndarray) -> np.ndarray:
    r"""``G`` plus :data:`RESOLUTION` times its average diagonal entry on the diagonal: the
    point the upper side measures, so that no direction counts as energy-free (module
    docstring, "Resolution")."""
    if not G.size:
        return G
    d = G.shape[0]
    floor = RESOLUTION * max(float(np.trace(G)), 0.0) / d
    return G + floor * np.eye(d)


def _plus(S: np.ndarray) -> np.ndarray:
    """The positive semidefinite part of ``S``."""
    if not S.size:
        return S
    w, V = np.linalg.eigh((S + S.T) / 2)
    return (V * np.maximum(w, 0.0)) @ V.T


def _balance(G: np.ndarray) -> np.ndarray:
    """``sqrt(diag G)``, floored at ``1e-6`` of its largest entry (1 for ``G = 0``)."""
    g = np.sqrt(np.maximum(np.diag(G), 0.0)) if G.size else np.ones(0)
    top = float(g.max(initial=0.0))
    return np.maximum(g, 1e-6 * top) if top > 0 else np.ones(len(g))


def _rows_and_duals(data: CompiledProblem, sol: Solution) -> list[tuple[np.ndarray, Any]]:
    """Every block with its multipliers; PSD blocks with their equivalent row multipliers
    (:func:`pep.sdp.matrix_blocks.equivalent_duals`)."""
    return [*zip(sol.duals, data.blocks), *equivalent_duals(data, sol)]


def _dual_value(data: CompiledProblem, sol: Solution) -> float:
    v = float(np.dot(sol.objective_duals, data.objective.const))
    for lam, blk in _rows_and_duals(data, sol):
        v -= float(np.dot(lam, blk.const))
    return v


def estimate(data: CompiledProblem, sol: Solution) -> ErrorEstimate:
    """The error estimate of the module docstring for ``sol`` (over ``data``'s basis)."""
    nan = float("nan")
    duals = (*sol.duals, *sol.psd_block_duals)
    if not np.all(np.isfinite(sol.gram)) or not all(np.all(np.isfinite(x)) for x in duals):
        inf = float("inf")
        return ErrorEstimate(inf, inf, inf, inf, nan, nan, nan, nan, nan, nan, nan)
    G, F, nu = sol.gram, sol.values, sol.objective_duals
    S, rho = multiplier_matrix(data, sol)
    vD = _dual_value(data, sol)
    objectives = data.objective.evaluate(G, F)
    vP = float(np.min(objectives))
    negative = infeasible = 0.0
    for lam, blk in zip(sol.duals, data.blocks):
        row = blk.evaluate(G, F)
        # a row the certificate leaves out (multiplier exactly 0: polishing, relaxations) has
        # no measured sensitivity; its violation counts at its family's largest multiplier
        weight = np.where(lam == 0, float(np.abs(lam).max(initial=0.0)), np.abs(lam))
        if blk.sense == "<=":
            negative += float(np.maximum(-lam, 0.0) @ np.maximum(-row, 0.0))
            infeasible += float(weight @ np.maximum(row, 0.0))
        else:
            infeasible += float(weight @ np.abs(row))
    psd_upper, psd_lower = psd_terms(data, sol, G, F)  # LMI blocks: Z and M(G, F) not PSD
    negative += psd_upper
    infeasible += psd_lower
    # each product is a valid bound in any basis of the congruence G -> D^-1 G D^-1,
    # S -> D S D: take the better of the leaves' basis and the one where G has unit diagonal
    D = _balance(G)
    DD = np.outer(D, D)
    bases = ((S, G), (S * DD, G / DD))
    resolved = _resolved(G)  # the optimum's energy is not known below the point's resolution
    psd_multiplier = min(
        _negative_part(Sb, Rb) for (Sb, _), Rb in zip(bases, (resolved, resolved / DD))
    )
    psd_point = min(_negative_part(Gb, Sb_plus) for Sb, Gb in bases for Sb_plus in [_plus(Sb)])
    value_residual = abs(float(rho @ F)) if F.size else 0.0
    # objective weights: below 0 they break "sum nu_k o_k >= s t"; the excess o_k - t counts
    excess = float(np.maximum(-nu, 0.0) @ (objectives - vP))
    s = float(nu.sum())
    top = vD + negative + psd_multiplier + value_residual + excess
    upper = top / s - vD if s > 0 else float("inf")
    lower = abs(vD - vP + infeasible + psd_point)
    absolute = max(upper, lower, 0.0)
    scale = max(abs(vD), abs(vP))
    zero = absolute >= scale and str(sol.solver).upper().startswith("CLARABEL")
    if zero:  # 0 within E: an absolute tolerance in the objective's unit
        scale = max(scale, objective_unit(data))
    relative = absolute / scale if scale > 0 else (0.0 if absolute == 0 else math.inf)
    return ErrorEstimate(
        absolute=absolute,
        relative=relative,
        upper=upper,
        lower=lower,
        gap=vD - vP,
        negative_multipliers=negative,
        psd_multiplier=psd_multiplier,
        value_residual=value_residual,
        weights=abs(1.0 - s) * abs(vD) + excess,
        primal_infeasibility=infeasible,
        psd_point=psd_point,
        scale=scale,
        zero=zero,
    )


def objective_unit(data: CompiledProblem) -> float:
    r"""The unit of the objective: the factor :math:`\omega` by which the fitted scaling of
    :mod:`pep.sdp.scaling` divides the objective rows so that the data are of order 1 (1.18
    for gradient descent with :math:`L = R = 1`, 1090 with :math:`L = 10^{-3}, R = 10^3`)."""
    from pep.sdp.scaling import scaling_of

    return float(scaling_of(data).objective)
