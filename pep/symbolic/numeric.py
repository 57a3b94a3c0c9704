r"""Numeric cross-checks of a symbolic proof against the core PEP engine.

Two checks, both numerical evidence (the symbolic checker is the proof):

* :func:`crosscheck_link`: at a concrete index the proof's multipliers, evaluated, are a
  feasible dual point of the one-step PEP "maximize rhs - lhs": every
  :math:`\lambda_i \ge 0` and :math:`\mathrm{lhs} - \mathrm{rhs} - \sum_i\lambda_i I_i` has no
  linear or constant part and a PSD Gram matrix. The link is rebuilt by the same proof code
  with numbers (floats for irrational sequence terms), so this also exercises the library's
  step functions numerically.
* :func:`compare_with_pep`: the telescoped rate at N is ``>=`` the fixed-N worst case from
  ``pep.algorithms.get(proof.algorithm).setting(N).solve()`` (equal, to solver accuracy, when
  the proof is marked tight).

>>> from pep.symbolic.numeric import gram_min_eig
>>> round(gram_min_eig([[2.0, 0.0], [0.0, 1.0]]), 6)
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from pep.model import coefficients as C
from pep.model.algebra import Scalar
from pep.model.coefficients import to_sympy
from pep.symbolic.context import At, Ctx, Env
from pep.symbolic.proof import Link, Proof, build_link
from pep.symbolic.sequences import N as N_SYM
from pep.symbolic.sequences import index_expr

__all__ = ["crosscheck_link", "crosscheck_proof", "compare_with_pep", "gram_min_eig"]


def gram_min_eig(matrix: Any) -> float:
    """Smallest eigenvalue of a symmetric matrix (0 for an empty one)."""
    m = np.asarray(matrix, dtype=float)
    return float(np.linalg.eigvalsh(m).min()) if m.size else 0.0


def _numeric_env(proof: Proof, N: int) -> Env:
    return Env(proof.params, proof.special, numeric=dict(proof.numeric), N_value=N)


def _residual(built: Any) -> tuple[Scalar, list[str]]:
    problems = []
    total = built.lhs - built.rhs
    for name, lam in built.multipliers.items():
        value = C.to_float(C.coerce(lam), "the cross-check")
        if name not in built.inequalities:
            # at small k two points may coincide (FGM: y_1 = x_0, y_2 = x_1); a pair (i, i)
            # has slack exactly 0 in every class, so it contributes nothing
            inside = name[name.find("(") + 1 : -1].split(",")
            if value != 0 and not (len(inside) == 2 and inside[0] == inside[1]):
                problems.append(f"multiplier {value:.3g} on {name}, which does not exist here")
            continue
        if value < -1e-9:
            problems.append(f"multiplier of {name} is {value:.3g} < 0")
        total = total - lam * built.inequalities[name]
    return total, problems


def crosscheck_link(proof: Proof, link: Link, k: int, N: int, tol: float = 1e-7) -> list[str]:
    """Problems found at index ``k`` (ranges) or at the link's own index, horizon ``N``."""
    env = _numeric_env(proof, N)
    index = k if link.stop is not None else int(index_expr(link.start).subs(N_SYM, N))
    built = build_link(proof, link, env, index)
    residual, problems = _residual(built)
    leaves = [lf for lf in built.ctx.problem.leaves if lf.kind == "point"]
    pos = {lf: i for i, lf in enumerate(leaves)}
    G = np.zeros((len(leaves), len(leaves)))
    scale = 1.0
    for key, c in residual.terms.items():
        v = C.to_float(C.coerce(c), "the cross-check")
        scale = max(scale, abs(v))
        if isinstance(key, tuple):
            a, b = pos[key[0]], pos[key[1]]
            G[a, b] += v / 2 if a != b else v
            if a != b:
                G[b, a] += v / 2
        elif abs(v) > tol * scale:
            problems.append(f"linear term {key.name} has coefficient {v:.3g}")
    const = C.to_float(C.coerce(residual.constant), "the cross-check")
    if abs(const) > tol * scale:
        problems.append(f"constant term {const:.3g}")
    eig = gram_min_eig(G)
    if eig < -tol * scale:
        problems.append(f"residual Gram matrix has eigenvalue {eig:.3g} < 0")
    return [f"{link.name} (k={index}, N={N}): {p}" for p in problems]


def crosscheck_proof(proof: Proof, ks: Sequence[int] = tuple(range(21))) -> list[str]:
    """Every link at every ``k`` in ``ks`` (ranges use N = max(ks) + 2; single-index links
    are checked for N = max(1, N_min)..max(ks))."""
    out: list[str] = []
    top = max(ks)
    for link in proof.links:
        if link.stop is not None:
            lo = int(index_expr(link.start))
            for k in ks:
                if k >= lo:
                    out += crosscheck_link(proof, link, k, top + 2)
        else:
            for n in range(max(1, proof.N_min), top + 1):
                out += crosscheck_link(proof, link, 0, n)
    return out


def telescoped_rate(proof: Proof, N: int) -> float:
    """The proof's claimed rate evaluated at horizon ``N``."""
    env = _numeric_env(proof, N)
    value = proof.rate(Ctx(_empty_problem(), env, {}), At(env, N))
    return float(to_sympy(value))


def _empty_problem() -> Any:
    from pep.model.problem import Problem

    return Problem()


def compare_with_pep(proof: Proof, Ns: Sequence[int] | None = None) -> list[str]:
    """Problems where the rate is below the PEP value (or differs from it, if tight)."""
    if proof.algorithm is None:
        return []
    from pep.algorithms import get

    algo = get(proof.algorithm)
    params = dict(proof.algorithm_params(dict(proof.numeric)))
    out = []
    for n in Ns if Ns is not None else proof.compare_N:
        value = algo.setting(n, **params).solve().value
        rate = telescoped_rate(proof, n)
        if rate < value - 1e-6 * max(1.0, abs(value)):
            out.append(f"N={n}: telescoped rate {rate:.8g} is below the PEP value {value:.8g}")
        if proof.tight and abs(rate - value) > 1e-5 * max(1.0, abs(value)):
            out.append(f"N={n}: tight rate {rate:.8g} differs from the PEP value {value:.8g}")
    return out
