"""The independent checker pep.certificates.verify (format version 2): valid documents pass and
state their theorem; malformed ones raise MalformedCertificate (exit code 2); invalid ones are
rejected with a reason (exit code 1). GD's worst case at N = 3 on SmoothConvex(L=1) with
||x0 - x*|| <= 1 is exactly 1/14 (Drori and Teboulle 2014)."""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import pep
from pep.algorithms import get, names
from pep.certificates import verify
from pep.certificates.jsonformat import _expr, statement_document
from pep.certificates.statement import exact_constraints

VERIFY_PATH = Path(verify.__file__)


@pytest.fixture(scope="module")
def gd_doc() -> dict:
    exact = get("gd").setting(3).solve().certificate().rationalize(bound=Fraction(1, 14))
    return json.loads(json.dumps(exact.to_dict()))


def mutate(doc: dict, path: list, value: object) -> dict:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def test_imports_nothing_from_pep_and_never_evaluates() -> None:
    tree = ast.parse(VERIFY_PATH.read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("eval", "exec", "compile", "__import__")
    assert modules <= {"__future__", "json", "os", "re", "fractions", "typing"}


def test_valid_document_states_its_theorem(gd_doc: dict) -> None:
    assert gd_doc["version"] == 2 and gd_doc["statement"]["bound"] == "1/14"
    assert verify.check(gd_doc) == []
    text = verify.theorem(gd_doc)
    for part in (
        "SmoothConvex(L=1)",
        "at x1 = x0 - g_f(x0): gradient g_f(x1), value f(x1)",
        "at x3 = x0 - g_f(x0) - g_f(x1) - g_f(x2)",
        "initial: |x0 - x*|^2 <= 1",
        "f(x3) - f(x*) <= 1/14",
    ):
        assert part in text, part


def test_no_rows_in_the_document(gd_doc: dict) -> None:
    # the checker rebuilds every condition: there is nothing to trust or to switch off
    text = json.dumps(gd_doc)
    assert '"row"' not in text and "rows_exact" not in text and '"sense": "=="' not in text


def test_version_1_is_refused_with_the_fix() -> None:
    with pytest.raises(verify.MalformedCertificate, match="re-export with pep run"):
        verify.check({"format": "pep-certificate", "version": 1, "bound": "1/14"})


@pytest.mark.parametrize(
    "path, value, match",
    [
        (["format"], "other", "not a 'pep-certificate'"),
        (["version"], 3, "unknown"),
        (["version"], True, "unknown"),
        (["statement", "bound"], "1e5", "rational string"),
        (["statement", "bound"], "__import__('os').system('true')", "rational string"),
        (["statement", "bound"], 0.5, "rational string"),
        (["statement", "bound"], "1/0", "zero denominator"),
        (["statement", "bound"], "1" * 1001, "rational string"),
        (["statement", "points", 1], "x0", "duplicate name"),
        (["statement", "values", 0], "x0", "duplicate name"),
        (["statement", "points", 0], "x 0", "is not a name"),
        (["statement", "points", 0], "x\u202e0", "is not a name"),
        (["statement", "oracles", 0, "class"], "smoothconvex", "unknown class"),
        (["statement", "oracles", 0, "parameters"], {}, "needs the parameter 'L'"),
        (["statement", "oracles", 0, "parameters", "L"], "-1", "needs L > 0"),
        (["statement", "oracles", 0, "parameters", "mu"], "1/10", "no parameter 'mu'"),
        (["statement", "oracles", 0, "records", 1, "x"], [[0, "1"], [0, "2"]], "repeated"),
        (["statement", "oracles", 0, "records", 1, "label"], "x*", "duplicate name"),
        (["statement", "oracles", 0, "rows_exact"], False, "unknown field 'rows_exact'"),
        (["statement", "assumptions", 0, "sense"], "<", "sense must be"),
        (["statement", "objectives"], [], "at least one objective"),
        (["proof", "multipliers", 0, "condition"], "interp ", "has no condition"),
        (["proof", "multipliers", 0, "records"], [0], "takes 2 distinct records"),
        (["proof", "multipliers", 0, "records"], [1, 1], "takes 2 distinct records"),
        (["proof", "multipliers", 0, "records"], [0, 99], "not in 0..4"),
        (["proof", "multipliers", 0, "oracle"], "g", "no oracle named"),
        (["proof", "multipliers", 0, "sense"], "==", "unknown field 'sense'"),
        (["proof", "multipliers", 0, "row"], {}, "unknown field 'row'"),
        (["proof", "multipliers", 0], {"value": "1"}, "missing field 'oracle'"),
        (["proof", "multipliers", 0], {"assumption": "nope", "value": "1"}, "no assumption"),
        (["proof", "objective_weights"], ["1", "0"], "2 weights for 1 objectives"),
        (["proof", "psd", 0, "block"], "lmi", "unknown or repeated block"),
        (["proof", "psd", 0, "entries", 0], [1, 0, "1"], "repeated or p > q"),
        (["proof", "trust_rows"], True, "unknown field 'trust_rows'"),
    ],
)
def test_malformed_documents(gd_doc: dict, path: list, value: object, match: str) -> None:
    with pytest.raises(verify.MalformedCertificate, match=match):
        verify.check(mutate(gd_doc, path, value))


def test_duplicates_are_refused(gd_doc: dict) -> None:
    doc = copy.deepcopy(gd_doc)
    doc["statement"]["oracles"].append(copy.deepcopy(doc["statement"]["oracles"][0]))
    with pytest.raises(verify.MalformedCertificate, match="duplicate name 'f'"):
        verify.check(doc)
    doc = copy.deepcopy(gd_doc)
    doc["proof"]["multipliers"].append(copy.deepcopy(doc["proof"]["multipliers"][0]))
    with pytest.raises(verify.MalformedCertificate, match="a second multiplier"):
        verify.check(doc)


def test_parameter_ranges() -> None:
    exact = _ssc_certificate()
    doc = json.loads(json.dumps(exact.to_dict()))
    assert verify.check(doc) == []
    for mu, match in (("1", "mu < L"), ("2", "mu < L"), ("-1/10", "mu >= 0")):
        bad = mutate(doc, ["statement", "oracles", 0, "parameters", "mu"], mu)
        with pytest.raises(verify.MalformedCertificate, match=match):
            verify.check(bad)


def _ssc_certificate() -> pep.ExactCertificate:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=1, mu=Fraction(1, 10)))
    x, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x - xs) <= 1, name="initial")
    for _ in range(2):
        x = x - f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem.solve().certify(slack=1e-6).exact_certificate


def test_hostile_files(tmp_path: Path) -> None:
    cases = {
        "nan.json": '{"format": "pep-certificate", "version": 2, "statement": NaN}',
        "deep.json": "[" * 100000 + "]" * 100000,
        "binary.json": b"\xff\xfe\x00garbage",
        "list.json": "[1, 2, 3]",
        "bigint.json": '{"format": "pep-certificate", "version": ' + "9" * 5000 + "}",
    }
    for name, text in cases.items():
        p = tmp_path / name
        p.write_bytes(text if isinstance(text, bytes) else text.encode())
        with pytest.raises(verify.MalformedCertificate):
            verify.check_file(str(p))
    with pytest.raises(verify.MalformedCertificate, match="cannot read"):
        verify.check_file(str(tmp_path / "missing.json"))


@pytest.mark.parametrize(
    "path, value, reason",
    [
        (["statement", "bound"], "1/15", "identity"),  # false: the worst case is 1/14
        (["statement", "bound"], "1/13", "identity"),  # true but not what the proof shows
        (["proof", "multipliers", 0, "value"], "-1", "< 0"),
        (["proof", "objective_weights", 0], "2", "sum to 2"),
    ],
)
def test_invalid_documents_are_rejected(
    gd_doc: dict, path: list, value: object, reason: str
) -> None:
    reasons = verify.check(mutate(gd_doc, path, value))
    assert reasons and any(reason in r for r in reasons)


def test_record_tampering_is_caught_by_rebuilding_the_inequality(gd_doc: dict) -> None:
    doc = copy.deepcopy(gd_doc)
    rec = doc["statement"]["oracles"][0]["records"][2]  # x1 = x0 - g0: make it x0 - 2 g0
    assert rec["x"] == [[0, "1"], [2, "-1"]]
    rec["x"][1][1] = "-2"
    assert any("identity" in r for r in verify.check(doc))


def test_psd_test_runs_only_after_the_identity(gd_doc: dict, monkeypatch) -> None:
    calls = []
    real = verify._psd
    monkeypatch.setattr(verify, "_psd", lambda *a: calls.append(1) or real(*a))
    assert verify.check(mutate(gd_doc, ["statement", "bound"], "1/15")) and not calls
    assert verify.check(gd_doc) == [] and calls == [1]


def test_negated_certificate_is_refused_before_the_psd_test(gd_doc: dict) -> None:
    # negate the bound, the objective, S and every multiplier (the assumption becomes an
    # equality, whose multiplier is free): the identity still holds, S is negative
    # semidefinite, and the negative class multipliers are refused before any PSD test
    doc = copy.deepcopy(gd_doc)
    st, pf = doc["statement"], doc["proof"]
    st["assumptions"][0]["sense"] = "=="
    obj = st["objectives"][0]
    obj["values"] = [[i, str(-Fraction(c))] for i, c in obj["values"]]
    st["bound"] = str(-Fraction(st["bound"]))
    for m in pf["multipliers"]:
        m["value"] = str(-Fraction(m["value"]))
    pf["psd"][0]["entries"] = [[p, q, str(-Fraction(v))] for p, q, v in pf["psd"][0]["entries"]]
    reasons = verify.check(doc)
    assert reasons and all("< 0" in r for r in reasons)
    assert len(reasons) == sum(1 for m in pf["multipliers"] if "oracle" in m)


def test_not_psd_after_a_valid_identity() -> None:
    # min |p0|^2 <= 1 given |p0|^2 == 2 - ... : an identity with an indefinite S
    doc = {
        "format": "pep-certificate",
        "version": 2,
        "statement": {
            "points": ["p", "q"],
            "values": [],
            "oracles": [],
            "assumptions": [
                {
                    "name": "a",
                    "sense": "==",
                    "expr": {"gram": [[0, 0, "2"], [1, 1, "-1"]], "values": [], "const": "-1"},
                }  # fmt: skip
            ],
            "objectives": [{"gram": [[0, 0, "1"]], "values": [], "const": "0"}],
            "bound": "1",
        },
        "proof": {
            "objective_weights": ["1"],
            "multipliers": [{"assumption": "a", "value": "1"}],
            "psd": [{"block": "gram", "entries": [[0, 0, "1"], [1, 1, "-1"]]}],
        },
    }
    reasons = verify.check(doc)
    assert reasons == ["S is not PSD (elimination stops at row 1)"]


def test_float_model_rows_are_rebuilt_exactly() -> None:
    # OGM's steps are floats: the records hold their exact dyadic values and every row is
    # rebuilt from them; pep computes its certificates against the same exact rows
    exact = get("ogm").setting(2).solve().certify(slack=1e-6).exact_certificate
    doc = json.loads(json.dumps(exact.to_dict()))
    assert verify.check(doc) == []
    assert verify.check(
        mutate(doc, ["statement", "bound"], str(Fraction(doc["statement"]["bound"]) / 2))
    )


def test_expect_compares_statements_not_names(gd_doc: dict) -> None:
    expected = statement_document(get("gd").setting(3))
    assert verify.check(gd_doc, expect=expected) == []
    renamed = copy.deepcopy(gd_doc)
    renamed["statement"]["points"][0] = "start"
    renamed["statement"]["oracles"][0]["name"] = "phi"
    for m in renamed["proof"]["multipliers"]:
        if "oracle" in m:
            m["oracle"] = "phi"
    assert verify.check(renamed, expect=expected) == []
    other = statement_document(get("gd").setting(3, L=2))
    assert any("expected SmoothConvex(L=2)" in r for r in verify.check(gd_doc, expect=other))


# -- the checker knows the classes exactly as pep states them -------------------------------
CLASSES = [
    pep.SmoothStronglyConvex(L=3, mu=Fraction(1, 2)),
    pep.SmoothConvex(L=Fraction(5, 2)),
    pep.Smooth(L=2),
    pep.Convex(),
    pep.StronglyConvex(mu=Fraction(3, 4)),
    pep.ConvexLipschitz(M=Fraction(7, 3)),
    pep.ConvexIndicator(),
    pep.ConvexIndicator(D=Fraction(3, 2)),
    pep.Monotone(),
    pep.StronglyMonotone(mu=Fraction(2, 5)),
    pep.Cocoercive(beta=Fraction(1, 3)),
    pep.Lipschitz(L=Fraction(4, 3)),
    pep.Nonexpansive(),
    pep.LipschitzMonotone(L=2),
    pep.SmoothConvexConcave(L=Fraction(3, 2)),
    pep.SmoothStronglyConvexQuadratic(L=2, mu=Fraction(1, 3)),  # its equalities (value, sym)
]


def _class_problem(cls: object) -> pep.Problem:
    problem = pep.Problem()
    operator = getattr(cls, "is_operator", False)
    h = problem.operator(cls, name="A") if operator else problem.function(cls, name="h")
    a, b = problem.point("a"), problem.point("b")
    pts = [a, a - Fraction(1, 3) * b, Fraction(2, 7) * a + 5 * b]
    for p in pts:
        h(p) if operator else h.grad(p)
    problem.maximize(pep.sqnorm(a))
    return problem


@pytest.mark.parametrize("cls", CLASSES, ids=repr)
def test_rebuilt_rows_equal_pep_rows(cls: object) -> None:
    """For each condition pep states, a document with multiplier 1 on it and an equality
    assumption holding minus pep's row is valid iff the checker rebuilds the same row."""
    problem = _class_problem(cls)
    conds = exact_constraints(problem)
    assert conds
    base = statement_document(problem, 0)
    base["objectives"] = [{"gram": [], "values": [], "const": "0"}]
    for c in conds:
        neg = _negated_form(problem, c.expr)
        doc = {
            "format": "pep-certificate",
            "version": 2,
            "statement": {**base, "assumptions": [{"name": "a", "sense": "==", "expr": neg}]},
            "proof": {
                "objective_weights": ["1"],
                "multipliers": [
                    {
                        "oracle": base["oracles"][0]["name"],
                        "condition": c.source.condition,
                        "records": list(c.source.records),
                        "value": "1",
                    },
                    {"assumption": "a", "value": "1"},
                ],
                "psd": [],
            },
        }
        assert verify.check(doc) == [], (cls, c.name)
        wrong = copy.deepcopy(doc)  # the same with a slightly different assumption: refused
        wrong["statement"]["assumptions"][0]["expr"]["const"] = str(Fraction(neg["const"]) + 1)
        assert verify.check(wrong), (cls, c.name)


def _negated_form(problem: pep.Problem, expr: object) -> dict:
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    return _expr(-expr, ppos, fpos)  # type: ignore[operator]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pep.cli", "verify", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_line_exit_codes(gd_doc: dict, tmp_path: Path) -> None:
    good, bad, broken = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "broken.json"
    good.write_text(json.dumps(gd_doc))
    bad.write_text(json.dumps(mutate(gd_doc, ["statement", "bound"], "1/15")))
    broken.write_text("{not json")
    out = run_cli(str(good), "--expect", "gd", "--N", "3")
    assert out.returncode == 0 and "f(x3) - f(x*) <= 1/14" in out.stdout
    assert "exactly the statement of gd at N=3" in out.stdout
    out = run_cli(str(bad))
    assert out.returncode == 1 and out.stdout.startswith("INVALID")
    out = run_cli(str(broken))
    assert out.returncode == 2 and "malformed" in out.stderr.lower()
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_names_cannot_look_like_numbers_or_formulas(gd_doc: dict) -> None:
    for bad in ("0", "-x", "x 0", "x=0", "1/2", ""):
        with pytest.raises(verify.MalformedCertificate, match="is not a name"):
            verify.check(mutate(gd_doc, ["statement", "points", 2], bad))


def test_repeated_json_keys_are_refused(gd_doc: dict, tmp_path: Path) -> None:
    text = json.dumps(gd_doc).replace(
        '"class": "SmoothConvex"', '"class": "Convex", "class": "SmoothConvex"'
    )
    path = tmp_path / "dup.json"
    path.write_text(text)
    with pytest.raises(verify.MalformedCertificate, match="repeated key"):
        verify.check_file(str(path))


def test_writer_makes_names_the_checker_accepts() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1), name="my f")
    x, xs = problem.point("3 start"), f.minimizer()
    problem.assume(pep.sqnorm(x - xs) <= 1, name="radius = 1")
    problem.maximize(f(x - f.grad(x)) - f(xs))
    exact = problem.solve().certificate().rationalize(bound=Fraction(1, 6))
    doc = json.loads(json.dumps(exact.to_dict()))
    assert doc["statement"]["points"][0] == "_3_start"
    assert verify.check(doc) == [] and exact.proves(problem)


@pytest.mark.parametrize("name", names())
def test_exact_constraints_are_pep_constraints(name: str) -> None:
    """The rows certificates are computed against are pep's constraints, same names and order,
    with coefficients equal to pep's wherever the model is exact."""
    problem = get(name).setting(2)
    exact = exact_constraints(problem)
    assert [c.name for c in exact] == [c.name for c in problem.constraints()]
    for a, b in zip(exact, problem.constraints()):
        assert a.sense == b.sense
        if all(isinstance(v, (int, Fraction)) for v in b.expr.terms.values()):
            assert a.expr.terms == b.expr.terms and a.expr.constant == b.expr.constant
