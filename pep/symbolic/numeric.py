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


def method_problem(proof: Proof, N: int) -> Any:
    """The PEP of the proof's own method at horizon ``N`` (numeric parameters): its classes,
    start state and ``N`` steps; maximize ``measure`` subject to ``initial_measure <= 1``.
    Its value is what the proof's rate at ``N`` must bound."""
    from pep.model.problem import Problem

    env = _numeric_env(proof, N)
    problem = Problem()
    c = Ctx(problem, env, {})
    c.oracles.update(proof.declare(c))
    c.star = proof.origin(c)
    s = proof.start(c, problem.point(f"{proof.state[0]}_0"))
    problem.assume(proof.initial_measure(c, s) <= 1, name="initial")
    for k in range(N):
        s = proof.step(c, s, At(env, k))
    problem.maximize(proof.measure(c, s, At(env, N)))
    return problem


#: the largest horizon the cross-check solves (it runs at N_min, N_min + 1, N_min + 2)
MAX_CROSSCHECK_N = 20


def small_N(proof: Proof, count: int = 3) -> tuple[int, ...]:
    """The ``count`` smallest horizons the proof covers: ``N_min, N_min + 1, ...``."""
    first = max(1, proof.N_min)
    return tuple(range(first, first + count))


def _solve_value(problem: Any) -> float:
    return float(problem.solve().value)


def _solved(what: str, n: int, build: Any) -> tuple[float | None, list[str]]:
    """``build()``'s PEP value, or why there is none (never a pass)."""
    try:
        return _solve_value(build()), []
    except Exception as exc:  # any failure to set up or solve is reported
        text = " ".join(str(exc).split())
        return None, [f"N={n}: the PEP of {what} was not solved ({type(exc).__name__}: {text})"]


def _compare_at(proof: Proof, n: int, tol: float) -> tuple[list[str], float | None]:
    """Problems at horizon ``n``, and the rate / worst-case ratio."""
    own, out = _solved("the proof's method", n, lambda: method_problem(proof, n))
    if own is None:
        return out, None
    rate = telescoped_rate(proof, n)
    if not rate >= own - tol * abs(own) - 1e-12:  # also catches a NaN rate
        out.append(
            f"N={n}: the claimed rate {rate:.8g} is below the worst case {own:.8g} of the "
            f"proof's own method (PEP): the theorem is false"
        )
    if proof.tight and not abs(rate - own) <= tol * max(abs(own), 1e-12):
        out.append(
            f"N={n}: the proof says tight, but its rate {rate:.8g} is not the PEP value {own:.8g}"
        )
    if proof.algorithm is not None:
        from pep.algorithms import get

        name = proof.algorithm
        params = dict(proof.algorithm_params(dict(proof.numeric)))
        lib, problems = _solved(f"algorithm {name!r}", n, lambda: get(name).setting(n, **params))
        out += problems
        if lib is not None and not abs(own - lib) <= tol * max(abs(lib), 1e-12):
            out.append(
                f"N={n}: the proof's method is not algorithm {name!r} "
                f"with {params}: worst cases {own:.8g} and {lib:.8g}"
            )
    return out, (rate / own if own > 0 else None)


def _assumption_failures(proof: Proof) -> list[str]:
    """The numeric parameters must satisfy the theorem's ``assume`` bounds (else the
    cross-check would test another statement)."""
    values = _numeric_env(proof, 1).param_values()
    out = []
    for name, (lo, up) in proof.assume.items():
        if name not in proof.params or name not in proof.numeric:
            continue
        v = float(to_sympy(proof.numeric[name]))
        low = None if lo is None else float(to_sympy(lo).subs(values))
        high = None if up is None else float(to_sympy(up).subs(values))
        if (low is not None and v < low) or (high is not None and v > high):
            out.append(
                f"the numeric value {name} = {v:.8g} is outside its assumption [{low}, {high}]"
            )
    return out


def crosscheck(
    proof: Proof,
    Ns: Sequence[int] | None = None,
    tol: float = 1e-5,
    sequences: Sequence[Any] = (),
) -> tuple[list[str], list[str]]:
    """The numeric cross-check run by ``pep check`` (numerical evidence; the symbolic checks
    are the proof): at each small ``N`` the PEP of the proof's own method
    (:func:`method_problem`) must not exceed the claimed rate (relative tolerance ``tol``),
    equal it if the proof says tight, and equal the named algorithm's PEP; and the
    multipliers, evaluated at k = 0..3, must be dual feasible (:func:`crosscheck_proof`);
    the numeric terms of ``sequences`` must be the larger roots of their relations
    (:func:`sequence_value_failures`). Returns ``(failures, notes)``."""
    Ns = tuple(Ns) if Ns is not None else small_N(proof)
    if max(Ns) > MAX_CROSSCHECK_N:
        return [
            f"the cross-check would solve the PEP at N = {max(Ns)} (N_min = {proof.N_min}); "
            f"it runs up to N = {MAX_CROSSCHECK_N}: lower N_min"
        ], []
    failures: list[str] = _assumption_failures(proof)
    ratios = []
    for n in Ns:
        found, ratio = _compare_at(proof, n, tol)
        failures += found
        ratios += [] if ratio is None else [ratio]
    failures += crosscheck_proof(proof, range(4))
    failures += sequence_value_failures(proof, sequences, max(Ns) + 2)
    shown = ", ".join(map(str, Ns))
    note = f"rate >= PEP worst case at N = {shown}"
    if ratios:
        note += f" (rate/PEP {min(ratios):.6g}..{max(ratios):.6g})"
    return failures, [note]


def sequence_value_failures(proof: Proof, sequences: Sequence[Any], N: int) -> list[str]:
    """The numeric terms (``forward`` / ``evaluate``) must be the sequence the symbolic checks
    are about: each satisfies its relation with its neighbour and, for a quadratic
    relation, is the larger root (:mod:`pep.symbolic.induction`)."""
    import sympy as sp

    from pep.symbolic.sequences import Recurrence

    env = _numeric_env(proof, N)
    subs = env.param_values()
    out = []
    for seq in sequences:
        if not isinstance(seq, Recurrence):
            continue
        backward = bool(any(index_expr(key).has(N_SYM) for key in seq.initial))
        out += _initial_value_failures(env, seq, N)
        for i in range(N):
            a, b = float(env.value(seq, i)), float(env.value(seq, i + 1))
            variant = env._variant(seq, i + 1)
            rel = seq.variants[variant][0] if variant else seq.relation
            x = sp.Symbol("x")
            deps = tuple(to_sympy(env.value(d, i)) for d in seq.depends)
            expr = rel(x, b, i, *deps) if backward else rel(a, x, i, *deps)
            roots = np.roots(
                [float(c) for c in sp.Poly(sp.expand(to_sympy(expr).subs(subs)), x).all_coeffs()]
            )
            real = [r.real for r in roots if abs(r.imag) <= 1e-9 * max(1.0, abs(r))]
            value = a if backward else b
            if not real or abs(value - max(real)) > 1e-9 * max(1.0, abs(value)):
                out.append(
                    f"{seq.name}_{i if backward else i + 1} = {value:.10g} (N={N}) is not the "
                    f"larger root of its relation ({', '.join(f'{r:.10g}' for r in real) or 'none'})"
                )
                break
    return out


def _initial_value_failures(env: Env, seq: Any, N: int) -> list[str]:
    """A sequence's numeric terms (``evaluate``) must take its declared initial values."""
    out = []
    subs = env.param_values()
    for key, given in seq.initial.items():
        idx = int(index_expr(key).subs(N_SYM, N))
        if not 0 <= idx <= N:
            continue
        want, got = float(to_sympy(given).subs(subs)), float(env.value(seq, idx))
        if abs(got - want) > 1e-9 * max(1.0, abs(want)):
            out.append(
                f"{seq.name}_{idx} = {got:.10g} (N={N}) is not its initial value {want:.10g}"
            )
    return out
