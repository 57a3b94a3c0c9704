"""Hypothesis fuzzing of the checker: random JSON and mutations of genuine certificates never
raise anything but MalformedCertificate, and no mutation of GD's N = 3 certificate that keeps
GD's statement proves a bound below its exact worst case 1/14 (Drori and Teboulle 2014)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pep.algorithms import get
from pep.certificates import verify
from pep.certificates.jsonformat import statement_document
from pep.cli.main import main

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
GD3 = get("gd").setting(3).solve().certificate().rationalize(bound=Fraction(1, 14))
GENUINE = json.loads(json.dumps(GD3.to_dict()))
EXPECTED = statement_document(get("gd").setting(3))

numbers = st.one_of(
    st.integers(-3, 3).map(str),
    st.fractions(max_denominator=50).map(str),
    st.sampled_from(["1/0", "0.5", "1e3", "-", "", " 1", "9" * 1001, "NaN"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False), numbers,
    st.text(max_size=8),
)  # fmt: skip
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["a", "gram", "x", "value", "records", "L"]), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            out += _paths(v, prefix + (k,))
    return out


PATHS = [p for p in _paths(GENUINE) if p]


def _apply(doc: dict, path: tuple, action: str, value: Any) -> dict:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    last = path[-1]
    if action == "delete":
        del node[last]
    elif action == "replace":
        node[last] = value
    elif action == "number" and isinstance(node[last], str):
        try:
            node[last] = str(Fraction(node[last]) + Fraction(value))
        except (ValueError, ZeroDivisionError):
            node[last] = value
    elif action == "duplicate" and isinstance(node, list):
        node.append(copy.deepcopy(node[last]))
    return out


def _checked(doc: Any, expect: Any = None) -> list[str] | None:
    """The reasons, or None for a malformed document; any other exception fails the test."""
    try:
        reasons = verify.check(doc, expect=expect)
        verify.theorem(doc)
        return reasons
    except verify.MalformedCertificate:
        return None


@SETTINGS
@given(json_values)
def test_random_json_is_refused_cleanly(doc: Any) -> None:
    assert _checked(doc) is None
    wrapped = {"format": "pep-certificate", "version": 2, "statement": doc, "proof": doc}
    assert _checked(wrapped) is None


mutations = st.lists(
    st.tuples(
        st.sampled_from(PATHS),
        st.sampled_from(["delete", "replace", "number", "duplicate"]),
        st.one_of(json_values, st.fractions(max_denominator=1000).map(str)),
    ),
    min_size=1,
    max_size=3,
)


@SETTINGS
@given(mutations)
def test_mutated_certificates_never_crash_nor_prove_a_false_bound(steps: list) -> None:
    doc = GENUINE
    for path, action, value in steps:
        try:
            doc = _apply(doc, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # the path no longer exists after an earlier step
    reasons = _checked(doc, EXPECTED)
    if reasons == []:  # a valid proof of GD's statement: its bound is at least the worst case
        assert Fraction(doc["statement"]["bound"]) >= Fraction(1, 14)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutations)
def test_command_line_never_shows_a_traceback(tmp_path: Path, capsys, steps: list) -> None:
    doc: Any = GENUINE
    for path, action, value in steps:
        try:
            doc = _apply(doc, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue
    target = tmp_path / "cert.json"
    target.write_text(json.dumps(doc))
    code = main(["verify", str(target), "--expect", "gd", "--N", "3"])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2) and "Traceback" not in out + err
    if code == 2:
        assert len(err.strip().splitlines()) == 1


def test_genuine_is_valid() -> None:
    # the fuzzers' starting point (so a checker that refuses everything fails here)
    assert _checked(GENUINE, EXPECTED) == []


@pytest.mark.parametrize("seed_doc", [GENUINE])
def test_every_single_deletion_is_malformed(seed_doc: dict) -> None:
    for path in PATHS:
        doc = _apply(seed_doc, path, "delete", None)
        reasons = _checked(doc)
        # a deleted list entry may leave a well-formed document (e.g. one multiplier fewer),
        # which must then be invalid or still a true statement's proof
        if isinstance(path[-1], str):
            assert reasons is None or path[-1] == "kind", path


@pytest.mark.parametrize("version", ["\r", "2\n3", "\x1b[2J"])
def test_control_characters_in_a_certificate_stay_on_one_line(
    tmp_path: Path, capsys, version: str
) -> None:
    # found by the fuzzer above: a version of "\r" split the error over two lines
    doc = json.loads(json.dumps(GENUINE))
    doc["version"] = version
    target = tmp_path / "cert.json"
    target.write_text(json.dumps(doc))
    assert main(["verify", str(target)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err
