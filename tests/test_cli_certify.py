"""End-to-end ``pep certify``: the README's user file, a refuted claim, malformed claims,
missing files and names (subprocesses)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from cli_helpers import readme_user_file, run_pep

from pep.cli.main import main


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "my_method.py"
    path.write_text(readme_user_file())
    return path


def test_readme_file_uses_only_the_public_api(user_file):
    text = user_file.read_text()
    imports = [ln.strip() for ln in text.splitlines() if ln.strip().startswith(("import", "from"))]
    assert imports == ["import pep"]
    import pep

    used = {w.split("(")[0] for w in text.replace("pep.", " pep.").split() if w.startswith("pep.")}
    assert {u.removeprefix("pep.") for u in used} <= set(pep.__all__)


def test_true_claim_holds(user_file, tmp_path):
    # Drori-Teboulle: f(x_N) - f* <= L R^2 / (4 N h + 2), tight for h = 1
    out = run_pep(
        "certify",
        str(user_file),
        "--N",
        "1:3",
        "--claim",
        "L*R**2/(4*N*h+2)",
        "--json",
        cache=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["N"] for r in rows] == [1, 2, 3]
    for r in rows:
        # the claim is the exact worst case: only an exact certificate can say "verified"
        assert r["verdict"] == "verified", r["detail"]
        assert Fraction(r["claim"]) == Fraction(1, 4 * r["N"] + 2)
        assert r["value"] == pytest.approx(1 / (4 * r["N"] + 2), rel=1e-6)


def test_parameters_reach_the_setting_and_the_claim(user_file, tmp_path):
    out = run_pep(
        "certify",
        f"{user_file}:setting",
        "--N",
        "2",
        "--param",
        "h=1/2",
        "--param",
        "R=2",
        "--claim",
        "L*R**2/(4*N*h+2)",
        "--json",
        cache=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert Fraction(row["claim"]) == Fraction(4, 6)
    assert row["value"] == pytest.approx(4 / 6, rel=1e-6)


def test_refuted_claim_exits_1_with_an_example(user_file, tmp_path):
    out = run_pep(
        "certify", str(user_file), "--N", "1:2", "--claim", "L*R**2/(4*N*h+4)", cache=tmp_path
    )
    assert out.returncode == 1, out.stderr
    assert out.stdout.count("refuted") >= 2
    assert "worst-case example in dimension" in out.stdout and "x0 = [" in out.stdout


def test_refuted_example_reproduces_the_value(user_file, tmp_path):
    out = run_pep("certify", str(user_file), "--N", "1", "--claim", "1/8", "--json", cache=tmp_path)
    assert out.returncode == 1
    (row,) = json.loads(out.stdout)
    wc = row["worst_case"]
    # the example is a genuine instance: f(x1) - f(x*) is the worst case 1/6 > 1/8
    assert wc["values"]["f(x1)"] - wc["values"]["f(x*)"] == pytest.approx(1 / 6, abs=1e-5)
    assert wc["dimension"] <= 2


def test_mixed_verdicts_exit_1(user_file, tmp_path):
    # 1/(4N+2) <= 1/12 only from N = 3 on (1/6 > 1/12, 1/10 > 1/12, 1/14 < 1/12)
    out = run_pep(
        "certify", str(user_file), "--N", "1:3", "--claim", "1/12", "--json", cache=tmp_path
    )
    assert out.returncode == 1
    verdicts = [r["verdict"] for r in json.loads(out.stdout)]
    assert verdicts[:2] == ["refuted", "refuted"] and verdicts[2] in (
        "verified",
        "holds numerically",
    )


@pytest.mark.parametrize(
    "claim, message",
    [
        ("__import__('os')", "call of __import__ is not allowed"),
        ("L*R**2/(4*N*h+2", "unbalanced parentheses"),
        ("L*R**2/(4*N*mu+2)", "unknown name 'mu'"),
        ("open('x').read()", "not allowed"),
    ],
)
def test_malformed_claims_exit_2(user_file, capsys, claim, message):
    # in-process for speed (the claim is refused before any solve); the subprocess case below
    assert main(["certify", str(user_file), "--N", "1", "--claim", claim]) == 2
    assert message in capsys.readouterr().err


def test_malformed_claim_subprocess(user_file, tmp_path):
    out = run_pep(
        "certify", str(user_file), "--claim", "__import__('os').system('echo hi')", cache=tmp_path
    )
    assert out.returncode == 2, out.stdout
    assert "a call of __import__" in out.stderr and "is not allowed" in out.stderr
    assert "hi" not in out.stdout


def test_missing_file_and_missing_name(user_file, tmp_path):
    out = run_pep("certify", str(tmp_path / "nope.py"), "--claim", "1", cache=tmp_path)
    assert out.returncode == 2 and "does not exist" in out.stderr
    out = run_pep("certify", f"{user_file}:setings", "--claim", "1", cache=tmp_path)
    assert out.returncode == 2 and "did you mean 'setting'" in out.stderr


def test_file_that_fails_to_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("raise RuntimeError('broken on purpose')\n")
    out = run_pep("certify", str(bad), "--claim", "1", cache=tmp_path)
    assert out.returncode == 2 and "broken on purpose" in out.stderr


def test_without_exact_certificates_the_verdict_is_numerical(user_file):
    from pep.cli.certify import check_point, load_setting
    from pep.cli.claims import parse_claim

    fn, _ = load_setting(str(user_file))
    claim = parse_claim("L*R**2/(4*N*h+2)", {"N", "L", "h", "R"})
    v = check_point(fn, 2, {"L": 1, "h": 1, "R": 1}, claim, exact=False)
    assert v.verdict == "holds numerically" and v.ok and v.value == pytest.approx(0.1, rel=1e-6)


def test_setting_that_raises_or_returns_no_problem(tmp_path, capsys):
    raises = tmp_path / "raises.py"
    raises.write_text("def setting(N, L=1):\n    return 1 / 0\n")
    assert main(["certify", str(raises), "--N", "1", "--claim", "1"]) == 2
    assert "setting(N=1) raised ZeroDivisionError" in capsys.readouterr().err
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def setting(N):\n    return 42\n")
    assert main(["certify", str(wrong), "--N", "1", "--claim", "1"]) == 2
    assert "returned int, not a pep.Problem" in capsys.readouterr().err
    no_n = tmp_path / "no_n.py"
    no_n.write_text("def setting(k):\n    return None\n")
    assert main(["certify", str(no_n), "--N", "1", "--claim", "1"]) == 2
    assert "must take N as its first parameter" in capsys.readouterr().err
