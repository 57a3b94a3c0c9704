"""Conformance with PEPit: its examples, re-expressed with pep's public API, solved with the
defaults (``problem.solve()``), against the references of its docstrings and tests.

The table is in ``cases_*.py`` (one builder per example, the reference and its source, see
``casebase.py``). ``slow`` cases (larger PEPs) run with ``pytest -m slow``. The tolerance is
the case's: 1e-4 relative where the reference is a closed form or a value PEPit printed
with MOSEK to six digits, 1e-3 where PEPit's tests compare with four-digit PESTO values or
the value was printed from SCS, an absolute 1e-6 where the reference is 0.
"""

from __future__ import annotations

import pytest
from casebase import Case
from cases_composite import CASES as COMPOSITE
from cases_momentum import CASES as MOMENTUM
from cases_operators import CASES as OPERATORS
from cases_other import CASES as OTHER
from cases_unconstrained import CASES as UNCONSTRAINED

from pep.errors import InaccurateSolve

CASES: list[Case] = [*UNCONSTRAINED, *MOMENTUM, *COMPOSITE, *OPERATORS, *OTHER]


def _param(case: Case) -> object:
    marks = [pytest.mark.slow] if case.slow else []
    if case.known_failure:
        marks.append(
            pytest.mark.xfail(raises=InaccurateSolve, strict=False, reason=case.known_failure)
        )
    return pytest.param(case, id=f"{case.category}/{case.name}", marks=marks)


def test_the_table_covers_forty_examples_in_several_categories() -> None:
    examples = {c.name.split(" (")[0] + "@" + c.category for c in CASES}
    assert len(examples) >= 40
    assert len({c.category for c in CASES}) >= 8
    assert len({(c.category, c.name) for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_default_solve_matches_the_reference(case: Case) -> None:
    value = case.build().solve().value
    assert case.accepts(value), (
        f"{case.name} ({case.params}): pep {value!r}, reference {case.reference!r} "
        f"({case.source}); off by {value - case.reference:.3g}"
    )
