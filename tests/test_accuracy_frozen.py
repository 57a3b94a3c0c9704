"""A solve that freezes a coordinate must not pass for a bound (pep/sdp/accuracy.py, ``_resolved``).

The upper side of the error estimate substitutes the computed point for the unknown optimum.
A Clarabel solve scaled from a point whose last gradient is ~0 (SC-OGM N = 20, the rescaled
steps of ``solver="auto"``) keeps that coordinate frozen: its multipliers leave
:math:`S_\\lambda` with an eigenvalue near -5e3 along it, where the point has no energy, and its
value is about a quarter of the worst case. Measured by the point alone its estimate was
1.2e-11, relative 1e-3: a bound at ``rtol=1e-2``, 3.7x below the worst case. The resolution
floor charges the frozen direction (relative 0.3 here): refused at any ``rtol`` below that.
"""

from __future__ import annotations

import numpy as np

from pep.algorithms import get
from pep.sdp.accuracy import _dual_value, estimate
from pep.sdp.plan import TIGHT_CLARABEL
from pep.sdp.rescale import gauge, solution_scaling
from pep.sdp.solvers import run_adapter

LOOSE_RTOL = 1e-2


def _scaled_from(g, start, floor: float):
    G, F = g.pinned_point(start.gram, start.values)
    scale = solution_scaling(g.data, G, F, floor=floor)
    sol, _ = run_adapter(g.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL), scale=scale)
    return g.restore(sol)


def test_a_frozen_coordinate_is_not_estimated_as_accurate() -> None:
    problem = get("sc_ogm").setting(20)
    data = problem.compile()
    g = gauge(problem, data)
    pinned, _ = run_adapter(g.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL))
    start = g.restore(pinned)
    candidate = _scaled_from(g, start, floor=1e-14)  # the default floor: tiny scales kept
    witness = _scaled_from(g, start, floor=1e-6)  # tiny scales lifted: the coordinate moves
    # the witness is a point of the PEP: its objective, less its own lower-side error, is a
    # value the worst case attains (up to that error)
    w_est = estimate(data, witness)
    attained = float(np.min(data.objective.evaluate(witness.gram, witness.values))) - w_est.lower
    assert w_est.lower <= 1e-3 * attained  # the witness is a (nearly) feasible point
    value, est = _dual_value(data, candidate), estimate(data, candidate)
    # sound at a loose tolerance a user may ask for (rtol=1e-2): either the candidate is
    # refused, or its estimate covers the distance to a value the worst case attains
    assert est.relative > LOOSE_RTOL or value + est.absolute >= attained
