"""False proofs that ``pep check`` must refuse (issue 15, attacks 8-11).

Each attack is a copy of the genuine ``proofs/gd.py`` (gradient descent, step 1/L, the
O(1/N) potential proof) weakened in one place and written to ``tmp_path``. Reference values
are mathematics: the exact worst case of GD with step h/L at N = 1 is L R^2/(4h + 2) for
h <= 1 (Drori and Teboulle 2014), e.g. 1/6; with h = 5/2 the method diverges and the worst
case at N = 1 is (h - 1)^2 L R^2/2 = 9/8 (the quadratic L x^2/2, where one step multiplies
x by 1 - h). No claimed rate below those can be proved.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import ROOT, run_pep

from pep.symbolic import check_paths, check_proof, exit_code, load_proofs, render_text
from pep.symbolic.numeric import crosscheck

GD = (ROOT / "proofs" / "gd.py").read_text()

END_LINK = """        Link(
            "end",
            potential,
            Final(lambda c, at: at.N),
            lambda *a: {},
            "N",
            remainder=lambda c, s, s1, at: [(c.L / 2, s.x - c.star)],
            advance=False,
        ),
"""
RATE = "    rate=lambda c, at: c.L / (2 * at.N),\n"


def mutate(tmp_path: Path, name: str, *edits: tuple[str, str], helpers: str = "") -> Path:
    """gd.py with each ``old -> new`` applied (each ``old`` must occur) and ``helpers``
    (definitions) inserted before its PROOF."""
    text = GD
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    marker = "\n\nPROOF = Proof("
    assert marker in text
    path = tmp_path / f"{name}.py"
    path.write_text(text.replace(marker, helpers + marker))
    return path


def links_block(new: str) -> tuple[str, str]:
    """An edit replacing the whole ``links=(...)`` argument of gd.py's PROOF."""
    block = re.search(r"    links=\(\n.*?\n    \),\n", GD, re.S)
    assert block is not None
    return block.group(0), new


def only_proof(path: Path):
    (proof,) = load_proofs(path)
    return proof


def failures_of(result) -> str:
    return "\n".join(result.failures + ([result.error] if result.error else []))


# -- attack 8: a negative final weight --------------------------------------------------------
NEGATIVE_WEIGHT = """

def end_multipliers(c, s, s1, at):
    return {c.ineq(c.f, "interp", s.x, c.star): at.N + 1}


def end_squares(c, s, s1, at):
    return [((at.N + 1) / (2 * c.L), c.f.grad(s.x)), (c.L / 2, s.x - c.star)]
"""


@pytest.fixture
def negative_weight(tmp_path):
    """V_N + (f_N - f*) = (N+1) I(N,*) + SOS is a true identity, but with w = -1 the chain
    gives a lower bound -(f_N - f*) <= L R^2/2; read as an upper bound it "proves"
    f(x_N) - f* <= -L R^2/2."""
    end = END_LINK.replace("Final(lambda c, at: at.N)", "Final(lambda c, at: -1)")
    end = end.replace("lambda *a: {},", "end_multipliers,")
    end = end.replace(
        "remainder=lambda c, s, s1, at: [(c.L / 2, s.x - c.star)]", "remainder=end_squares"
    )
    edits = ((END_LINK, end), (RATE, "    rate=lambda c, at: -c.L / 2,\n"))
    return mutate(tmp_path, "gd_negative_weight", *edits, helpers=NEGATIVE_WEIGHT)


def test_negative_final_weight_is_refused_symbolically(negative_weight):
    result = check_proof(only_proof(negative_weight))
    assert not result.ok
    assert "final weight w = -1 is not provably > 0" in failures_of(result)


def test_negative_final_weight_is_refused_numerically(negative_weight):
    failures, _ = crosscheck(only_proof(negative_weight))
    # rate -1/2 against the worst case 1/6 of GD at N = 1
    assert any("N=1: the claimed rate -0.5 is below the worst case 0.16666" in f for f in failures)


def test_negative_final_weight_cli(negative_weight, tmp_path):
    out = run_pep("check", str(negative_weight), cache=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "FAILED" in out.stdout and "final weight" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


# -- attack 9: a chain that does not start at index 0 (divergent GD, h = 5/2) -----------------
LATE_START = """

def value_gap(c, s, at):
    return c.f(s.x) - c.f(c.star)


def late_multipliers(c, s, s1, at):
    return {c.ineq(c.f, "interp", c.star, s.x): 1}


def late_squares(c, s, s1, at):
    return [(1 / (2 * c.L), c.f.grad(s.x) - c.L * (s.x - c.star))]
"""

DIVERGENT = (
    ("State(x=gd.step(s.x, c.f, 1 / c.L))", "State(x=gd.step(s.x, c.f, 5 / (2 * c.L)))"),
    ('lambda p: {"L": p["L"]}', 'lambda p: {"L": p["L"], "h": 5 / 2}'),
    (RATE, "    rate=lambda c, at: c.L / 2,\n"),
)


@pytest.fixture
def late_start(tmp_path):
    """Start the chain at index N: the "initial" measure is then ||x_N - x*||^2 and
    f(x_N) - f* <= L/2 ||x_N - x*||^2 (true, by smoothness) poses as f(x_N) - f* <= L R^2/2."""
    links = links_block(
        """    links=(
        Link("start", Initial(lambda c, at: c.L / 2), value_gap, late_multipliers, "N",
             remainder=late_squares, advance=False),
        Link("end", value_gap, Final(lambda c, at: 1), lambda *a: {}, "N", advance=False),
    ),
"""
    )
    return mutate(tmp_path, "gd_late_start", *DIVERGENT, links, helpers=LATE_START)


def test_late_chain_start_is_refused_symbolically(late_start):
    result = check_proof(only_proof(late_start))
    assert not result.ok
    text = failures_of(result)
    assert "the chain must start at index 0 from the initial state" in text
    assert "'start' is at index N" in text


def test_late_chain_start_is_refused_numerically(late_start):
    failures, _ = crosscheck(only_proof(late_start))
    # the proof's own method (h = 5/2) has worst case 9/8 at N = 1; the claim is 1/2
    assert any("N=1: the claimed rate 0.5 is below the worst case 1.125" in f for f in failures)


def test_late_chain_start_cli(late_start, tmp_path):
    out = run_pep("check", str(late_start), cache=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "must start at index 0" in out.stdout and "below the worst case" in out.stdout


@pytest.fixture
def end_measured_late(tmp_path):
    """c1 M_0 in the last link, with M_0 evaluated on the *final* state: 0 >= f(x_N) - f*
    - L/2 ||x_N - x*||^2 is true for any method, and read with M_0 = ||x_0 - x*||^2 it
    "proves" f(x_N) - f* <= L R^2/2 for divergent GD."""
    links = links_block(
        """    links=(
        Link("start", Initial(lambda c, at: 0), nothing, lambda *a: {}, 0, advance=False),
        Link("step", nothing, nothing, lambda *a: {}, 0, "N - 1"),
        Link("end", nothing, Final(lambda c, at: 1, lambda c, at: c.L / 2), late_multipliers,
             "N", remainder=late_squares, advance=False),
    ),
"""
    )
    nothing = "\n\ndef nothing(c, s, at):\n    return 0 * sqnorm(s.x - c.star)\n"
    return mutate(tmp_path, "gd_end_measured_late", *DIVERGENT, links, helpers=LATE_START + nothing)


def test_initial_measure_is_taken_at_the_start_state(end_measured_late):
    result = check_proof(only_proof(end_measured_late))
    assert not result.ok
    # with M_0 = ||x_0 - x*||^2 the identity leaves L/2 ||x_N - x*||^2 unexplained
    assert "coefficient of ||x_N - x*||^2 is -L/2, expected 0" in failures_of(result)
    failures, _ = crosscheck(only_proof(end_measured_late))
    assert any("below the worst case 1.125" in f for f in failures)


# -- attack 10: false sequence facts ----------------------------------------------------------
FALSE_FACTS = """

import sympy as sp

from pep.symbolic import Recurrence

S = Recurrence(
    "s",
    initial={0: -3},
    relation=lambda a, b, k: b - a,
    forward=lambda a, k: a,
    lower=(0,),
    upper=(sp.Rational(1, 2),),
)


def end_multipliers(c, s, s1, at):
    return {c.ineq(c.f, "interp", s.x, c.star): at.N * at(S)}


def end_squares(c, s, s1, at):
    return [(at.N * at(S) / (2 * c.L), c.f.grad(s.x)), (c.L / 2, s.x - c.star)]
"""


@pytest.fixture
def false_facts(tmp_path):
    """s_k = -3 for all k, declared 0 <= s_k <= 1/2. With w = N (1 - s_N) the end identity
    V_N - w (f_N - f*) = N s_N I(N,*) + N s_N/(2L) ||g_N||^2 + L/2 ||x_N - x*||^2 holds, its
    weights are >= 0 by the false facts, and the rate L/(2N(1 - s_N)) evaluates to
    L/(8N) (true worst case L/(4N + 2))."""
    end = END_LINK.replace("Final(lambda c, at: at.N)", "Final(lambda c, at: at.N * (1 - at(S)))")
    end = end.replace("lambda *a: {},", "end_multipliers,")
    end = end.replace(
        "remainder=lambda c, s, s1, at: [(c.L / 2, s.x - c.star)]", "remainder=end_squares"
    )
    rate = "    rate=lambda c, at: c.L / (2 * at.N * (1 - at(S))),\n"
    return mutate(tmp_path, "gd_false_facts", (END_LINK, end), (RATE, rate), helpers=FALSE_FACTS)


def test_false_sequence_facts_are_refused_symbolically(false_facts):
    result = check_proof(only_proof(false_facts))
    assert not result.ok
    text = failures_of(result)
    assert "sequence s: cannot prove s_1 >= 0 in the base step from s_0 = -3" in text
    assert "s_1 <= 1/2" not in text  # true of -3


def test_false_sequence_facts_are_refused_numerically(false_facts):
    failures, _ = crosscheck(only_proof(false_facts))
    assert any("N=1: the claimed rate 0.125 is below the worst case 0.16666" in f for f in failures)
    # the evaluated multiplier N s_N = -3 N is negative
    assert any("< 0" in f for f in failures)


def test_false_sequence_facts_cli_even_without_crosscheck(false_facts, tmp_path):
    out = run_pep("check", "--no-crosscheck", str(false_facts), cache=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "cannot prove s_1 >= 0" in out.stdout
    assert "SKIP  cross-check: not run (--no-crosscheck)" in out.stdout
    assert "the numeric cross-check was skipped" in out.stdout


def test_facts_false_at_the_initial_index_refuse_terms_that_may_be_there(tmp_path):
    """s_0 = -3, s_k = 0 after: the facts 0 <= s <= 1/2 hold from index 1 on only, so a
    term s_k for k >= 0 (which may be s_0) must not get them."""
    helpers = FALSE_FACTS.replace("relation=lambda a, b, k: b - a", "relation=lambda a, b, k: b")
    helpers += "\n\ndef weighted(c, s, s1, at):\n    return {**step_multipliers(c, s, s1, at)}\n"
    helpers = helpers.replace(
        "def weighted(c, s, s1, at):\n    return {",
        "def weighted(c, s, s1, at):\n    at(S)\n    return {",
    )
    path = mutate(
        tmp_path,
        "gd_initial_fact",
        (
            'potential, potential, step_multipliers, 0, "N - 1"',
            'potential, potential, weighted, 0, "N - 1"',
        ),
        helpers=helpers,
    )
    result = check_proof(only_proof(path))
    assert not result.ok
    assert (
        "link 'step' uses s_k, whose index is not provably at least 1, where its facts were proved"
        in failures_of(result)
    )


# -- chain shape ------------------------------------------------------------------------------
def test_range_that_does_not_advance_is_refused(tmp_path):
    """k = 0..N without advancing: each identity is V_k >= V_k, and the chain jumps from
    V_0 to V_N with no step in between, which "proves" L R^2/(2N) for any method (here
    divergent GD, worst case 9/8 at N = 1)."""
    old = 'Link("step", potential, potential, step_multipliers, 0, "N - 1", step_squares)'
    new = 'Link("step", potential, potential, lambda *a: {}, 0, "N", advance=False)'
    path = mutate(tmp_path, "gd_no_advance", *DIVERGENT[:2], (old, new))
    result = check_proof(only_proof(path))
    assert not result.ok
    assert "range link 'step' must advance one potential" in failures_of(result)
    failures, _ = crosscheck(only_proof(path))
    assert any("N=1: the claimed rate 0.5 is below the worst case 1.125" in f for f in failures)


def test_range_between_two_potentials_is_refused(tmp_path):
    """A range proving V_k >= W_{k+1} for every k does not give V_0 >= W_N: it telescopes
    only when both sides are one potential (the same object)."""
    old = 'Link("step", potential, potential, step_multipliers, 0, "N - 1", step_squares)'
    new = 'Link("step", potential, copy, step_multipliers, 0, "N - 1", step_squares)'
    end = "            potential,\n            Final(lambda c, at: at.N),"
    helpers = "\n\ndef copy(c, s, at):\n    return potential(c, s, at)\n"
    edits = ((old, new), (end, end.replace("potential,", "copy,")))
    result = check_proof(only_proof(mutate(tmp_path, "gd_two", *edits, helpers=helpers)))
    assert not result.ok
    assert "range link 'step' must advance one potential (lhs is rhs" in failures_of(result)


def test_range_running_backwards_is_refused(tmp_path):
    old = 'Link("step", potential, potential, step_multipliers, 0, "N - 1", step_squares)'
    new = (
        'Link("one", potential, potential, step_multipliers, 0, remainder=step_squares), '
        'Link("two", potential, potential, step_multipliers, 1, remainder=step_squares), '
        'Link("step", potential, potential, step_multipliers, 2, "N - 1", step_squares)'
    )
    result = check_proof(only_proof(mutate(tmp_path, "gd_backwards", (old, new))))
    assert not result.ok
    assert "range link 'step' (k = 2..N - 1) may run backwards for some N >= 1" in failures_of(
        result
    )


# -- attack 11: proof files that exit or raise at import ------------------------------------
@pytest.fixture
def hostile_dir(tmp_path):
    d = tmp_path / "proofs"
    d.mkdir()
    (d / "a_exits.py").write_text("import sys\nsys.exit(0)\n")
    (d / "b_raises.py").write_text("raise RuntimeError('broken on purpose')\n")
    (d / "c_os_exit.py").write_text("import os\nos._exit(0)\n")
    (d / "gd.py").write_text(GD)
    return d


def test_files_that_exit_or_raise_fail_and_the_rest_is_checked(hostile_dir):
    results = {r.name: r for r in check_paths([hostile_dir], crosscheck=False)}
    assert set(results) == {"a_exits", "b_raises", "c_os_exit", "gd"}
    assert results["gd"].ok
    assert results["a_exits"].error == "the file called sys.exit(0)"
    assert results["b_raises"].error == "RuntimeError: broken on purpose"
    assert "ended without a report (exit status 0)" in results["c_os_exit"].error
    assert exit_code(list(results.values())) == 1
    assert "Traceback" not in render_text(list(results.values()))
    assert "Traceback" in render_text(list(results.values()), verbose=True)


def test_hostile_dir_cli(hostile_dir, tmp_path):
    out = run_pep("check", "--no-crosscheck", str(hostile_dir), cache=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "VERIFIED  gd" in out.stdout
    assert "error: the file called sys.exit(0)" in out.stdout
    assert "error: RuntimeError: broken on purpose (-v shows the traceback)" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr
    verbose = run_pep("check", "--no-crosscheck", "-v", str(hostile_dir), cache=tmp_path)
    assert verbose.returncode == 1 and "Traceback" in verbose.stdout


def test_a_proof_file_cannot_change_the_checker_for_the_next(tmp_path):
    """A file that replaces the checker at import only changes its own process."""
    d = tmp_path / "proofs"
    d.mkdir()
    patch = (
        "import pep.symbolic.runner as r\n"
        "r.check_proof = lambda *a, **k: (_ for _ in ()).throw(SystemExit(0))\n"
    )
    (d / "a_patch.py").write_text(patch)
    weak = GD.replace(
        'c.ineq(c.f, "interp", s.x, s1.x): at.k + 1,', 'c.ineq(c.f, "interp", s.x, s1.x): at.k + 2,'
    )
    (d / "b_gd_wrong.py").write_text(weak)
    results = {r.name: r for r in check_paths([d], crosscheck=False)}
    assert not results["gd"].ok  # still checked, and still refused
    assert any("coefficient of" in f for f in results["gd"].failures)


def test_without_fork_the_files_are_loaded_behind_a_guard(hostile_dir, monkeypatch):
    """Where there is no fork (Windows), a guarded import: exits and errors are still one
    failed result each (os._exit cannot be contained there, so that file is left out)."""
    import multiprocessing

    (hostile_dir / "c_os_exit.py").unlink()
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    results = {r.name: r for r in check_paths([hostile_dir], crosscheck=False)}
    assert results["gd"].ok
    assert results["a_exits"].error == "the file called sys.exit(0)"
    assert results["b_raises"].error == "RuntimeError: broken on purpose"


# -- sequences: assumptions and numeric values --------------------------------------------------
EAG_V = (ROOT / "proofs" / "eag_v.py").read_text()
ASSUME = '    assume={"alpha0": (0, 3 / (4 * L))},\n'


def test_eag_v_needs_its_step_size_assumption(tmp_path):
    """alpha_0 < 3/(4L) is a hypothesis of Yoon and Ryu's theorem: without it the base case
    of the alpha facts cannot be proved (alpha_1 may even be negative for alpha_0 L near 1)."""
    assert ASSUME in EAG_V
    path = tmp_path / "eag_v_no_assumption.py"
    path.write_text(EAG_V.replace(ASSUME, ""))
    result = check_proof(only_proof(path))
    assert not result.ok
    assert "in the base step from alpha_0 = alpha0" in failures_of(result)


def test_numeric_parameters_must_satisfy_the_assumptions(tmp_path):
    path = tmp_path / "eag_v_numeric.py"
    path.write_text(
        EAG_V.replace('"alpha0": sp.Rational(309, 500)}', '"alpha0": sp.Rational(4, 5)}')
    )
    failures, _ = crosscheck(only_proof(path), Ns=(1,))
    assert any("alpha0 = 0.8 is outside its assumption [0.0, 0.75]" in f for f in failures)


def test_assumption_on_an_unknown_parameter_is_refused(tmp_path):
    path = tmp_path / "eag_v_typo.py"
    path.write_text(EAG_V.replace(ASSUME, ASSUME.replace('"alpha0"', '"alpha_0"')))
    result = check_proof(only_proof(path))
    assert not result.ok
    assert "assume names ['alpha_0'], which are not parameters" in failures_of(result)


def test_numeric_sequence_values_must_be_the_larger_root():
    """The symbolic facts are about the larger root of theta^2 - theta = theta_prev^2; a
    ``forward`` computing the other root would make the cross-check test another method."""
    import dataclasses

    import sympy as sp

    from pep.symbolic.numeric import sequence_value_failures
    from pep.symbolic.runner import _symbolic_checks

    proof = only_proof(ROOT / "proofs" / "ogm.py")
    (theta,) = [s for s in _symbolic_checks(proof)[1] if s.name == "theta"]
    assert sequence_value_failures(proof, [theta], 5) == []
    smaller = dataclasses.replace(theta, forward=lambda a, k: (1 - sp.sqrt(1 + 4 * a**2)) / 2)
    (problem,) = sequence_value_failures(proof, [smaller], 5)
    # theta_1 would be (1 - sqrt 5)/2 instead of the golden ratio (1 + sqrt 5)/2
    assert problem.startswith("theta_1 = -0.6180339887 (N=5) is not the larger root")


def test_crosscheck_refuses_a_horizon_it_cannot_afford():
    import dataclasses

    proof = dataclasses.replace(only_proof(ROOT / "proofs" / "gd.py"), N_min=25)
    failures, _ = crosscheck(proof)
    assert failures == [
        "the cross-check would solve the PEP at N = 27 (N_min = 25); it runs up to N = 20: "
        "lower N_min"
    ]
