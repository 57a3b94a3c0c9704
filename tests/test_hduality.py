"""Step matrices, H-duality and fixed-step methods (Kim, Ozdaglar, Park, Ryu, NeurIPS 2023).

Reference values: OGM's f(x_N) - f* <= L R^2/(2 theta_N^2) (tight, Kim-Fessler 2016) and
OGM-G's ||grad f(x_N)||^2 <= 2 L (f(x_0) - f*)/theta_N^2 (tight, Kim-Fessler 2021), which
normalise to the same number 1/(2 theta_N^2) (REFERENCE.md §2, "H-duality"); GD's
L R^2/(4Nh + 2) (Drori-Teboulle 2014); FGM's PEP values from REFERENCE.md §3.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

import pep
from pep.algorithms import fgm, fista_g, fixed_step, gd, get, h_dual, ogm, ogm_g, theta_sequence
from pep.algorithms.hduality import hdual_values
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.cli.main import main
from pep.errors import InvalidArgument


def test_exports() -> None:
    assert pep.h_dual is h_dual and "h_dual" in pep.__all__
    assert callable(pep.algorithms.fixed_step)


@pytest.mark.parametrize("N", range(1, 11))
def test_ogm_g_is_the_h_dual_of_ogm_exactly(N: int) -> None:
    H, G = get("ogm").step_matrix(N), get("ogm_g").step_matrix(N)
    assert H.sequence == G.sequence  # the same exact theta_1..theta_N
    assert h_dual(H).equals(G)  # identical rational functions of the thetas
    if 2 <= N <= 4:  # the comparison can fail: OGM is not its own H-dual
        assert not H.equals(G)


def test_ogm_step_matrix_matches_kim_fessler_closed_form() -> None:
    """h_{k+1,i} of Kim and Fessler (2016), eq. (6.2)-(6.3), from the float theta."""
    N = 6
    th = theta_sequence(N)
    h = {}
    for k in range(N):
        for i in range(k + 1):
            if i == k:
                h[k + 1, i] = 1 + (2 * th[k] - 1) / th[k + 1]
            elif i == k - 1:
                h[k + 1, i] = (th[k] - 1) / th[k + 1] * (h[k, k - 1] - 1)
            else:
                h[k + 1, i] = (th[k] - 1) / th[k + 1] * h[k, i]
    traced = get("ogm").step_matrix(N).as_float()
    for (k1, i), value in h.items():
        assert traced[k1 - 1][i] == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("h", [Fraction(1), Fraction(1, 2), Fraction(3, 2)])
@pytest.mark.parametrize("N", [1, 2, 5, 10])
def test_gradient_descent_is_its_own_h_dual(N: int, h: Fraction) -> None:
    H = get("gd").step_matrix(N, h=h)
    assert H.rows == tuple(tuple(h if i == k else 0 for i in range(k + 1)) for k in range(N))
    assert h_dual(H) == H


def test_h_dual_is_an_involution_and_anti_transposes() -> None:
    rng = random.Random(3)
    for N in range(1, 7):
        rows = [
            [Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(k + 1)]
            for k in range(N)
        ]
        H = StepMatrix(tuple(map(tuple, rows)))
        D = h_dual(H)
        for k in range(N):
            for i in range(k + 1):
                assert D.h(k + 1, i) == H.h(N - i, N - 1 - k)
        assert h_dual(D) == H
    assert h_dual([[1, 0], [2, 3]]) == StepMatrix(((3,), (2, 1)))


@pytest.mark.parametrize("N", range(1, 11))
def test_ogm_and_ogm_g_normalised_values_agree(N: int) -> None:
    expected = 1 / (2 * theta_sequence(N)[-1] ** 2)
    f_ogm = fixed_step(get("ogm").step_matrix(N)).function_value().solve().value
    g_ogmg = fixed_step(get("ogm_g").step_matrix(N)).gradient_norm().solve().value / 4
    assert f_ogm == pytest.approx(expected, rel=1e-6)
    assert g_ogmg == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("N", [1, 2, 4])
def test_gd_values_in_both_settings(N: int) -> None:
    """f: Drori-Teboulle's L R^2/(4Nh+2); g: the same number by H-duality (GD is self-dual)."""
    for h in (Fraction(1), Fraction(1, 2)):
        v = hdual_values(get("gd").step_matrix(N, h=h))
        expected = float(1 / (4 * N * h + 2))
        for key in ("f(H)", "g(H^A)", "g(H)", "f(H^A)"):
            assert v[key] == pytest.approx(expected, rel=1e-6), key


@pytest.mark.parametrize("N", [3, 5])
def test_traced_matrix_runs_the_same_method(N: int) -> None:
    """fixed_step(step_matrix) reproduces each method's own PEP (FGM: REFERENCE §3 table)."""
    table = {3: 0.0661069, 5: 0.0348938}
    value = fixed_step(get("fgm").step_matrix(N)).function_value().solve().value
    assert abs(value - table[N]) <= 1e-6
    own = get("fista_g").step_matrix(N)  # FGM-G, exact phi, against its float run
    direct = trace_step_matrix(lambda p, f, x0: fista_g.smooth_run(p, f, x0, N), N)
    for a, b in zip(own.as_float(), direct.as_float()):
        assert a == pytest.approx(b, rel=1e-12)


def test_step_matrix_refuses_methods_that_are_not_fixed_step() -> None:
    with pytest.raises(InvalidArgument, match="not a fixed-step"):
        get("eag_c").step_matrix(3)
    with pytest.raises(InvalidArgument, match="evaluated 2 gradients, expected N=1"):
        trace_step_matrix(lambda p, f, x0: gd.run(p, f, x0, 2), 1)
    with pytest.raises(InvalidArgument, match="moves along"):
        trace_step_matrix(lambda p, f, x0: x0 - f.grad(x0) + p.point("d"), 1)
    with pytest.raises(InvalidArgument, match="unknown parameter"):
        get("ogm").step_matrix(2, mu=1)


def test_step_matrix_validation() -> None:
    with pytest.raises(InvalidArgument, match="lower triangular"):
        h_dual([[1, 2], [3, 4]])
    with pytest.raises(InvalidArgument, match="square"):
        fixed_step([[1, 0]])
    with pytest.raises(InvalidArgument, match="must have 2 entries"):
        StepMatrix(((1,), (1,)))


def test_equals_detects_a_perturbed_entry() -> None:
    H = ogm.step_matrix(4)
    rows = [list(r) for r in H.rows]
    rows[3][1] = rows[3][1] + sp.Rational(1, 10**9)
    assert not StepMatrix(tuple(map(tuple, rows)), H.sequence).equals(H)


def test_symbolic_theta_gives_the_identity_for_any_sequence() -> None:
    """With free symbols for every theta the anti-transpose identity still holds."""
    th = [1] + list(sp.symbols("a1:5", positive=True))
    H = trace_step_matrix(lambda p, f, x0: ogm.run(p, f, x0, 4, 1, th), 4)
    G = trace_step_matrix(lambda p, f, x0: ogm_g.run(p, f, x0, 4, 1, th), 4)
    K = sp.field(th[1:], sp.QQ)[0]
    D = h_dual(H)
    for ra, rb in zip(D.rows, G.rows):
        for a, b in zip(ra, rb):
            assert K.from_expr(sp.sympify(a)) == K.from_expr(sp.sympify(b))


def test_fgm_step_matrix_is_exact() -> None:
    H = fgm.step_matrix(4)
    assert H.rows[0] == (1,) and H.rows[3] == (0, 0, 0, 1)  # last step: x_N = y_N - g/L
    assert [s.name for s, _ in H.sequence][:2] == ["t_2", "t_3"]


def test_cli_hdual(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hdual", "ogm", "--N", "1:2"]) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.strip().startswith(("1 ", "2 "))]
    assert len(lines) == 2 and all(ln.count("=") == 2 for ln in lines)
    row2 = [float(t) for t in lines[1].replace("=", " ").split()[1:]]
    assert row2[:2] == pytest.approx([1 / (2 * theta_sequence(2)[-1] ** 2)] * 2, rel=1e-6)
    assert main(["hdual", "feg", "--N", "2"]) == 2
    assert "not a fixed-step" in capsys.readouterr().err
