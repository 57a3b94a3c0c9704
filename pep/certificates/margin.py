r"""From a solved PEP to a verified result: exact certificates, with a margin re-solve.

:meth:`pep.Result.certify` first rationalizes the solver's own dual solution
(:meth:`pep.Certificate.rationalize`). When the worst-case dual matrix :math:`S` has an irrational
or high-dimensional null space (OGM, OGM-G: :math:`\theta_k` is irrational), rounding can push
:math:`S` below zero there and no guess repairs it. The *margin re-solve* then solves the PEP
with the perturbed objective :math:`m + \eta\langle P, G\rangle`, where :math:`P` is the
orthogonal projector onto the Gram directions that are bounded on the feasible set (structural
null vectors and coordinates that never appear squared are excluded), plus
:math:`\eta\operatorname{tr} M_b(G, F)` for every PSD block of an LMI class, so that its
multiplier becomes :math:`Z_b = Z_{b,\eta} + \eta I \succeq \eta I` as well
(:mod:`pep.certificates.lmi`). Its dual gives, for the
original objective, multipliers with :math:`S = S_\eta + \eta P \succeq \eta P`: a strictly
positive margin that survives rounding, at the price of the bound
:math:`B_\eta \le B^\star + \eta\max\langle P, G\rangle`; :math:`\eta` is chosen so that
:math:`B_\eta \le (1 + \text{slack})\,B^\star`.

>>> import pep
>>> verified = pep.algorithms.get("ogm").setting(2).solve().certify(slack=1e-6)
>>> verified.verified, verified.exact_certificate.kind
(True, 'relaxed')
"""

from __future__ import annotations

import dataclasses
import logging
from fractions import Fraction
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.certificates import rationalize as R
from pep.certificates.certificate import SLACK, Certificate, ExactCertificate, _Context
from pep.certificates.lmi import trace_terms
from pep.errors import CertificateError, PepError

log = logging.getLogger(__name__)

__all__ = ["certify", "margin_certificate", "bounded_directions", "TIGHT_CLARABEL"]

# Clarabel tolerances for the margin re-solve: the margin eta is below the default 1e-8.
TIGHT_CLARABEL = {
    "tol_gap_abs": 1e-12,
    "tol_gap_rel": 1e-12,
    "tol_feas": 1e-12,
    "tol_ktratio": 1e-10,
    "max_iter": 500,
}
ETA_FACTORS = (
    1.0,
    0.5,
    0.2,
    0.05,
    0.01,
)  # fractions of the allowed bound increase spent on the margin


def _gram_matrices(data: Any) -> list[np.ndarray]:
    d = data.dimension
    out: list[np.ndarray] = []
    for blk in (*data.blocks, *data.psd_blocks, data.objective):
        g = blk.gram.tocoo()
        mats: dict[int, np.ndarray] = {}
        for i, c, v in zip(g.row, g.col, g.data):
            p, q = divmod(int(c), d)
            M = mats.setdefault(int(i), np.zeros((d, d)))
            M[p, q] += v if p == q else v / 2
            if p != q:
                M[q, p] += v / 2
        out.extend(mats.values())
    return out


def bounded_directions(data: Any) -> tuple[np.ndarray, list[int]]:
    """The projector P of the module doc and the coordinates that never appear squared."""
    d = data.dimension
    mats = _gram_matrices(data)
    squared = [p for p in range(d) if any(M[p, p] != 0 for M in mats)]
    acc = sum((M @ M for M in mats), np.zeros((d, d)))
    w, V = np.linalg.eigh(acc)
    common_null = V[:, w <= 1e-10 * max(float(w.max(initial=0.0)), 1e-300)]
    E = np.eye(d)[:, squared]
    E = E - common_null @ (common_null.T @ E)
    U, s, _ = np.linalg.svd(E, full_matrices=False)
    U = U[:, s > 1e-9]
    return U @ U.T, [p for p in range(d) if p not in squared]


def _perturbed(data: Any, P: np.ndarray, eta: float) -> Any:
    d = data.dimension
    row = np.zeros(d * d)
    iu = np.triu_indices(d)
    row[iu[0] * d + iu[1]] = np.where(iu[0] == iu[1], 1.0, 2.0) * P[iu]
    obj = data.objective
    extra = sp.csr_matrix(np.tile(eta * row, (len(obj), 1)))
    gram, values, const = trace_terms(data)  # LMI blocks: + eta tr M_b, so Z_b >= eta I
    n = len(obj)
    return dataclasses.replace(
        data,
        objective=dataclasses.replace(
            obj,
            gram=sp.csr_matrix(obj.gram + extra + sp.csr_matrix(np.tile(eta * gram, (n, 1)))),
            values=sp.csr_matrix(obj.values + sp.csr_matrix(np.tile(eta * values, (n, 1)))),
            const=obj.const + eta * const,
        ),
    )


def _resolver(result: Any) -> str:
    """The solver of the accurate re-solves: Clarabel through cvxpy at tight tolerances for a
    result from any Clarabel path (the default strategy may have ended in the dual form or a
    polish, whose tolerances are not tight enough for a margin below 1e-8); else the
    result's own solver."""
    solver = str(result.solver).upper()
    return "CLARABEL" if solver.startswith("CLARABEL") else solver


def reference_value(result: Any, **solver_options: Any) -> float:
    """The value of an accurate unperturbed re-solve (tight Clarabel tolerances): a
    default-tolerance value can be off by ~1e-8 relative, the size of the slack itself."""
    solver = _resolver(result)
    options = dict(TIGHT_CLARABEL) if solver == "CLARABEL" else {}
    options.update(solver_options)
    return float(result.resolve(solver=solver, **options).value)


def margin_certificate(
    result: Any, *, slack: float = SLACK, **solver_options: Any
) -> ExactCertificate:
    """A relaxed exact certificate from a margin re-solve (see the module doc)."""
    data = result.data
    P, free = bounded_directions(data)
    trace = max(1.0, float(np.sum(P * result.gram)))
    solver = _resolver(result)
    options = dict(TIGHT_CLARABEL) if solver == "CLARABEL" else {}
    options.update(solver_options)
    value = reference_value(result, **solver_options)
    Z = [[Fraction(int(q == p)) for q in range(data.dimension)] for p in free]
    errors = []
    for factor in ETA_FACTORS:
        eta = factor * slack * abs(value) / trace
        try:
            res = result.resolve(_perturbed(data, P, eta), solver=solver, **options)
            cert = Certificate.from_result(res, zero_tol=0.0)
            # S vanishes exactly on structural null vectors and on coordinates that never appear
            # squared; the solver's S carries noise there, which no multipliers reproduce
            S = P @ cert.S @ P + eta * P
            blocks = {n: Zb + eta * np.eye(len(Zb)) for n, Zb in cert.psd_blocks.items()}
            cert = dataclasses.replace(cert, S=S, bound=res.value, psd_blocks=blocks)
            ctx = _Context(cert)
            att = R.rationalize_multipliers(
                ctx.sys,
                ctx.numeric,
                {},
                nf=ctx.nf,
                bound=None,
                null_space=Z,
                zero_tol=0.0,
                target_S=cert.S,
                grids=(2**40, 2**56),
            )
            ctx.lmi.matrices(att.x, ctx.index)  # every Z_b >= eta I, rounded: PSD-checked
        except PepError as exc:
            errors.append(f"eta={eta:.3g}: {exc}")
            continue
        if att.bound > Fraction(value) * (1 + Fraction(slack)):
            errors.append(f"eta={eta:.3g}: bound {float(att.bound)!r} > (1 + slack) * value")
            continue
        return ctx._build(att, "relaxed")
    raise CertificateError("margin re-solve failed: " + "; ".join(errors))


def certify(
    result: Any,
    *,
    bound: Any = None,
    slack: float = SLACK,
    margin: bool = True,
    **solver_options: Any,
) -> Any:
    """A copy of ``result`` with ``verified=True`` and its ``exact_certificate``, or raise.

    ``bound=B`` certifies exactly ``B``; otherwise the tight guess, then the relaxed rounding,
    then (if ``margin``) the margin re-solve are tried. The certificate is checked by
    :meth:`ExactCertificate.check` before the label changes.
    """
    errors = []
    exact = None
    what = f"the bound {bound}" if bound is not None else "a bound"
    log.info("certify: rounding the solver's multipliers to %s (exact arithmetic)", what)
    try:
        exact = result.certificate().rationalize(bound=bound, slack=slack)
    except CertificateError as exc:
        errors.append(str(exc))
    if exact is not None and bound is None and margin:
        log.info("certify: accurate re-solve to compare the exact bound with the value")
        ref = reference_value(result, **solver_options)
        if exact.bound > Fraction(ref) * (1 + Fraction(slack)):
            errors.append(f"bound {float(exact.bound)!r} > (1 + slack) * accurate value {ref!r}")
            exact = None
    if exact is None and margin and bound is None:
        log.info("certify: re-solving with a PSD margin (a relaxed bound)")
        try:
            exact = margin_certificate(result, slack=slack, **solver_options)
        except CertificateError as exc:
            errors.append(str(exc))
    if exact is None:
        raise CertificateError(_no_certificate_message(result), details=" | ".join(errors))
    log.info("certify: exact check of the certificate (bound %s)", _short(exact.bound))
    try:
        return result.with_certificate(exact)
    except CertificateError as exc:
        raise CertificateError(f"certify: {exc}") from None


def _no_certificate_message(result: Any) -> str:
    """One sentence for the user: floats named with their exact spelling, else what was tried."""
    from pep.model.floats import float_hints

    hints = float_hints(result.problem) if result.problem is not None else []
    if hints:
        return "certify: no exact certificate: " + "; ".join(hints)
    return (
        "certify: no exact certificate: neither the rounded multipliers nor a margin re-solve "
        "gave an exact identity with S PSD (details: -v, or the exception's .details)"
    )


def _short(q: Fraction) -> str:
    text = str(q)
    return text if len(text) <= 24 else f"{float(q):.10g}"
