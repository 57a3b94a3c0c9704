r"""Sequence facts proved by induction on the index, from the recurrence itself.

A :class:`~pep.symbolic.sequences.Recurrence` declares *facts* that the sign prover may use:
bounds :math:`\mathrm{lb}(i) \le a_i \le \mathrm{ub}(i)`, positivity :math:`a_i > 0` and
monotonicity. The checker accepts them only through this module, which proves each one for
every term the recurrence generates:

* **base**: the first generated term (from the initial value, exactly);
* **step**: a generic term :math:`a` at a generic index that satisfies the bounds (the
  induction hypothesis) gives a next term satisfying them, with the monotone relation
  between the two.

Both are shown for the regular relation *and* every variant (e.g. OGM's last step), so the
facts hold whichever relation produces a term. Whether the facts also hold *at* the initial
index is checked separately (:attr:`SequenceFacts.at_initial`); when they do not (OGM-G's
:math:`\psi_N = 1 < 3/2`), the checker refuses any symbolic term whose index may be the
initial one.

How a term is obtained from its relation :math:`P(x) = 0` (``x`` the new term):

* degree 1 in ``x``: :math:`x = -P_0/P_1`, with :math:`P_1 \ne 0` proved;
* degree 2, :math:`P = Ax^2 + Bx + C` with :math:`A > 0` proved and a real root
  (:math:`B^2 - 4AC \ge 0` proved): the sequence takes the **larger root**, which is what
  ``forward`` must compute (checked numerically by the cross-check). Then
  :math:`x \ge c` follows from :math:`P(c) \le 0` (``c`` lies between the roots) or from
  :math:`c \le -B/(2A)`; :math:`x \le c` from :math:`P(c) \ge 0` and :math:`c \ge -B/(2A)`;
  :math:`x > 0` from :math:`P(0) < 0` or :math:`-B/(2A) > 0`.

A sequence stored with an initial value at ``N`` (``{"N": 1}``) is generated backwards:
``relation(a_i, a_{i+1}, i)`` is solved for :math:`a_i`.

>>> import sympy as sp
>>> from pep.symbolic.sequences import Recurrence
>>> bad = Recurrence("s", initial={0: -3}, relation=lambda a, b, k: b - a,
...                  forward=lambda a, k: a, lower=(0,))
>>> prove_sequence_facts(bad, {}, 1).failures[0]
'sequence s: cannot prove s_1 >= 0 in the base step from s_0 = -3 (the recurrence)'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from pep.model.coefficients import to_sympy
from pep.symbolic.prover import Facts, prove_sign
from pep.symbolic.sequences import K, N, Recurrence, index_expr, subscript
from pep.symbolic.signs import positive, root_prover, signed

__all__ = [
    "SequenceFacts",
    "prove_sequence_facts",
    "sequence_failures",
    "declares_facts",
    "param_facts",
    "signed",
    "positive",
]


@dataclass(frozen=True)
class SequenceFacts:
    """Outcome for one sequence: ``failures`` (empty when every fact is proved), what was
    shown, and whether the facts hold at the initial index too."""

    name: str
    failures: tuple[str, ...]
    notes: tuple[str, ...]
    at_initial: bool
    initial_index: Any
    backward: bool


def declares_facts(seq: Recurrence) -> bool:
    """True when the sequence states a fact the sign prover would use."""
    return bool(seq.lower or seq.upper or seq.monotone or seq.positive)


def param_facts(bounds: Mapping[Any, tuple[Any, Any]]) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Lower/upper bound maps for :class:`Facts` from ``{symbol: (lower, upper)}``."""
    lower = {s: (to_sympy(lo),) for s, (lo, _) in bounds.items() if lo is not None}
    upper = {s: (to_sympy(up),) for s, (_, up) in bounds.items() if up is not None}
    return lower, upper


def _bound(b: Any, index: Any) -> Any:
    return to_sympy(b(index) if callable(b) else b)


def _facts_of(seq: Recurrence, index: Any) -> list[tuple[str, str, Any]]:
    """(kind, text, bound) for the pointwise facts at ``index``."""
    out = [("lower", f">= {sp.sstr(_bound(b, index))}", _bound(b, index)) for b in seq.lower]
    out += [("upper", f"<= {sp.sstr(_bound(b, index))}", _bound(b, index)) for b in seq.upper]
    if seq.positive:
        out.append(("positive", "> 0", sp.Integer(0)))
    return out


def _one_step(
    seq: Recurrence,
    relation: Callable[..., Any],
    known: Any,
    index: Any,
    backward: bool,
    facts: Facts,
    deps: tuple[Any, ...] = (),
    params: frozenset[Any] | None = None,
) -> list[str]:
    """The facts at the term generated from ``known`` (at ``index``), or what failed;
    ``deps``: the dependencies' terms at the relation's index; ``params``: the symbols a
    relation may use besides terms and indices (None: not checked)."""
    x = sp.Dummy("x", real=True)
    new_index = index - 1 if backward else index + 1
    args = (x, known, new_index) if backward else (known, x, index)
    expr = relation(*args, *deps)
    if params is not None:
        own = {x} | set(facts.index) | params | to_sympy(known).free_symbols
        foreign = to_sympy(expr).free_symbols - own
        foreign -= {s for d in deps for s in to_sympy(d).free_symbols}
        if foreign:
            names = ", ".join(sorted(map(str, foreign)))
            return [
                f"its relation uses {names}, which are neither parameters nor terms of a "
                f"sequence in its depends; declare the sequence there"
            ]
    poly = sp.Poly(sp.expand(sp.together(to_sympy(expr)).as_numer_denom()[0]), x)
    holds = root_prover(poly, facts)
    if isinstance(holds, str):
        return [holds]
    out = []
    term = f"{seq.name}_{subscript(new_index)}"
    for kind, text, bound in _facts_of(seq, new_index):
        if not holds(kind, bound):
            out.append(f"cannot prove {term} {text}")
    if seq.monotone in ("increasing", "decreasing"):
        # increasing: a_{i+1} >= a_i; the new term is a_{i+1} forward, a_i backward
        up = (seq.monotone == "increasing") != backward
        if not holds("lower" if up else "upper", known):
            out.append(
                f"cannot prove {term} {'>=' if up else '<='} {sp.sstr(known)} ({seq.monotone})"
            )
    return out


def _hypothesis(seq: Recurrence, index: Any, base: Facts) -> tuple[Any, Facts]:
    """A generic term at ``index`` satisfying the bounds (the induction hypothesis)."""
    bounds = [_bound(b, index) for b in seq.lower]
    positive = seq.positive or any(b.is_positive for b in bounds)
    nonneg = any(b.is_nonnegative for b in bounds)
    sign = {"positive": True} if positive else {"nonnegative": True} if nonneg else {}
    a = sp.Dummy(f"{seq.name}_i", real=True, **sign)
    lower = {**base.lower, a: tuple(bounds)} if bounds else dict(base.lower)
    ups = tuple(_bound(b, index) for b in seq.upper)
    upper = {**base.upper, a: ups} if ups else dict(base.upper)
    return a, Facts(base.index, lower, upper)


def prove_sequence_facts(
    seq: Recurrence,
    bounds: Mapping[Any, tuple[Any, Any]],
    N_min: int,
    proved: dict[str, SequenceFacts] | None = None,
    params: Iterable[Any] | None = None,
) -> SequenceFacts:
    """Prove ``seq``'s declared facts by induction; ``bounds``: the proof's assumptions on
    its parameters (``{symbol: (lower, upper)}``), ``N_min``: the smallest horizon.

    The sequences in ``seq.depends`` are proved first (recorded in ``proved``, by name); the
    inductive step may then use a dependency's facts at the relation's index, if that
    index is one where they were proved (else the step fails). A dependency whose facts
    failed, or a cycle of dependencies, fails this sequence too. With ``params`` (the
    proof's parameter symbols), a relation using any other symbol fails (a term of another
    sequence must come through ``depends``, where its facts are proved)."""
    allowed = None if params is None else frozenset(params)
    return _prove(seq, bounds, N_min, {} if proved is None else proved, (), allowed)


def _prove(
    seq: Recurrence,
    bounds: Mapping[Any, tuple[Any, Any]],
    N_min: int,
    proved: dict[str, SequenceFacts],
    stack: tuple[str, ...],
    params: frozenset[Any] | None,
) -> SequenceFacts:
    if seq.name in proved:
        return proved[seq.name]
    cycle = _cycle(seq, stack)
    if cycle is not None:  # no induction: a relation would get terms it was not written for
        msg = f"sequence {seq.name}: its dependencies form a cycle ({' -> '.join(cycle)})"
        return SequenceFacts(seq.name, (msg,), (), False, 0, False)
    deps = {
        d.name: _prove(d, bounds, N_min, proved, (*stack, seq.name), params) for d in seq.depends
    }
    result = _prove_one(seq, bounds, N_min, deps, params)
    proved[seq.name] = result
    return result


def _cycle(seq: Recurrence, stack: tuple[str, ...]) -> tuple[str, ...] | None:
    """A cycle of ``depends`` through ``seq`` (names), or None."""
    if seq.name in stack:
        return (*stack[stack.index(seq.name) :], seq.name)
    for d in seq.depends:
        found = _cycle(d, (*stack, seq.name))
        if found is not None:
            return found
    return None


def _prove_one(
    seq: Recurrence,
    bounds: Mapping[Any, tuple[Any, Any]],
    N_min: int,
    deps: Mapping[str, SequenceFacts],
    params: frozenset[Any] | None,
) -> SequenceFacts:
    keys = list(seq.initial)
    if not declares_facts(seq):
        return SequenceFacts(seq.name, (), (), True, index_expr(keys[0]) if keys else 0, False)
    if len(keys) != 1:
        msg = f"sequence {seq.name}: facts need exactly one initial value, got {len(keys)}"
        return SequenceFacts(seq.name, (msg,), (), False, 0, False)
    i0 = index_expr(keys[0])
    v0 = to_sympy(seq.initial[keys[0]])
    backward = bool(i0.has(N))
    j = sp.Symbol("j", integer=True, nonnegative=True)
    lower, upper = param_facts(bounds)
    base = Facts({j: 0, N: N_min}, lower, upper)
    kinds = [("the recurrence", seq.relation)] + [
        (f"variant {name!r}", rel) for name, (rel, _) in seq.variants.items()
    ]
    failures: list[str] = [
        f"sequence {seq.name}: its facts use those of {d.name}, which were not proved"
        for d in seq.depends
        if deps[d.name].failures
    ]
    generic = i0 - 1 - j if backward else i0 + 1 + j
    a, hyp = _hypothesis(seq, generic, base)
    stages = [(f"base step from {seq.name}_{subscript(i0)} = {v0}", v0, i0, base)]
    stages.append((f"inductive step from {seq.name}_{subscript(generic)}", a, generic, hyp))
    for stage, known, index, facts in stages:
        rel_index = index - 1 if backward else index
        terms, facts, problems = _dependency_terms(seq, rel_index, facts, deps)
        failures += [f"sequence {seq.name}: {p} in the {stage}" for p in problems]
        for kind, rel in kinds:
            for problem in _one_step(seq, rel, known, index, backward, facts, terms, params):
                failures.append(f"sequence {seq.name}: {problem} in the {stage} ({kind})")
    at_initial = all(_check_at(kind, bound, v0, base) for kind, _, bound in _facts_of(seq, i0))
    note = (
        f"{seq.name}: facts ({_describe(seq)}) proved by induction from "
        f"{seq.name}_{keys[0]} = {v0}"
        + ("" if at_initial else f", for indices past {keys[0]}")
        + (f", using the facts of {', '.join(d.name for d in seq.depends)}" if seq.depends else "")
    )
    return SequenceFacts(seq.name, tuple(failures), (note,), at_initial, i0, backward)


def _dependency_terms(
    seq: Recurrence, index: Any, facts: Facts, deps: Mapping[str, SequenceFacts]
) -> tuple[tuple[Any, ...], Facts, list[str]]:
    """The terms of ``seq``'s dependencies at ``index`` for one induction step: a given
    initial value where there is one, else a generic term with the dependency's facts,
    which must have been proved at ``index``. Returns (terms, facts with theirs, problems)."""
    terms: list[Any] = []
    problems: list[str] = []
    for d in seq.depends:
        given = [v for key, v in d.initial.items() if sp.simplify(index_expr(key) - index) == 0]
        if given:
            terms.append(to_sympy(given[0]))
            continue
        if declares_facts(d):
            sf = deps[d.name]
            if not _in_domain(sf, index, facts):
                side = "at most" if sf.backward else "at least"
                problems.append(
                    f"its relation uses {d.name}_{subscript(index)}, whose index is not "
                    f"provably {side} {_edge(sf)}, where the facts of {d.name} were proved"
                )
        term, facts = _hypothesis(d, index, facts)
        terms.append(term)
    return tuple(terms), facts, problems


def _edge(sf: SequenceFacts) -> Any:
    """The first index where ``sf``'s facts were proved, in the sequence's direction."""
    return sf.initial_index + (0 if sf.at_initial else (-1 if sf.backward else 1))


def _in_domain(sf: SequenceFacts, index: Any, facts: Facts) -> bool:
    gap = _edge(sf) - index if sf.backward else index - _edge(sf)
    return prove_sign(to_sympy(gap), Facts(index=facts.index)).ok


def _check_at(kind: str, bound: Any, value: Any, facts: Facts) -> bool:
    if kind == "lower":
        return signed(value - bound, facts)
    if kind == "upper":
        return signed(bound - value, facts)
    return signed(value, facts, strict=True)


def _describe(seq: Recurrence) -> str:
    i = sp.Symbol("i")
    parts = [text for _, text, _ in _facts_of(seq, i)]
    if seq.monotone:
        parts.append(seq.monotone)
    return ", ".join(parts)


def _domain_failure(
    seq: Recurrence, index: Any, sf: SequenceFacts, link: Any, N_min: int
) -> str | None:
    """A symbolic term must have an index where the facts were proved: past the initial
    index (or at it, when the facts hold there), in the sequence's direction."""
    edge = _edge(sf)
    index = to_sympy(index)
    bounds: dict[Any, Any] = {N: N_min}
    if sf.backward:
        gap = edge - index
        if link is not None and link.stop is not None:  # a range's k is at most its stop
            m = sp.Symbol("m", integer=True, nonnegative=True)
            gap, bounds[m] = gap.subs(K, index_expr(link.stop) - m), 0
    else:
        gap = index - edge
        if link is not None and link.stop is not None:
            bounds[K] = index_expr(link.start)
    if prove_sign(gap, Facts(index=bounds)).ok:
        return None
    where = "the chain's weights" if link is None else f"link {link.name!r}"
    side = "at most" if sf.backward else "at least"
    return (
        f"sequence {seq.name}: {where} uses {seq.name}_{subscript(index)}, whose index is not "
        f"provably {side} {edge}, where its facts were proved"
    )


def sequence_failures(
    used: Sequence[tuple[Any, Any, Any]],
    bounds: Mapping[Any, tuple[Any, Any]],
    N_min: int,
    params: Iterable[Any] | None = None,
) -> tuple[list[str], list[str]]:
    """Failures and notes for the recurrence terms a proof used, ``(sequence, index, link)``
    (``link`` None for the chain's weights): the facts of each sequence by induction, each
    term's index inside their domain, and one sequence per name; ``params``: the proof's
    parameter symbols, the only other symbols a relation may use."""
    seqs: dict[str, Recurrence] = {}
    failures: list[str] = []
    todo = [seq for seq, _, _ in used if isinstance(seq, Recurrence)]
    seen_ids: set[int] = set()
    while todo:  # the used sequences and, through ``depends``, every sequence they rely on
        seq = todo.pop(0)
        if id(seq) in seen_ids:
            continue
        seen_ids.add(id(seq))
        if seqs.setdefault(seq.name, seq) is not seq:
            failures.append(f"two different sequences are named {seq.name!r}")
        todo += list(seq.depends)
    memo: dict[str, SequenceFacts] = {}
    proved = {
        name: prove_sequence_facts(seq, bounds, N_min, memo, params) for name, seq in seqs.items()
    }
    notes: list[str] = []
    for sf in proved.values():
        failures += sf.failures
        notes += sf.notes if declares_facts(seqs[sf.name]) else []
    seen = set()
    for seq, index, link in used:
        key = (getattr(seq, "name", None), str(index), getattr(link, "name", None))
        if not isinstance(seq, Recurrence) or key in seen or not declares_facts(seq):
            continue
        seen.add(key)
        problem = _domain_failure(seq, index, proved[seq.name], link, N_min)
        failures += [problem] if problem else []
    return failures, notes
