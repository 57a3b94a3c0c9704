"""The :class:`Problem`: owner of leaves, oracles, assumptions and objectives.

A problem is the whole state of one PEP model; there is no module- or class-level state, so
two problems can be built interleaved and each compiles exactly as if built alone.

>>> import pep
>>> problem = pep.Problem()
>>> f = problem.function(pep.SmoothConvex(L=1))
>>> x0, xs = problem.point("x0"), f.minimizer()
>>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
>>> x1 = x0 - f.grad(x0)
>>> problem.maximize(f(x1) - f(xs))
>>> round(problem.solve().value, 6)  # 1/(4N+2) for N = 1 (Drori-Teboulle)
0.166667
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pep.errors import MIXED_MSG, InvalidArgument, MixedProblemsError
from pep.model.algebra import Constraint, Leaf, Point, Scalar
from pep.model.conditions import anchored, pair_slacks, point_parameters, point_slacks
from pep.model.lmi import has_matrix_conditions
from pep.model.oracles import Function, FunctionClass, Operator, Record

if TYPE_CHECKING:
    from pep.sdp.compile import CompiledProblem
    from pep.sdp.result import Result

__all__ = ["Problem", "interpolation_constraints"]


class Problem:
    """A performance-estimation problem under construction."""

    def __init__(self) -> None:
        self._leaves: list[Leaf] = []
        self._names: set[str] = set()
        self._oracles: list[Function | Operator] = []
        self._assumptions: list[Constraint] = []
        self._objectives: list[Scalar] = []
        self._relaxations: list[str] = []
        self._partitions: list[Any] = []

    # -- leaves -------------------------------------------------------------------------------
    def _fresh_name(self, base: str) -> str:
        if base not in self._names:
            return base
        k = 2
        while f"{base}_{k}" in self._names:
            k += 1
        return f"{base}_{k}"

    def _new_leaf(self, name: str, kind: str) -> Leaf:
        name = self._fresh_name(name)
        self._names.add(name)
        leaf = Leaf(self, len(self._leaves), name, kind)  # type: ignore[arg-type]
        self._leaves.append(leaf)
        return leaf

    def _point(self, name: str, kind: str = "point") -> Point:
        leaf = self._new_leaf(name, "point")
        return Point({leaf: 1}, self, leaf.name if kind == "point" else None)

    def _value(self, name: str) -> Scalar:
        return Scalar({self._new_leaf(name, "value"): 1}, 0, self)

    def point(self, name: str | None = None) -> Point:
        """A new free point (a Gram-basis vector), e.g. the starting point ``x0``."""
        if name is not None and not isinstance(name, str):
            raise InvalidArgument(f"name={name!r} must be a string")
        return self._point(name or f"p{len(self._leaves)}")

    def scalar(self, name: str | None = None) -> Scalar:
        """A new free real number (e.g. an unknown function value in a custom model)."""
        return self._value(name or f"s{len(self._leaves)}")

    @property
    def leaves(self) -> tuple[Leaf, ...]:
        return tuple(self._leaves)

    # -- oracles ------------------------------------------------------------------------------
    def _oracle_name(self, name: str | None, default: str) -> str:
        if name is None:
            name = default if not self._oracles else f"{default}{len(self._oracles) + 1}"
        if not isinstance(name, str) or not name:
            raise InvalidArgument(f"name={name!r} must be a non-empty string")
        if any(o.name == name for o in self._oracles):
            raise InvalidArgument(f"name={name!r} is already used by another function/operator")
        return name

    def function(self, cls: FunctionClass, name: str | None = None) -> Function:
        """Declare a function of class ``cls`` (e.g. ``pep.SmoothConvex(L=1)``)."""
        if not hasattr(cls, "pair_conditions") or isinstance(cls, type):
            raise InvalidArgument(
                f"cls={cls!r} is not a function class instance; pass e.g. pep.SmoothConvex(L=1)"
            )
        if not getattr(cls, "has_values", True) and getattr(cls, "is_operator", False):
            raise InvalidArgument(f"{cls!r} is an operator class; use problem.operator(...)")
        self._own_parameters(cls)
        f = Function(self, cls, self._oracle_name(name, "f"))
        self._oracles.append(f)
        if anchored(cls):  # its conditions relate every record to f's own stationary point
            f.minimizer()
        return f

    def operator(self, cls: Any, name: str | None = None) -> Operator:
        """Declare an operator of class ``cls`` (e.g. ``pep.Monotone()``)."""
        if not hasattr(cls, "pair_conditions") or isinstance(cls, type):
            raise InvalidArgument(
                f"cls={cls!r} is not an operator class instance; pass e.g. pep.Monotone()"
            )
        if getattr(cls, "has_values", False):
            raise InvalidArgument(f"{cls!r} is a function class; use problem.function(...)")
        self._own_parameters(cls)
        op = Operator(self, cls, self._oracle_name(name, "A"))
        self._oracles.append(op)
        return op

    def _transpose_of(self, op: Operator) -> Operator:
        """Declare the transpose of the linear operator ``op`` (named ``op.name + ".T"``)."""
        t = Operator(self, op.cls.transpose_class(), self._oracle_name(f"{op.name}.T", "A"))
        self._oracles.append(t)
        return t

    def _own_parameters(self, cls: Any) -> None:
        for field, p in point_parameters(cls).items():
            self._own(p, f"the point {field}={p!r} of {type(cls).__name__}")
        partition = getattr(cls, "partition", None)
        if partition is not None and getattr(partition, "problem", self) is not self:
            raise MixedProblemsError(MIXED_MSG.format(what="the block partition of the class"))

    @property
    def oracles(self) -> tuple[Function | Operator, ...]:
        return tuple(self._oracles)

    def block_partition(self, d: int, name: str | None = None) -> Any:
        """A partition of the space into ``d`` orthogonal blocks (see :class:`pep.BlockPartition`)."""
        from pep.model.partition import BlockPartition

        return BlockPartition(self, d, name=name)

    def relax(self, reason: str) -> None:
        """Record that the model is only a relaxation (e.g. an exact line search encoded by its
        optimality conditions): results are then labelled upper bounds, never tight."""
        if not isinstance(reason, str) or not reason:
            raise InvalidArgument(f"reason={reason!r} must be a non-empty string")
        if reason not in self._relaxations:
            self._relaxations.append(reason)

    @property
    def relaxations(self) -> tuple[str, ...]:
        """Why the model is a relaxation of the method (empty when it is exact)."""
        return tuple(self._relaxations)

    # -- constraints and objectives ----------------------------------------------------------
    def _own(self, obj: Any, what: str) -> None:
        if obj.owner is not None and obj.owner is not self:
            raise MixedProblemsError(MIXED_MSG.format(what=what))

    def assume(self, constraint: Constraint, name: str | None = None) -> None:
        """Add any constraint, e.g. the initial condition ``sqnorm(x0 - xs) <= 1``."""
        if not isinstance(constraint, Constraint):
            raise InvalidArgument(
                f"constraint={constraint!r} is not a pep.Constraint; build one with <=, >= or =="
            )
        self._own(constraint.expr, "the assumed constraint")
        if name is None:
            name = constraint.name or f"assumption{len(self._assumptions)}"
        self._assumptions.append(constraint.named(name))

    def maximize(self, expr: Scalar) -> None:
        """Add a performance measure; with several, the worst case of their minimum."""
        if not isinstance(expr, Scalar):
            raise InvalidArgument(
                f"expr={expr!r} is not a pep.Scalar; maximize e.g. f(x) - f(xs) or sqnorm(g)"
            )
        self._own(expr, "the objective")
        self._objectives.append(expr)

    @property
    def assumptions(self) -> tuple[Constraint, ...]:
        return tuple(self._assumptions)

    @property
    def objectives(self) -> tuple[Scalar, ...]:
        return tuple(self._objectives)

    def constraints(self) -> list[Constraint]:
        """Every constraint with exact coefficients: interpolation conditions, then assumptions."""
        return [*interpolation_constraints(self), *self._assumptions]

    @property
    def interpolation_exact(self) -> bool:
        """True when every class used is exactly interpolable and no step relaxed the model
        (the PEP value is then tight)."""
        return not self._relaxations and all(o.cls.interpolation_exact for o in self._oracles)

    # -- stages -------------------------------------------------------------------------------
    def compile(self) -> CompiledProblem:
        """Solver-neutral sparse SDP data (see :mod:`pep.sdp.compile`)."""
        from pep.sdp.compile import compile_problem

        return compile_problem(self)

    def solve(
        self,
        solver: str = "auto",
        *,
        dimension_reduction: str | None = None,
        accept_inaccurate: bool = False,
        basis: str = "leaves",
        polish: bool | str = False,
        rtol: float | None = None,
        reduction_steps: int | None = None,
        reduction_rtol: float | None = None,
        **solver_options: Any,
    ) -> Result:
        """Solve the PEP; the returned :class:`pep.Result` holds the dual (certified) value.

        ``solver="auto"`` (the default) picks a path from the problem's shape and retries
        others until the value's error estimate is within ``rtol`` (default 1e-6 relative;
        see :mod:`pep.sdp.auto` and :mod:`pep.sdp.accuracy`); ``result.attempts`` records
        each try. A solver name (``"CLARABEL"``, ``"CLARABEL_DUAL"``, ``"SCS"``, ...) runs
        that solver alone, once, with ``solver_options`` (``"SCS"`` over pep's dual form, over
        the points basis for operator PEPs: :mod:`pep.sdp.solvers.named`); its value too is a bound only
        within ``rtol``. Otherwise :class:`pep.errors.InaccurateSolve` is raised, or, with
        ``accept_inaccurate=True``, the result is returned labelled inaccurate.
        ``dimension_reduction="trace"`` re-solves, minimizing the trace of the Gram matrix
        among points whose objective is within ``reduction_rtol`` (default 1e-5 relative) of
        the bound, for a low-dimensional worst-case example; ``"logdet"`` re-solves
        ``reduction_steps`` times (default 5; ``"logdet3"`` is PEPit's spelling of 3 steps)
        with the iterated log-det heuristic, which usually reaches fewer dimensions (see
        :mod:`pep.sdp.reduction`). The bound is the first solve's; ``result.reduction``
        records the dimension after each step and ``result.attempts`` each re-solve; if a
        re-solve fails, the bound stays, with a warning. With a named solver, ``basis="points"`` hands the
        solver the Gram matrix over the evaluated points, sparser for anchored methods such
        as FEG; ``polish=True`` then re-solves over the leaves on the rows the multipliers
        use, for the accuracy the points basis loses (see :mod:`pep.sdp.basis`);
        ``polish="CLARABEL_DIRECT"`` names the solver of that re-solve (e.g. after the fast
        but less accurate ``CLARABEL_DUAL``). The result is always over the leaves.
        """
        from pep.errors import InvalidArgument
        from pep.sdp.accuracy import DEFAULT_RTOL
        from pep.sdp.basis import rebase, solve_prepared
        from pep.sdp.reduction import reduction_spec
        from pep.sdp.size import check

        reduction = reduction_spec(dimension_reduction, reduction_steps, reduction_rtol)
        check(self, solver)  # refuse, with an estimate, what cannot fit (pep.sdp.size)
        from pep.sdp.solvers import check_rtol, solve_compiled

        rtol = check_rtol(DEFAULT_RTOL if rtol is None else rtol)
        if isinstance(solver, str) and solver.upper() == "AUTO":
            if basis != "leaves" or polish is not False:
                raise InvalidArgument(
                    f"basis={basis!r}, polish={polish!r} choose a path, which solver='auto' "
                    "does itself; name a solver, e.g. solve('CLARABEL_DIRECT', basis='points')"
                )
            return solve_compiled(  # type: ignore[no-any-return]
                self.compile(),
                "auto",
                dimension_reduction=reduction,
                options=solver_options,
                problem=self,
                accept_inaccurate=accept_inaccurate,
                rtol=rtol,
            )
        data = self.compile()
        rebased = rebase(self, basis)
        if str(solver).upper() == "SCS" and basis == "leaves":  # pep.sdp.solvers.named
            from pep.sdp.solvers.named import scs_basis

            rebased = scs_basis(self, data)
        return solve_prepared(  # type: ignore[no-any-return]
            self,
            data,
            rebased,
            solver,
            solver_options,
            polish=polish,
            dimension_reduction=reduction,
            accept_inaccurate=accept_inaccurate,
            rtol=rtol,
        )


def interpolation_constraints(problem: Problem) -> Iterator[Constraint]:
    """Each interpolation inequality as an exact named Constraint ``-slack <= 0``.

    Anchored classes (:mod:`pep.model.conditions`) receive the function's stationary record;
    their single-record conditions skip that record itself (where they are vacuous)."""

    for o in problem.oracles:
        if has_matrix_conditions(o.cls):
            raise InvalidArgument(
                f"{o.name} ({type(o.cls).__name__}) states matrix (LMI) conditions, which are "
                "not scalar constraints: exact constraints, certificates, instances and symbolic "
                "proofs of LMI classes are not supported yet; solve the problem numerically"
            )
        recs: tuple[Record, ...] = o.records
        s = getattr(o, "anchor", None) if anchored(o.cls) else None
        sym = o.cls.symmetric
        # classes whose conditions are all symmetric (operators) need only pairs i < j
        n = len(recs)
        names = pair_slacks(o.cls, recs[0], recs[1], s).keys() if n > 1 else ()
        all_symmetric = set(names) <= set(sym)
        pairs = [
            (i, j) for i in range(n) for j in range(n) if i < j or (i > j and not all_symmetric)
        ]
        for i, j in pairs:
            for cname, slack in pair_slacks(o.cls, recs[i], recs[j], s).items():
                if cname in sym and i > j:
                    continue
                c = Constraint(-slack, "<=", f"{o.name}:{cname}({recs[i].label},{recs[j].label})")
                if not _vacuous(c):
                    yield c
        for r in recs:
            for cname, slack in point_slacks(o.cls, r, s).items():
                c = Constraint(-slack, "<=", f"{o.name}:{cname}({r.label})")
                if not _vacuous(c):
                    yield c


def _vacuous(c: Constraint) -> bool:
    """A constant constraint that holds (e.g. ||g*||^2 <= M^2 at g* = 0) carries no information."""
    if not c.expr.is_constant():
        return False
    v = c.expr.constant
    try:
        return bool(v <= 0)
    except TypeError:  # symbolic constant: keep it, the symbolic layer decides
        return False
