"""``pep verify --expect``: a certificate is accepted only as a proof of exactly the statement
the library (or the user's file) builds; ``ExactCertificate.proves(problem)`` in Python.

Every built-in algorithm that certifies is saved with ``pep run --save-certificate`` and
verified against its own statement (exit 0) and against another N (exit 1); gd and Halpern are
checked for N = 1..20 (N = 1..4 in the default run), with their exact worst cases
1/(4N+2) (Drori and Teboulle 2014) and 4/(N+1)^2 (Lieder 2021) as bounds."""

from __future__ import annotations

import json
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from pep import algorithms
from pep.cli.main import main

# fista_g has no exact certificate at small N (rationalize fails; numerical evidence only)
CERTIFYING = [n for n in algorithms.names() if n != "fista_g"]
WORST = {"gd": lambda N: Fraction(1, 4 * N + 2), "halpern": lambda N: Fraction(4, (N + 1) ** 2)}


def save(tmp_path: Path, capsys, name: str, N: int, *params: str) -> Path:
    path = tmp_path / f"{name}{N}.json"
    extra = [a for p in params for a in ("--param", p)]
    assert main(["run", name, "--N", str(N), "--save-certificate", str(path), *extra]) == 0
    capsys.readouterr()
    return path


def verify(path: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["verify", str(path), *args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("name", CERTIFYING)
def test_every_builtin_algorithm_binds(tmp_path: Path, capsys, name: str) -> None:
    path = save(tmp_path, capsys, name, 2)
    code, out = verify(path, capsys, "--expect", name, "--N", "2")
    assert code == 0 and f"exactly the statement of {name} at N=2" in out, out
    code, out = verify(path, capsys, "--expect", name, "--N", "3")
    assert code == 1 and "INVALID" in out


def _gd_halpern(tmp_path: Path, capsys, Ns: range) -> None:
    for name in ("gd", "halpern"):
        for N in Ns:
            path = save(tmp_path, capsys, name, N)
            code, out = verify(path, capsys, "--expect", name, "--N", str(N))
            assert code == 0, (name, N, out)
            bound = Fraction(json.loads(path.read_text())["statement"]["bound"])
            assert WORST[name](N) <= bound <= WORST[name](N) * (1 + Fraction(1, 10**6))


def test_gd_and_halpern_small_N(tmp_path: Path, capsys) -> None:
    _gd_halpern(tmp_path, capsys, range(1, 5))


@pytest.mark.slow
def test_gd_and_halpern_N_up_to_20(tmp_path: Path, capsys) -> None:
    _gd_halpern(tmp_path, capsys, range(5, 21))


def test_parameters_are_part_of_the_statement(tmp_path: Path, capsys) -> None:
    path = save(tmp_path, capsys, "gd", 2, "L=2", "h=1/2")
    assert (
        verify(path, capsys, "--expect", "gd", "--N", "2", "--param", "L=2", "--param", "h=1/2")[0]
        == 0
    )
    code, out = verify(path, capsys, "--expect", "gd", "--N", "2", "--param", "L=2")
    assert code == 1 and "differs" in out
    code, out = verify(path, capsys, "--expect", "gd", "--N", "2")
    assert code == 1 and "expected SmoothConvex(L=1)" in out


USER_FILE = textwrap.dedent(
    """
    import pep

    def setting(N, L=1):
        problem = pep.Problem()
        f = problem.function(pep.SmoothConvex(L=L))
        x, xs = problem.point("start"), f.minimizer()
        problem.assume(pep.sqnorm(x - xs) <= 1, name="radius")
        for _ in range(N):
            x = x - f.grad(x) / L
        problem.maximize(f(x) - f(xs))
        return problem

    def heavy_ball(N, L=1):
        problem = pep.Problem()
        f = problem.function(pep.SmoothConvex(L=L))
        x, xs = problem.point("start"), f.minimizer()
        problem.assume(pep.sqnorm(x - xs) <= 1, name="radius")
        prev = x
        for _ in range(N):
            x, prev = x - f.grad(x) / L + (x - prev) / 2, x
        problem.maximize(f(x) - f(xs))
        return problem
    """
)


def test_user_file(tmp_path: Path, capsys) -> None:
    import importlib.util

    user = tmp_path / "method.py"
    user.write_text(USER_FILE)
    spec = importlib.util.spec_from_file_location("method_for_test", user)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exact = module.setting(3).solve().certify().exact_certificate
    assert exact.bound == Fraction(1, 14)
    path = tmp_path / "user.json"
    path.write_text(json.dumps(exact.to_dict()))
    code, out = verify(path, capsys, "--expect", str(user), "--N", "3")
    assert code == 0 and "exactly the statement of" in out
    # the library's gd names its points differently: the statements are the same
    assert verify(path, capsys, "--expect", "gd", "--N", "3")[0] == 0
    assert verify(path, capsys, "--expect", f"{user}:heavy_ball", "--N", "3")[0] == 1
    assert verify(path, capsys, "--expect", str(user), "--N", "3", "--param", "L=2")[0] == 1
    code, out = verify(path, capsys, "--expect", f"{user}:nothing", "--N", "3")
    assert code == 2 and "defines no function" in out
    code, out = verify(path, capsys, "--expect", str(user))
    assert code == 2 and "--expect needs --N" in out


def test_proves_in_python() -> None:
    gd = algorithms.get("gd")
    exact = gd.setting(3).solve().certificate().rationalize(bound=Fraction(1, 14))
    assert exact.proves(gd.setting(3))
    assert not exact.proves(gd.setting(4))
    assert not exact.proves(gd.setting(3, R=Fraction(1, 2)))
    assert not exact.proves(algorithms.get("ogm").setting(3))
    reasons = exact.checked_against(gd.setting(3, L=2)).reasons
    assert any("expected SmoothConvex(L=2)" in r for r in reasons)
    # a certificate whose proof is wrong proves nothing, whatever the statement
    wrong = type(exact)(exact.problem, Fraction(1, 15), exact.multipliers,
                        exact.objective_multipliers, exact.S)  # fmt: skip
    assert not wrong.proves(gd.setting(3))
