r"""The exact side of ``pep certify``: certificates that prove ``value <= claim`` and exactly
checked instances that refute it (split from :mod:`pep.cli.certify`).

Every comparison with the claim is exact (:func:`pep.cli.intervals.compare`); a certificate
proves the claim only when its rational bound is at most the claim.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from pep.cli.intervals import approximate, compare, enclose
from pep.errors import CertificateError

__all__ = ["exact_check", "exact_refutation", "rational_at_most", "brief"]


def exact_check(result: Any, bound: Any, reasons: list[str]) -> tuple[Any, Any]:
    """(the exact certificate that proves ``value <= bound``, None), or (None, the
    certificate of :meth:`pep.Result.certify`'s default bound, or None) with the reasons
    appended to ``reasons``.

    Tried in turn: a certificate of the claim itself (when rational, or a rational just below
    it); the default certificate (tight guess of the value, else relaxed), whose bound is
    compared exactly with the claim; a relaxed certificate with a slack reaching up to the
    claim.
    """
    target = rational_at_most(bound)
    if target is not None:
        try:
            return result.certify(bound=target, margin=False).exact_certificate, None
        except CertificateError as exc:
            reasons.append(f"certificate of the claim itself: {exc}")
    certificate = None
    try:
        certificate = result.certify().exact_certificate
        if compare(certificate.bound, bound) in (0, 1):  # certified bound <= claim, exactly
            return certificate, None
        reasons.append(f"the certificate proves only {brief(certificate.bound)}")
    except CertificateError as exc:
        reasons.append(f"certificate: {exc}")
    value, claim = result.value, approximate(bound)
    if value > 0 and claim > value * (1 + 1e-6):
        slack = min(0.5 * (claim / value - 1), 1e-2)
        try:
            relaxed = result.certify(slack=slack).exact_certificate
            if compare(relaxed.bound, bound) in (0, 1):
                return relaxed, None
            reasons.append(f"relaxed certificate proves only {brief(relaxed.bound)}")
        except CertificateError as exc:
            reasons.append(f"relaxed certificate: {exc}")
    return None, certificate


def exact_refutation(result: Any, bound: Any, certificate: Any) -> Fraction | str:
    """The value of an exactly checked instance that exceeds ``bound``, or why there is none."""
    from pep.certificates.instance import exact_lower_bound

    if not result.interpolation_exact:
        return "no exact refutation: a class has only necessary interpolation conditions"
    if certificate is None:
        return "no exact refutation: no certificate locates the worst case"
    instance = exact_lower_bound(result, certificate)
    if instance is None:
        return "no exact refutation: no exactly feasible worst-case instance was found"
    if compare(instance.value, bound) == -1:  # the claim is below the instance's value
        return instance.value
    return f"an exact instance attains {brief(instance.value)}, which does not exceed the claim"


def rational_at_most(bound: Any) -> Fraction | None:
    """``bound`` itself when rational; else a rational with 12 significant digits just below
    it (a certificate of a smaller bound proves the claim too; below by construction from a
    rigorous enclosure)."""
    if isinstance(bound, Fraction):
        return bound
    box = enclose(bound)
    if box is None or box[0] == 0:
        return None
    lo = box[0]
    digits = 11 - math.floor(math.log10(abs(float(lo))))
    scale = Fraction(10) ** digits
    return Fraction(math.floor(lo * scale), 1) / scale


def brief(q: Any) -> str:
    """An exact number for a message: the fraction when short, else 10 significant digits."""
    text = str(q)
    return text if len(text) <= 24 else f"{float(q):.10g} (a {len(text)}-character fraction)"
