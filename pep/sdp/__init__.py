"""Numbers: compile a problem to sparse blocks, solve them (``solvers/``: the only package that
imports cvxpy, Clarabel or SCS), change the Gram basis, generate constraints, and hold the result.
``auto`` is the default strategy, ``accuracy`` the error estimate that decides whether a value
is a bound, ``scaling`` the change of units applied before a solve.

Imports: :mod:`pep.model`, the classes (:mod:`pep.functions`, :mod:`pep.operators`) and
:mod:`pep.errors`. Exact certificates are built from a result by :mod:`pep.certificates`,
imported lazily by ``Result.certificate()``.
"""
