r"""What the name ``"SCS"`` runs: SCS alone, over the formulation that suits the PEP.

A solver name says *which solver*, never a fallback to another one (DESIGN.md: no silent
fallback). Which formulation the solver is handed is pep's choice, as it is for ``"auto"``;
for SCS it decides the run time (N = 40, eps 1e-7, BENCHMARKS.md): through cvxpy's
canonicalisation, OGM takes 3.4 s and FEG 49.5 s; pep's dual form
(:mod:`pep.sdp.solvers.scs_dual`) takes 0.52 s on OGM, and over the points basis
(:mod:`pep.sdp.basis`) 6.5 s on FEG. Hence:

* ``"SCS"`` runs the adapter ``SCS_DUAL`` (:func:`scs_adapter`), except on PEPs with PSD blocks
  (LMI classes), which only cvxpy passes on to SCS: ``SCS_CVXPY``;
* :meth:`pep.Problem.solve` hands it the points basis where :func:`scs_basis`
  (operator PEPs whose rows are no denser over the points, e.g. Halpern N = 40: 0.22 s, 1.6e-8
  from the closed form over the points; 0.36 s, 1.9e-5 over the leaves; FEG N = 40: 6.5 s
  against 37 s);
* cvxpy's ``eps`` option means both ``eps_abs`` and ``eps_rel``.

``SCS_CVXPY`` (SCS through cvxpy), ``SCS_DUAL`` and ``SCS_DIRECT`` stay available by name. The
value is judged by the error estimate (:mod:`pep.sdp.accuracy`) whatever the path.

>>> from pep.algorithms import get
>>> scs_adapter(get("gd").setting(2).compile())
'SCS_DUAL'
>>> scs_options({"eps": 1e-5, "max_iters": 10})
{'max_iters': 10, 'eps_abs': 1e-05, 'eps_rel': 1e-05}
"""

from __future__ import annotations

from typing import Any

from pep.sdp.compile import CompiledProblem

__all__ = ["scs_adapter", "scs_options", "scs_basis", "POINTS_DENSITY"]

#: the points basis is used when its rows hold at most this many times the leaves' nonzeros
POINTS_DENSITY = 1.05


def scs_adapter(data: CompiledProblem) -> str:
    """The adapter that ``solver="SCS"`` runs on ``data``."""
    return "SCS_CVXPY" if data.psd_blocks else "SCS_DUAL"


def scs_options(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with cvxpy's ``eps`` spelled as SCS's ``eps_abs`` and ``eps_rel``."""
    out = dict(options)
    if "eps" in out:
        eps = out.pop("eps")
        out.setdefault("eps_abs", eps)
        out.setdefault("eps_rel", eps)
    return out


def scs_basis(problem: Any, data: CompiledProblem) -> Any:
    """``problem`` over the points basis (a :class:`pep.sdp.basis.Rebased`) where
    ``solver="SCS"`` should see it so, else ``None``.

    For anchored methods (:func:`pep.sdp.plan.points_pay`), and for operator PEPs (no function
    values) whose rows are no denser over the points (at most :data:`POINTS_DENSITY` times the
    nonzeros): there SCS converges in fewer iterations (Halpern; PPM on monotone operators:
    3.9 s against 7.9 s at N = 40). Function-value PEPs stay over the leaves (GD N = 40: 0.6 s
    over the points, 0.15 s over the leaves)."""
    from pep.sdp.basis import rebase
    from pep.sdp.plan import points_pay

    if problem is None or data.psd_blocks:
        return None
    if points_pay(problem, data):
        return rebase(problem, "points")
    if data.value_names:
        return None
    rebased = rebase(problem, "points")
    assert rebased is not None
    leaves = sum(b.gram.nnz for b in data.blocks)
    points = sum(b.gram.nnz for b in rebased.data.blocks)
    return rebased if points <= POINTS_DENSITY * leaves else None
