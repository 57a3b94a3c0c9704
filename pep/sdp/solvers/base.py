"""Solver-neutral solution data and the status enum."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Status", "Solution", "SolverRun"]


class Status(enum.Enum):
    """Outcome of a solve. Only ``OPTIMAL`` results are reported as bounds."""

    OPTIMAL = "optimal"
    INACCURATE = "optimal_inaccurate"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    ERROR = "error"


@dataclass(frozen=True)
class Solution:
    """What an adapter returns: primal and dual solutions as plain arrays.

    ``duals[k]`` are the multipliers of ``compiled.blocks[k]`` (>= 0 for inequalities),
    ``objective_duals`` those of ``t <= objective_k`` (they sum to 1), ``psd_dual`` the
    matrix ``S`` paired with ``G >= 0``.
    """

    status: Status
    primal_value: float
    gram: np.ndarray
    values: np.ndarray
    duals: tuple[np.ndarray, ...]
    objective_duals: np.ndarray
    psd_dual: np.ndarray
    solver: str
    solver_version: str
    setup_time: float
    solve_time: float
    raw_status: str
    options: dict[str, Any] = field(default_factory=dict)
    iterations: int | None = None  # the solver's iteration count, where it reports one
    # one matrix multiplier Z_b >= 0 per PSD block of the data (pep.sdp.matrix_blocks)
    psd_block_duals: tuple[np.ndarray, ...] = ()


@dataclass(frozen=True)
class SolverRun:
    """One call of a conic solver by a direct adapter: its primal ``x``, its dual ``z`` (SCS's
    ``y``), its own status string, and the times (``setup_time`` from the adapter's start,
    so it includes building the conic data) and iteration count."""

    x: np.ndarray
    z: np.ndarray
    raw_status: str
    setup_time: float
    solve_time: float
    iterations: int
