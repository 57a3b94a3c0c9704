"""PEPit's low-dimensional worst cases: pep's dimension reduction reaches PEPit's dimensions.

Each of the nine files docs/examples/low_dim_*.py re-expresses an example of PEPit 0.5.1's
``low_dimensional_worst_cases_scenarios`` and states ``PEPIT_DIMENSION``, the dimension of the
worst case PEPit's docstring reports (log-det heuristic for seven, trace for two), and
``REDUCTION``, the keyword arguments of ``solve()`` (pep.sdp.reduction) that reach it. The test
solves each with the default solver and that reduction and checks:

* the value is the first solve's bound, within 1e-5 relative of PEPit's (MOSEK or Clarabel,
  the nearer);
* the worst case :meth:`pep.Result.worst_case` returns has exactly PEPit's dimension, counting
  the eigenvalues of its Gram matrix above ``RANK_TOL`` = 1e-5 times the largest (the
  documented default, ``pep.sdp.reduction.RANK_RTOL``), and the coordinates reproduce the
  Gram matrix to that tolerance;
* the example is near-optimal: its objective is within the reduction's slack of the bound.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from pep.sdp.reduction import DEFAULT_RTOL, RANK_RTOL

GALLERY = Path(__file__).resolve().parents[1] / "docs" / "examples"
FILES = sorted(GALLERY.glob("low_dim_*.py"))
RANK_TOL = 1e-5
VALUE_RTOL = 1e-5


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"lowdim_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nine_files_are_there() -> None:
    assert len(FILES) == 9
    assert RANK_TOL == RANK_RTOL  # the test counts as worst_case() does by default


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_reduction_reaches_pepit_dimension(path: Path) -> None:
    module = _load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a failed re-solve warns: that is a failure here
        result = module.build().solve(**module.REDUCTION)
    refs = [r for r in (module.REFERENCE, module.PEPIT_CLARABEL) if r is not None]
    assert min(abs(result.value - r) / abs(r) for r in refs) <= VALUE_RTOL
    assert result.is_bound
    example = result.worst_case(tol=RANK_TOL)
    assert example.dimension == module.PEPIT_DIMENSION
    assert result.worst_case().dimension == module.PEPIT_DIMENSION
    assert result.reduction[-1].dimension <= module.PEPIT_DIMENSION
    # the coordinates are the example's Gram matrix, up to the dropped eigenvalues
    names = result.data.point_names
    Y = np.array([example.points[n] for n in names])
    G = result._low.gram if result._low is not None else result.gram
    assert np.abs(Y @ Y.T - G).max() <= 10 * RANK_TOL * np.abs(G).max()
    # near-optimal: within the objective slack of the bound (and not above it)
    slack = module.REDUCTION.get("reduction_rtol", DEFAULT_RTOL)
    objective = result.reduction[-1].objective
    assert result.value * (1 - 2 * slack) <= objective <= result.value * (1 + 1e-6)
