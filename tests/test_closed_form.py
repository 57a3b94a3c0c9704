"""SDP-free exact certificates (pep.certificates.closed_form) for gradient descent.

The bound LR^2/(4N+2) and the multipliers are those of REFERENCE.md §2 (Drori-Teboulle 2014);
nothing here comes from an earlier run of ours. Broken certificates must fail.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import numpy as np
import pytest

from pep.certificates.closed_form import gd_certificate, max_structured_psd
from pep.certificates.exact import psd_check
from pep.errors import InvalidArgument


@pytest.mark.parametrize("N", [1, 2, 3, 4, 7, 10, 25, 60])
def test_gd_closed_form_certificate_verifies(N: int) -> None:
    cert = gd_certificate(N)
    assert cert.bound == Fraction(1, 4 * N + 2)
    check = cert.verify()
    assert check.ok, check.reason
    assert check.psd_method == "max-structure LDL^T"


@pytest.mark.parametrize(("L", "R"), [(Fraction(3, 2), 2), (5, Fraction(1, 3))])
def test_gd_certificate_scales_with_L_and_R(L, R) -> None:
    cert = gd_certificate(6, L=L, R=R)
    assert cert.bound == Fraction(L) * Fraction(R) ** 2 / 26
    assert cert.verify().ok


@pytest.mark.parametrize("N", [1, 3, 6])
def test_structured_and_general_psd_tests_agree(N: int) -> None:
    cert = gd_certificate(N)
    general = dataclasses.replace(cert, structure=None).verify()
    assert general.psd_method == "general LDL^T"
    assert general.ok and cert.verify().ok


def test_a_smaller_bound_breaks_the_identity() -> None:
    cert = gd_certificate(5)
    check = dataclasses.replace(cert, bound=Fraction(1, 23)).verify()
    assert not check.ok and not check.identity
    assert "identity fails" in check.reason


def test_a_smaller_tau_with_a_matching_bound_breaks_psd() -> None:
    # the identity then holds, but S loses (1/22 - 1/23)||x0 - x*||^2 and is not PSD
    cert = gd_certificate(5)
    check = dataclasses.replace(cert, bound=Fraction(1, 23), tau=Fraction(1, 23)).verify()
    assert check.identity and not check.psd and not check.ok


def test_a_negative_multiplier_is_rejected() -> None:
    cert = gd_certificate(4)
    mult = dict(cert.multipliers)
    key = (0, "x*", "x2")
    mult[key] = -mult[key]
    check = dataclasses.replace(cert, multipliers=mult).verify()
    assert not check.nonnegative and not check.ok


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_gd_certificate_rejects_bad_parameters(bad) -> None:
    with pytest.raises(InvalidArgument):
        gd_certificate(3, L=bad)


def _dense(diag, a):
    n = len(diag)
    return [[(diag[i] if i == j else 0) + a[max(i, j)] for j in range(n)] for i in range(n)]


def test_max_structured_psd_matches_the_general_exact_test() -> None:
    rnd = random.Random(7)
    seen = set()
    for _ in range(300):
        n = rnd.randint(1, 6)
        diag = [Fraction(rnd.randint(-2, 4), rnd.randint(1, 3)) for _ in range(n)]
        a = [Fraction(rnd.randint(-3, 3), rnd.randint(1, 3)) for _ in range(n)]
        fast, _, _ = max_structured_psd(diag, a)
        general = psd_check(_dense(diag, a)).is_psd
        assert fast == general, (diag, a)
        eig = np.linalg.eigvalsh(np.array(_dense(diag, a), float))
        if eig.min() < -1e-9:
            assert not fast
        seen.add(fast)
    assert seen == {True, False}  # both outcomes exercised


def test_max_structured_psd_singular_cases() -> None:
    assert max_structured_psd([0, 0], [0, 0])[0]  # zero matrix
    assert max_structured_psd([0, 0], [1, 1])[:2] == (True, 1)  # all-ones: rank one
    assert not max_structured_psd([1, -1], [0, 1])[0]  # zero pivot, nonzero row
    with pytest.raises(InvalidArgument):
        max_structured_psd([1, 2], [1])


@pytest.mark.slow
def test_gd_exact_bound_at_N_1000_without_an_sdp() -> None:
    check = gd_certificate(1000).verify()
    assert check.ok, check.reason
