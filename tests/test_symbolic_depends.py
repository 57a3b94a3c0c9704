"""Coupled recurrences (``Recurrence.depends``): a relation that uses another sequence's term.

The facts of a dependent sequence are proved by induction *using* its dependencies' facts,
which are proved first and only at indices where they hold; anything else is refused. The
toy sequences are exact: :math:`u_i = i + 2` and :math:`s_{i+1} = s_i(u_i - 1)`, so
:math:`s_i = i!` (mathematics, not our output).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import sympy as sp

from pep.errors import InvalidArgument
from pep.symbolic import Closed, K, Recurrence, check_proof, load_proofs
from pep.symbolic.context import At, Env
from pep.symbolic.induction import prove_sequence_facts, sequence_failures

ROOT = Path(__file__).resolve().parent.parent
FISTA_G = (ROOT / "proofs" / "fista_g.py").read_text()


def _u(**kw):
    """u_0 = 2, u_{i+1} = u_i + 1 (u_i = i + 2 >= 2)."""
    args = {"initial": {0: 2}, "relation": lambda a, b, i: b - a - 1, "lower": (2,)}
    args.update(kw)
    return Recurrence("u", forward=lambda a, i: a + 1, **args)


def _s(u, **kw):
    """s_0 = 1, s_{i+1} = s_i (u_i - 1): s_i >= 1 and increasing need u_i >= 2."""
    args = {"initial": {0: 1}, "lower": (1,), "monotone": "increasing", "depends": (u,)}
    args.update(kw)
    return Recurrence(
        "s",
        relation=lambda a, b, i, d: b - a * (d - 1),
        forward=lambda a, i, d: a * (d - 1),
        **args,
    )


def test_dependent_facts_are_proved_from_the_dependency_facts():
    result = prove_sequence_facts(_s(_u()), {}, 1)
    assert result.failures == ()
    assert "using the facts of u" in result.notes[0]


def test_numeric_values_of_a_dependent_sequence_are_the_factorials():
    s = _s(_u())
    assert [s.numeric(i) for i in range(6)] == [float(math.factorial(i)) for i in range(6)]


def test_without_the_dependency_facts_the_step_is_not_proved():
    """u only positive: u - 1 may be < 1 (u_i = 1/2 would make s decrease), so s's facts
    must not follow."""
    u = _u(lower=(), positive=True)
    failures = prove_sequence_facts(_s(u), {}, 1).failures
    assert any("cannot prove s_" in f and ">= 1" in f for f in failures), failures


def test_false_dependency_facts_refuse_the_dependent_sequence():
    """u_0 = 0 breaks u >= 2; the facts of s rest on it, so s is refused too."""
    u = _u(initial={0: 0})
    proved: dict = {}
    result = prove_sequence_facts(_s(u), {}, 1, proved)
    assert proved["u"].failures
    assert "sequence s: its facts use those of u, which were not proved" in result.failures


def test_dependency_term_outside_its_proved_range_is_refused():
    """u_1 = 0, u_{i+1} = 2: u >= 2 is proved from index 2 on only; s's steps use u_0 (before
    u starts) and u_{j+1} (which may be u_1 = 0)."""
    u = _u(initial={1: 0}, relation=lambda a, b, i: b - 2)
    failures = prove_sequence_facts(_s(u), {}, 1).failures
    for term in ("u_0", "u_{j + 1}"):
        assert any(
            f"its relation uses {term}, whose index is not provably at least 2" in f
            for f in failures
        ), failures


def test_a_dependency_initial_value_is_used_exactly_not_its_facts():
    """u_0 = 0 given (u >= 2 only from index 1): s_1 = s_0 (u_0 - 1) = -1 is refused."""
    u = _u(initial={0: 0}, relation=lambda a, b, i: b - 2)
    failures = prove_sequence_facts(_s(u), {}, 1).failures
    assert (
        "sequence s: cannot prove s_1 >= 1 in the base step from s_0 = 1 (the recurrence)"
        in failures
    )


def test_a_given_initial_value_of_the_dependency_is_used_exactly():
    """s_1 = s_0 (u_0 - 1) with u_0 = 2 given: the base step needs no fact of u."""
    u = _u(initial={0: 2}, relation=lambda a, b, i: b - 2)
    assert prove_sequence_facts(_s(u), {}, 1).failures == ()


def test_a_cycle_of_dependencies_is_refused():
    u = _u()
    s = _s(u)
    object.__setattr__(u, "depends", (s,))  # not constructible otherwise: frozen, built in order
    proved: dict = {}
    result = prove_sequence_facts(s, {}, 1, proved)
    assert result.failures == ("sequence s: its dependencies form a cycle (s -> u -> s)",)
    failures, _ = sequence_failures([(s, K, None)], {}, 1)
    assert any("form a cycle" in f for f in failures)


def test_a_foreign_symbol_in_a_relation_is_refused_by_the_induction():
    """A term of another sequence smuggled in as a bare symbol has no proved facts."""
    hack = sp.Symbol("u_k", positive=True)
    s = Recurrence(
        "s",
        initial={0: 1},
        relation=lambda a, b, i: b - a * (hack - 1),
        forward=lambda a, i: a,
        lower=(1,),
    )
    failures = prove_sequence_facts(s, {}, 1, params=()).failures
    assert any("its relation uses u_k, which are neither parameters" in f for f in failures)


def test_a_foreign_symbol_in_a_relation_is_refused_by_the_environment():
    hack = sp.Symbol("u_k", positive=True)
    s = Recurrence(
        "s", initial={0: 1}, relation=lambda a, b, i: b - a * hack, forward=lambda a, i: a
    )
    env = Env({}, {})
    At(env, K)(s), At(env, K + 1)(s)
    with pytest.raises(InvalidArgument, match="neither parameters nor terms"):
        env.relations()


def test_the_environment_records_the_dependency_terms():
    u = _u()
    s = _s(u)
    env = Env({}, {})
    s_k, s_k1 = At(env, K)(s), At(env, K + 1)(s)
    relations = env.relations()
    assert ("u", K) in env.used
    u_k = env.used[("u", K)][2]
    assert any(
        r.lead == s_k1 and sp.expand(r.poly - (s_k1 - s_k * (u_k - 1))) == 0 for r in relations
    )
    facts = env.facts({K: 0})
    assert facts.lower[u_k] == (2,)


def test_two_different_sequences_of_one_name_are_refused():
    """s depends on a second ``u`` (another sequence): the proof's u and it must not mix."""
    other = _u(lower=(1,))
    s = _s(other)
    failures, _ = sequence_failures([(_u(), K, None), (s, K, None)], {}, 1)
    assert "two different sequences are named 'u'" in failures


def test_depends_must_hold_recurrences():
    with pytest.raises(InvalidArgument, match="is not a Recurrence"):
        _s(Closed("u", K + 2))


# -- FISTA-G (proofs/fista_g.py) mutated in one place --------------------------------------
TAU_BLOCK = FISTA_G[FISTA_G.index('TAU = Recurrence(\n    "tau"') : FISTA_G.index("def declare")]


def _mutated(tmp_path: Path, name: str, *edits: tuple[str, str], helpers: str = ""):
    """fista_g.py with each ``old -> new`` applied inside TAU's definition, ``helpers``
    inserted before it."""
    block = TAU_BLOCK
    for old, new in edits:
        assert block.count(old) == 1, old
        block = block.replace(old, new)
    text = FISTA_G.replace(TAU_BLOCK, helpers + block)
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    (proof,) = load_proofs(path)
    return proof


def _failures(result) -> str:
    return "\n".join(result.failures + ([result.error] if result.error else []))


def test_fista_g_uses_depends():
    (proof,) = load_proofs(ROOT / "proofs" / "fista_g.py")
    result = check_proof(proof)
    assert result.ok, _failures(result)
    text = "\n".join(n for c in result.checks for n in c.notes)
    assert (
        "tau: facts (>= 0, > 0, increasing) proved by induction from tau_N = 1, using the facts of u"
        in text
    )


def test_fista_g_with_a_wrong_tau_initial_value_is_refused(tmp_path):
    proof = _mutated(tmp_path, "fg_tau2", ('initial={"N": 1}', 'initial={"N": 2}'))
    result = check_proof(proof)
    assert not result.ok
    assert "end:" in _failures(result)
    from pep.symbolic.numeric import sequence_value_failures
    from pep.symbolic.runner import _symbolic_checks

    seqs = _symbolic_checks(proof)[1]
    problems = sequence_value_failures(proof, seqs, 4)
    assert any("tau_4 = 1 (N=4) is not its initial value 2" in p for p in problems), problems


def test_fista_g_with_a_wrong_tau_relation_is_refused(tmp_path):
    """tau_{i+1} u_i = tau_i (u_i + 2): another sequence, the step identity fails."""
    proof = _mutated(tmp_path, "fg_rel", ("b * u - a * (u + 1)", "b * u - a * (u + 2)"))
    result = check_proof(proof, crosscheck=True)
    assert not result.ok
    text = _failures(result)
    assert "step:" in text
    assert "is not the larger root of its relation" in text  # the numeric values disagree


def test_fista_g_with_a_tau_relation_whose_facts_are_false_is_refused(tmp_path):
    """tau_{i+1} u_i = tau_i (u_i - 1) makes tau decrease: 'increasing' must not be proved."""
    proof = _mutated(tmp_path, "fg_dec", ("b * u - a * (u + 1)", "b * u - a * (u - 1)"))
    result = check_proof(proof)
    assert not result.ok
    assert "(increasing)" in _failures(result)


def test_fista_g_without_depends_is_refused(tmp_path):
    """The old way, a bare symbol for u_i in tau's relation, is no longer accepted (its
    facts would never be proved), even without the cross-check."""
    helper = (
        "from pep.symbolic.sequences import subscript\n\n\n"
        "def _u_symbol(i):\n"
        '    return sp.Symbol(f"u_{subscript(i)}", positive=True)\n\n\n'
    )
    proof = _mutated(
        tmp_path,
        "fg_hack",
        (
            "relation=lambda a, b, i, u: b * u - a * (u + 1),",
            "relation=lambda a, b, i: b * _u_symbol(i) - a * (_u_symbol(i) + 1),",
        ),
        ("forward=lambda a, i, u: sp.nan,", "forward=lambda a, i: sp.nan,"),
        ("    depends=(U,),\n", ""),
        helpers=helper,
    )
    result = check_proof(proof)
    assert not result.ok
    assert "neither parameters nor terms of a sequence in its depends" in _failures(result)
