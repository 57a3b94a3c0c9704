"""Dimension reduction (pep.sdp.reduction): the weighted-trace re-solve, the iterated log-det
heuristic (Fazel, Hindi, Boyd 2003) and "the bound is the first solve's".

Reference facts: gradient descent's worst case on L-smooth convex functions is
one-dimensional (a Huber function) with value L R^2 / (4N + 2) (Drori-Teboulle 2014,
REFERENCE.md). No test asserts a solver status string or a time.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from pep.algorithms import get
from pep.errors import InvalidArgument, SolverError
from pep.sdp.basis import rebase
from pep.sdp.reduction import RANK_RTOL, Reduction, dimension, reduction_spec
from pep.sdp.solvers import run_adapter

GD3 = 1 / 14  # 1/(4N + 2) at N = 3
PPM_VALUE = (10 / 11) ** 10 / 11  # (1 - 1/n)^(n-1)/n at n = 11 (Gu, Yang, SIAM J. Optim. 2020)
GALLERY = Path(__file__).resolve().parents[1] / "docs" / "examples"


def _gallery(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"gallery_{name}", GALLERY / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"dimension_reduction": "rank"}, "dimension_reduction='rank'"),
        ({"dimension_reduction": "trace2"}, "dimension_reduction='trace2'"),
        ({"dimension_reduction": "logdet", "reduction_steps": 0}, "reduction_steps=0"),
        ({"dimension_reduction": "logdet", "reduction_steps": 2.5}, "reduction_steps=2.5"),
        ({"dimension_reduction": "logdet", "reduction_steps": True}, "reduction_steps=True"),
        ({"dimension_reduction": "logdet3", "reduction_steps": 3}, "both give the steps"),
        ({"dimension_reduction": "trace", "reduction_steps": 3}, "one re-solve"),
        ({"dimension_reduction": "logdet", "reduction_rtol": 0}, "reduction_rtol=0"),
        ({"dimension_reduction": "logdet", "reduction_rtol": 1.5}, "reduction_rtol=1.5"),
        ({"dimension_reduction": "trace", "reduction_rtol": "1e-5"}, "reduction_rtol='1e-5'"),
        ({"reduction_steps": 3}, "need dimension_reduction"),
        ({"reduction_rtol": 1e-4}, "need dimension_reduction"),
    ],
)
def test_bad_reduction_arguments_are_refused_before_solving(kwargs, fragment) -> None:
    with pytest.raises(InvalidArgument) as info:
        get("gd").setting(2).solve("CLARABEL_DIRECT", **kwargs)
    assert fragment in str(info.value)


def test_spellings_of_the_request() -> None:
    assert reduction_spec(None) is None
    assert reduction_spec("logdet7") == Reduction("logdet", 7)
    assert reduction_spec("logdet", 2, 1e-3) == Reduction("logdet", 2, 1e-3)
    assert reduction_spec("trace") == Reduction("trace", 1)
    assert reduction_spec(Reduction("logdet", 2)) == Reduction("logdet", 2)
    with pytest.raises(InvalidArgument, match="reduction_steps=0"):
        reduction_spec(Reduction("logdet", 0))
    with pytest.raises(InvalidArgument, match="dimension_reduction='rank'"):
        reduction_spec(Reduction("rank"))


def test_dimension_counts_above_the_relative_threshold_and_the_noise_floor() -> None:
    assert dimension(np.diag([1.0, 0.5, 1e-4])) == 3
    assert dimension(np.diag([1.0, 0.5, 1e-6])) == 2  # below RANK_RTOL
    assert dimension(np.diag([1.0, 3e-5, -2e-5])) == 1  # within the noise floor
    assert dimension(np.diag([1.0, 1e-9]), rtol=1e-12) == 2
    assert RANK_RTOL == 1e-5


@pytest.mark.parametrize("solver", ["auto", "CLARABEL_DIRECT", "CLARABEL_DUAL"])
def test_logdet_reaches_one_dimension_for_gd_and_keeps_the_first_bound(solver) -> None:
    plain = get("gd").setting(3).solve(solver)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = get("gd").setting(3).solve(solver, dimension_reduction="logdet")
    assert r.value == pytest.approx(GD3, rel=1e-6) and r.is_bound
    assert r.value == pytest.approx(plain.value, rel=1e-12)  # the first solve's bound
    assert r.solution.gram == pytest.approx(plain.solution.gram, abs=1e-12)
    names = [s.name for s in r.reduction]
    assert names[0] == "solve" and names[1] == "logdet 1/5"
    assert r.reduction[-1].dimension == 1 == r.worst_case().dimension
    # the example is near-optimal: within reduction_rtol of the bound
    assert r.reduction[-1].objective >= GD3 * (1 - 2e-5)
    assert any(a.path.startswith("logdet 1/5") and a.outcome == "example" for a in r.attempts)
    assert r.path == plain.path  # the value comes from the first solve


def test_the_trace_heuristic_is_one_step() -> None:
    r = get("gd").setting(3).solve("CLARABEL_DIRECT", dimension_reduction="trace")
    assert [s.name for s in r.reduction] == ["solve", "trace"]
    assert r.worst_case().dimension == 1


def test_a_larger_objective_slack_is_honoured() -> None:
    r = (
        get("gd")
        .setting(3)
        .solve("CLARABEL_DIRECT", dimension_reduction="trace", reduction_rtol=1e-2)
    )
    assert GD3 * (1 - 1e-2) * (1 - 1e-6) <= r.reduction[-1].objective <= GD3 * (1 + 1e-6)


def _weighted_min(solver: str, rebased=None) -> tuple[float, np.ndarray]:
    problem = get("gd").setting(2)
    data = problem.compile()
    d = data.dimension
    rng = np.random.default_rng(7)
    M = rng.standard_normal((d, d))
    W = M @ M.T + np.eye(d)  # a dense positive definite weight over the leaves
    reb = rebase(problem, "points") if rebased else None
    sol, _ = run_adapter(data, solver, {}, rebased=reb, trace_level=0.09, trace_weight=W)
    assert sol.primal_value == pytest.approx(float(np.sum(W * sol.gram)), rel=1e-9)
    assert float(np.min(data.objective.evaluate(sol.gram, sol.values))) >= 0.09 - 1e-6
    return sol.primal_value, W


@pytest.mark.parametrize(
    ("solver", "rebased"),
    [("CLARABEL_DUAL", False), ("CLARABEL", False), ("CLARABEL_DIRECT", True), ("SCS_DUAL", False)],
)
def test_a_weight_means_the_same_objective_in_every_adapter_and_basis(solver, rebased) -> None:
    """<W, G> over the leaves, whatever basis or form the solver sees (W is carried through
    the points basis' congruence and SCS_DUAL's equilibration)."""
    reference, _ = _weighted_min("CLARABEL_DIRECT")
    value, _ = _weighted_min(solver, rebased)
    rel = 1e-4 if solver.startswith("SCS") else 1e-6
    assert value == pytest.approx(reference, rel=rel)


def test_a_failed_logdet_step_keeps_the_bound_and_the_last_example(monkeypatch) -> None:
    import pep.sdp.solvers as solvers

    real = solvers.run_adapter
    calls = []

    def failing(data, name, options, **kw):
        if kw.get("trace_weight") is not None:
            calls.append(name)
            if len(calls) > 1:  # the first log-det step succeeds, the next ones fail
                raise SolverError(f"{name} failed: panic at src/cone.rs:1: Eigval error")
        return real(data, name, options, **kw)

    monkeypatch.setattr(solvers, "run_adapter", failing)
    problem = _gallery("low_dim_proximal_point").build()  # a two-dimensional worst case
    with pytest.warns(UserWarning, match="low-rank worst case not found") as caught:
        r = problem.solve(dimension_reduction="logdet")  # a named path may stop at 1.1e-6
    assert "\n" not in str(caught[0].message) and "logdet 2/5" in str(caught[0].message)
    assert r.value == pytest.approx(PPM_VALUE, rel=1e-5) and r.is_bound
    assert [s.name for s in r.reduction][:2] == ["solve", "logdet 1/5"]
    assert any(a.outcome == "failed" for a in r.attempts)
    assert r.worst_case().dimension == r.reduction[-1].dimension
