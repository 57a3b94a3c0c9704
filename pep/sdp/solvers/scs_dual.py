r"""An SCS adapter that poses the *dual* PEP on an equilibrated Gram basis.

The data are those of :mod:`pep.sdp.solvers.clarabel_dual` (multipliers as the solver's variables,
:math:`S = \sum_r \lambda_r A_r + \sum_j \mu_j E_j - \sum_k \nu_k O_k \succeq 0` as the PSD
slack, the PEP's point :math:`(G, F)` read back from the solver's dual) in SCS's svec order,
after one change of variables that SCS cannot make itself.

**Congruence equilibration.** SCS equilibrates the rows and columns of its matrix (Ruiz), but
it must scale a PSD cone's entries uniformly, or the cone would change. A PEP's Gram basis is
badly scaled for a first-order method: in the worst case of OGM at N = 40 (Clarabel's),
:math:`\|g_k\|^2` falls from 3.2e-2 (k = 0) to 1.4e-4 (k = 39) while
:math:`\|x_0 - x_\star\|^2 = 1`. A positive diagonal :math:`D` acting by congruence,
:math:`G = D G' D`, maps the PSD cone onto itself, so the problem in :math:`G'` (every Gram
coefficient :math:`a_{pq}` becomes :math:`a_{pq} D_p D_q`) has the same value, the same
multipliers and :math:`S' = D S D`. :math:`D` is chosen from the data alone by Ruiz's
iteration on the basis indices: with :math:`n_p` the Euclidean norm of every coefficient
that touches index :math:`p` (all rows and objective rows, at the current scaling),
:math:`D_p \leftarrow D_p / \sqrt{n_p}`, repeated :data:`RUIZ_ITERATIONS` times, which
drives the :math:`n_p` towards a common value (Ruiz, "A scaling algorithm to equilibrate both
rows and columns norms in matrices", RAL-TR-2001-034).

Measured with SCS 3.3.1 at eps 1e-7 (``scripts/bench_scs_dual.py``; iterations, plain dual
form -> equilibrated): N = 40: OGM 1300 -> 400, Halpern 4450 -> 1400, FGM 475 -> 250, APPM
16525 -> 5950, GD 150 -> 100, OGM-G 650 -> 550, but PPM 950 -> 1225; N = 20: APPM 12175 ->
900, FISTA 2900 -> 2025, PPM 325 -> 575. The dual form itself (without equilibration) takes
2-4x fewer SCS iterations than the primal form of :mod:`pep.sdp.solvers.scs_direct` at N = 40 on
OGM, OGM-G, PPM and GD (BENCHMARKS.md). ``options={"equilibrate": False}``
solves the plain dual form.

**Translation (opt-in).** ``options={"translate": True}``: when the PEP is translation
invariant (:mod:`pep.sdp.solvers.translation`), the stationary point is made the origin first,
which removes one basis vector. Exact, but SCS's iteration count moves both ways
(``scripts/bench_scs_dual.py``, equilibrated, iterations without -> with): Halpern N = 40
1400 -> 875 and PPM N = 40 1225 -> 1050, but APPM N = 40 5950 -> 10125 and FISTA N = 20
2025 -> 7625; hence off by default. Never applied to the min-trace problem, whose least-trace
worst case depends on the origin.

SCS is a first-order method: answers are accurate to its tolerances (defaults here
``eps_abs = eps_rel = 1e-7``, as :mod:`pep.sdp.solvers.scs_direct`) and are labelled as SCS
reports them; its "infeasible"/"unbounded" are swapped, as for ``CLARABEL_DUAL``.

Selected by name (``solver="SCS_DUAL"``, or ``"SCS"``: :mod:`pep.sdp.solvers.named`) and by
the ``auto`` plan; never used as a silent fallback.

>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve(solver="SCS_DUAL")
>>> abs(r.value - 0.1) < 1e-6, r.solver  # 1/(4N + 2) at N = 2 (Drori-Teboulle 2014)
(True, 'SCS_DUAL')

Reference: B. O'Donoghue, E. Chu, N. Parikh, S. Boyd, "Conic optimization via operator
splitting and homogeneous self-dual embedding", J. Optim. Theory Appl. 169 (2016).
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.errors import InvalidArgument
from pep.sdp.compile import Block, CompiledProblem
from pep.sdp.solvers.base import Solution
from pep.sdp.solvers.clarabel_direct import run_info
from pep.sdp.solvers.clarabel_dual import _SWAP, dual_data, dual_solution_from
from pep.sdp.solvers.scs_direct import DEFAULTS, _version, run_scs, scs_status
from pep.sdp.solvers.translation import reduce_translation

__all__ = ["NAME", "RUIZ_ITERATIONS", "congruence_scaling", "congruent", "solve_scs_dual"]

NAME = "SCS_DUAL"
RUIZ_ITERATIONS = 10  # 20 did no better (N = 20: FISTA 1825 vs 2350 SCS iterations); ~1 ms


def congruence_scaling(data: CompiledProblem, iterations: int = RUIZ_ITERATIONS) -> np.ndarray:
    r"""Ruiz equilibration of the Gram basis: positive ``D`` with ``max(D) = 1``.

    See the module docstring. Indices that no row touches keep :math:`D_p = 1`.

    >>> from pep.algorithms import get
    >>> D = congruence_scaling(get("ogm").setting(3).compile())
    >>> bool(D.max() == 1.0 and D.min() > 0)
    True
    """
    d = data.dimension
    coo = sp.vstack([*(b.gram for b in data.blocks), data.objective.gram]).tocoo()
    p, q = coo.col // d, coo.col % d
    D = np.ones(d)
    for _ in range(iterations):
        sq = (coo.data * D[p] * D[q]) ** 2
        norms = np.sqrt(np.bincount(p, sq, d) + np.bincount(q, sq, d))
        D = D / np.sqrt(np.where(norms > 0, norms, 1.0))
    return D / D.max()


def congruent(data: CompiledProblem, D: np.ndarray) -> CompiledProblem:
    r"""The PEP in the variable :math:`G' = D^{-1} G D^{-1}`: Gram coefficient ``p*d + q``
    multiplied by :math:`D_p D_q`; function values and constants unchanged."""
    weights = sp.diags(np.outer(D, D).reshape(-1))

    def scale(blk: Block) -> Block:
        return dataclasses.replace(blk, gram=sp.csr_matrix(blk.gram @ weights))

    return dataclasses.replace(
        data, blocks=tuple(scale(b) for b in data.blocks), objective=scale(data.objective)
    )


def solve_scs_dual(
    data: CompiledProblem,
    options: dict[str, Any],
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> Solution:
    """Solve the compiled PEP in dual form with SCS (see the module docstring)."""
    options = dict(options)
    equilibrate, translate = options.pop("equilibrate", True), options.pop("translate", False)
    for key, val in (("equilibrate", equilibrate), ("translate", translate)):
        if not isinstance(val, bool):
            raise InvalidArgument(f"{key}={val!r} must be True or False")
    settings = {**DEFAULTS, **options}
    t0 = time.perf_counter()
    # not for min trace: fixing the origin would change which worst case has least trace
    reduction = reduce_translation(data) if translate and trace_level is None else None
    work = reduction.data if reduction is not None else data
    d = work.dimension
    D = congruence_scaling(work) if equilibrate else np.ones(d)
    scaled = congruent(work, D) if equilibrate else work
    # min <W, G> = min <D W D, G'>: the identity of the trace problem's S becomes D W D
    W = np.eye(len(D)) if trace_weight is None else np.asarray(trace_weight, float)
    dd = dual_data(scaled, trace_level, "lower_col", trace_weight=W * np.outer(D, D))
    run = run_scs(dd.c, dd.A, dd.b, (dd.n_zero, dd.n_nonneg, d), settings, t0, NAME)
    status = scs_status(run.raw_status)
    switches = {"equilibrate": equilibrate, "translate": translate}
    info = run_info(run, NAME, _version(), {**settings, **switches})
    sol = dual_solution_from(
        scaled, dd, run.x, run.z, _SWAP.get(status, status), trace_level is not None, **info
    )
    # back to the PEP's own variables: G = D G' D, S = D^{-1} S' D^{-1}; multipliers unchanged
    G = sol.gram * np.outer(D, D)
    primal = float(np.sum(W * G)) if trace_level is not None else sol.primal_value
    sol = dataclasses.replace(
        sol, gram=G, psd_dual=sol.psd_dual / np.outer(D, D), primal_value=primal
    )
    return reduction.expand(sol) if reduction is not None else sol
