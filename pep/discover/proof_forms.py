r"""Closed forms of a potential proof and the :class:`pep.symbolic.Proof` they describe.

The second half of :mod:`pep.discover.autoproof`: from the numbers of
:func:`pep.discover.autoproof.numeric_chain` to closed forms (rational functions of k or N, or sparse
polynomials in a hint sequence such as OGM's :math:`\theta`), and from closed forms to the
proof (:func:`rebuild`), whose links are ``start``, an optional ``first step``, ``step`` for
k = 0..N-1 and ``end``, each with a PSD remainder checked by :mod:`pep.symbolic`.

A closed form is stored as plain data (no code): ``[names, numerator, denominator]`` for a
rational function (see :meth:`pep.discover.guess.RationalGuess.to_data`) or
``{"seq": name, "terms": [[p, q, "c"], ...]}`` for :math:`\sum c\, s_i^p s_{i+1}^q`.

>>> form_text([["k"], [[[0], "1"], [[1], "1"]], [[[0], "2"]]])
'(k + 1)/2'
>>> form_text({"seq": "theta", "terms": [[2, 0, "2"]]})
'2*theta_k^2'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from pep.discover.autoproof import ProveError, Spec, _snap
from pep.discover.guess import RationalGuess, approximate_rational_function, rational_function
from pep.discover.recurrence import sparse_combination
from pep.errors import InvalidArgument
from pep.model.algebra import Scalar
from pep.model.problem import interpolation_constraints

__all__ = ["guess_forms", "rebuild", "evaluate_form", "form_text", "resolve_spec"]


# -- guess stage ----------------------------------------------------------------------------------
def _fit(values: Mapping[int, tuple[Fraction, float]], var: str, what: str) -> RationalGuess:
    """Exact interpolation of the rounded values; else a noisy fit of the raw ones."""
    exact = {k: v[0] for k, v in values.items()}
    if all(v == 0 for v in exact.values()):
        return RationalGuess((var,), (), (((0,), Fraction(1)),), len(values), 0)
    g = rational_function(exact, names=(var,))
    if g is None:
        g = approximate_rational_function({k: v[1] for k, v in values.items()}, name=var)
    if g is None:
        shown = ", ".join(f"{k}: {v[1]:.6g}" for k, v in values.items())
        raise ProveError(f"guess: no rational function of {var} fits {what} ({shown})")
    return g


_POWERS = {"1": (0, 0), "a": (1, 0), "a^2": (2, 0), "b": (0, 1), "b^2": (0, 2), "ab": (1, 1)}


def _term(spec: Spec, name: str, i: int, n: int | None) -> float:
    """``name``'s term ``i`` for horizon ``n`` (its last-step variant applies at index n)."""
    seq = spec.template.sequences[name]
    special = spec.skeleton.special.get(name)
    if special is None or n is None:
        return float(seq.numeric(i))
    return float(seq.numeric(i, n, special[0]))


def _fit_sequence(
    spec: Spec,
    values: Mapping[int, tuple[Any, float]],
    what: str,
    pair: bool,
    terms: Callable[[int], tuple[float, float]],
) -> dict[str, Any]:
    """A sparse polynomial in :math:`a` (and :math:`b` when ``pair``), the hint-sequence terms
    ``terms(i)`` that the form is evaluated at (:math:`s_i, s_{i+1}` in a step; the last-step
    variant at the end), with small rational coefficients; see
    :func:`pep.discover.recurrence.sparse_combination`."""
    ((name, _),) = spec.template.sequences.items()
    idx = sorted(values)
    if all(values[i][1] == 0 for i in idx):
        return {"seq": name, "terms": []}
    ab = {i: terms(i) for i in idx}
    feats = {
        "1": [1.0] * len(idx),
        "a": [ab[i][0] for i in idx],
        "a^2": [ab[i][0] ** 2 for i in idx],
    }
    if pair:
        feats["b"] = [ab[i][1] for i in idx]
        feats["b^2"] = [ab[i][1] ** 2 for i in idx]
        feats["ab"] = [ab[i][0] * ab[i][1] for i in idx]
    combo = sparse_combination([values[i][1] for i in idx], feats, tol=1e-5)
    if combo is None:
        shown = ", ".join(f"{i}: {values[i][1]:.9g}" for i in idx)
        raise ProveError(f"guess: no sparse polynomial in {name} fits {what} ({shown})")
    return {"seq": name, "terms": [[*_POWERS[f], str(c)] for f, c in combo.items()]}


def evaluate_form(spec: Spec, data: Any, at: Any, var: str) -> Any:
    """A closed form at an index: rational in k or N, or polynomial in the hint sequence."""
    import sympy as sp

    if isinstance(data, dict):
        seq = spec.template.sequences[data["seq"]]
        total: Any = 0
        for p, q, c in data["terms"]:
            f = Fraction(c)
            value = sp.Rational(f.numerator, f.denominator) * at(seq) ** p
            total = total + (value * at.next(seq) ** q if q else value)
        return total
    return RationalGuess.from_data(data).evaluate(at.k if var == "k" else at.N)


def form_text(data: Any, var: str = "k", at: tuple[str, str] | None = None) -> str:
    """Human-readable closed form (``2*theta_k^2``, ``(k + 1)/2``); ``at`` names the two
    sequence indices (default ``var`` and ``var+1``)."""
    if isinstance(data, dict):
        name = data["seq"]
        i, j = at or (var, f"({var}+1)")
        parts = []
        for p, q, c in data["terms"]:
            factors = [f"{name}_{i}^{p}" if p > 1 else f"{name}_{i}"] * (p > 0)
            factors += [f"{name}_{j}^{q}" if q > 1 else f"{name}_{j}"] * (q > 0)
            parts.append("*".join([c, *factors]) if factors else c)
        return " + ".join(parts) or "0"
    return str(RationalGuess.from_data(data))


def _pair(v: Any) -> tuple[Fraction, float]:
    return v if isinstance(v, tuple) else (Fraction(v), float(v))


def _nonzero(values: Mapping[int, Any]) -> bool:
    return any(_pair(v)[0] != 0 for v in values.values())


def guess_forms(spec: Spec, num: Mapping[str, Any]) -> dict[str, Any]:
    """Stage 2-3: the multiplier pattern and closed forms; raises :class:`ProveError`."""
    V, steps, ends = num["V"], num["steps"], num["ends"]
    counts = {len(s) for s in steps[1:]}
    if len(counts) != 1:
        raise ProveError(f"pattern: the step links have different inequality counts {counts}")
    separate_first = len(steps[0]) != len(steps[1])
    k0 = 1 if separate_first else 0

    def fit(vals: Mapping[int, Any], var: str, what: str, where: str = "here") -> Any:
        vals = {i: _pair(v) for i, v in vals.items()}
        if spec.template.exact:
            return _fit(vals, var, what).to_data()
        name = next(iter(spec.template.sequences))
        fold = spec.template.end_advance

        def terms(i: int) -> tuple[float, float]:
            if var == "k":  # evaluated at s_k, s_{k+1} (no variant inside the range)
                return _term(spec, name, i, None), _term(spec, name, i + 1, None)
            if where == "end" and fold:  # the end link sits at N - 1 and steps to N
                return _term(spec, name, i - 1, i), _term(spec, name, i, i)
            return _term(spec, name, i, i), _term(spec, name, i + 1, i)

        return _fit_sequence(spec, vals, what, where != "here", terms)

    pot = {}
    for m in V[0]:
        vals = {k: V[k][m] for k in range(len(V)) if V[k][m] is not None}
        pot[m] = fit(vals, "k", f"the coefficient of {m} in V_k")
    step = {}
    for i in range(len(steps[k0])):
        vals = {k: _pair(steps[k][i]) for k in range(k0, len(steps))}
        if _nonzero(vals):
            step[i] = fit(vals, "k", f"the multiplier of inequality #{i} of the step", "step")
    if not step:
        raise ProveError("pattern: every step multiplier is zero; the potential does not move")
    end = {}
    for i in range(len(ends[0][2])):
        vals = {n + 1: _pair(e[2][i]) for n, e in enumerate(ends)}
        if _nonzero(vals):
            end[i] = fit(vals, "N", f"the multiplier of inequality #{i} of the end link", "end")

    def const(v: Any) -> Fraction:  # a multiplier at a fixed index: a small fraction
        return _pair(v)[0] if spec.template.exact else _snap(_pair(v)[1])

    first = [const(v) for v in steps[0]]
    return {
        "c0": str(Fraction(spec.template.c0)),
        "potential": pot,
        "start": {i: str(const(v)) for i, v in enumerate(num["start"]) if const(v)},
        "first": {i: str(v) for i, v in enumerate(first) if v} if separate_first else None,
        "step": step,
        "end": end,
        "fold": spec.template.end_advance,
        "w": fit({n + 1: e[0] for n, e in enumerate(ends)}, "N", "the weight w(N)"),
        "c1": fit({n + 1: e[1] for n, e in enumerate(ends)}, "N", "c1(N)"),
    }


# -- the proof -----------------------------------------------------------------------------------
def _ineq_names(c: Any) -> list[str]:
    return [con.name or "" for con in interpolation_constraints(c.problem)]


def _by_position(spec: Spec, forms: Mapping[Any, Any], var: str) -> Callable[..., dict[str, Any]]:
    """Multipliers keyed by the link's inequality at each position (the order in which the
    link creates its oracle records, identical in the numeric and the symbolic build)."""

    def multipliers(c: Any, s: Any, s1: Any, at: Any) -> dict[str, Any]:
        names = _ineq_names(c)
        return {names[int(i)]: evaluate_form(spec, d, at, var) for i, d in forms.items()}

    return multipliers


def _constants(values: Mapping[Any, str] | None) -> Callable[..., dict[str, Any]]:
    import sympy as sp

    vals = {int(i): Fraction(v) for i, v in (values or {}).items()}

    def multipliers(c: Any, s: Any, s1: Any, at: Any) -> dict[str, Any]:
        names = _ineq_names(c)
        return {names[i]: sp.Rational(v.numerator, v.denominator) for i, v in vals.items()}

    return multipliers


def resolve_spec(spec: Spec | str) -> Spec:
    """A spec from a :class:`Spec`, a built-in name or ``\"package.module:NAME\"``."""
    if isinstance(spec, Spec):
        return spec
    if not isinstance(spec, str):
        raise InvalidArgument(
            f"spec={spec!r} must be a pep.discover.prove.Spec or a registered name"
        )
    if ":" in spec:  # "package.module:NAME", imported (never evaluated)
        import importlib

        module, _, attr = spec.partition(":")
        found = getattr(importlib.import_module(module), attr, None)
        if not isinstance(found, Spec):
            raise InvalidArgument(f"spec={spec!r} does not name a pep.discover.prove.Spec")
        return found
    from pep.discover.specs import get

    return get(spec)


def rebuild(spec: Spec | str, data: Mapping[str, Any]) -> Any:
    """The :class:`pep.symbolic.Proof` described by ``data`` (the output of the guess stage).

    Used by the generated files in ``proofs/auto/``: ``PROOF = rebuild("halpern", DATA)``.
    """
    import sympy as sp

    spec = resolve_spec(spec)
    w, c1 = data["w"], data["c1"]
    c0 = sp.Rational(str(Fraction(data["c0"])))
    sk = spec.skeleton
    return dataclasses.replace(
        sk,
        name=f"{sk.name}_auto",
        title=f"{sk.title} (generated by pep.discover.prove)",
        links=_links(spec, data, c0),
        rate=lambda c, at: (
            (c0 + evaluate_form(spec, c1, at, "N")) / evaluate_form(spec, w, at, "N")
        ),
    )


def _potential(spec: Spec, forms: Mapping[str, Any]) -> Callable[..., Scalar]:
    """:math:`V_k = \\sum_m a_m(k)\\,\\mathrm{monomial}_m` with the closed forms ``a_m``."""

    def potential(c: Any, s: Any, at: Any) -> Scalar:
        total = Scalar({}, 0, None)
        for m, mono in spec.template.monomials(c, s, at).items():
            a = evaluate_form(spec, forms[m], at, "k")
            if a != 0:
                total = total + a * mono
        return total

    return potential


def _links(spec: Spec, data: Mapping[str, Any], c0: Any) -> tuple[Any, ...]:
    """start (c0 initial >= V_0), [first step], step k = .. N-1, end (V_N >= w measure - c1
    initial), every remainder a PSD form."""
    from pep.symbolic import Final, Initial, Link

    potential, first = _potential(spec, data["potential"]), data.get("first")
    fold = spec.template.end_advance
    links = [
        Link(
            "start",
            Initial(lambda c, at: c0),
            potential,
            _constants(data["start"]),
            0,
            remainder="psd",
            advance=False,
        ),
    ]
    if first is not None:
        links.append(
            Link("first step", potential, potential, _constants(first), 0, remainder="psd")
        )
    links.append(
        Link(
            "step",
            potential,
            potential,
            _by_position(spec, data["step"], "k"),
            1 if first is not None else 0,
            "N - 2" if fold else "N - 1",  # with fold, the last step belongs to the end link
            remainder="psd",
        )
    )
    final = Final(
        lambda c, at: evaluate_form(spec, data["w"], at, "N"),
        lambda c, at: evaluate_form(spec, data["c1"], at, "N"),
    )
    links.append(
        Link(
            "end",
            potential,
            final,
            _by_position(spec, data["end"], "N"),
            "N - 1" if fold else "N",
            remainder="psd",
            advance=fold,
        )
    )
    return tuple(links)
