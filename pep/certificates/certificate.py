r"""Dual certificates: named multipliers, rounding to rationals, exact verification.

For ``maximize m`` (or the minimum of several objectives :math:`m_k`) subject to constraints
:math:`e_r \le 0` (interpolation inequalities, then assumptions such as
:math:`\|x_0 - x_*\|^2 - R^2 \le 0`) a certificate of the bound :math:`B` is multipliers
:math:`\lambda_r \ge 0` (free for equalities; those of assumptions are called :math:`\tau`),
:math:`\nu_k \ge 0` with :math:`\sum_k \nu_k = 1`, and :math:`S \succeq 0` such that, as an
identity in the Gram matrix :math:`G` and the function values :math:`F`,

.. math:: B - \sum_k \nu_k m_k = \sum_r \lambda_r\,(-e_r) + \langle S, G\rangle .

Every term on the right is :math:`\ge 0` at any feasible point, hence
:math:`\min_k m_k \le B`. (With one assumption :math:`a \le c` and slacks
:math:`-e_i \ge 0` this reads :math:`B - m = \tau(c - a) + \sum_i\lambda_i\,\mathrm{slack}_i +
\langle S, G\rangle`.)

>>> import pep
>>> from fractions import Fraction
>>> result = pep.algorithms.get("gd").setting(2).solve()
>>> exact = result.certificate().rationalize()
>>> exact.bound, exact.kind, exact.verify()
(Fraction(1, 10), 'tight', True)
>>> result.certify(bound=Fraction(1, 10)).verified
True

References: Drori and Teboulle (2014) and Taylor, Hendrickx and Glineur (2017) for the dual
certificate of a PEP; the rounding scheme is described in :mod:`pep.certificates.rationalize`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from pep.certificates import rationalize as R
from pep.certificates.exact import fmpq, psd_check, to_fraction
from pep.certificates.lmi import Blocks, block_reasons, refuse_uncertifiable
from pep.errors import CertificateError

__all__ = ["Certificate", "ExactCertificate", "Verification", "ZERO_TOL", "SLACK"]

ZERO_TOL = 1e-9  # a multiplier below ZERO_TOL * max(1, largest multiplier) is a structural zero
SLACK = 1e-6  # default relative slack delta of a relaxed certificate: B <= (1 + delta) * value
MAX_DENOMINATOR = 10**6  # small-denominator guesses (bound, tau, null space of S)


@dataclass(frozen=True)
class Certificate:
    """The numeric dual solution of a solved PEP, keyed by constraint names.

    ``multipliers`` holds every constraint of ``problem.constraints()`` whose multiplier is not a
    structural zero (``|lambda| > zero_tol * max(1, max |lambda|)``); ``tau`` those of the
    assumptions; ``S`` the PSD dual matrix over ``point_names``; ``bound`` the numeric dual value.
    """

    problem: Any
    multipliers: dict[str, float]
    objective_multipliers: tuple[float, ...]
    S: np.ndarray
    bound: float
    point_names: tuple[str, ...]
    senses: dict[str, str]
    assumptions: tuple[str, ...]
    zero_tol: float = ZERO_TOL
    accuracy: dict[str, float] = field(default_factory=dict)
    gram: np.ndarray | None = None  # the primal worst case (its range spans S's null space)
    psd_blocks: dict[str, np.ndarray] = field(default_factory=dict)  # LMI classes: Z_b

    @classmethod
    def from_result(cls, result: Any, *, zero_tol: float = ZERO_TOL) -> Certificate:
        """Collect the multipliers of ``result`` (a :class:`pep.Result`) by constraint name."""
        if result.problem is None:
            raise CertificateError(
                "certificate: the result has no problem attached; solve with problem.solve()"
            )
        if not 0 <= zero_tol < 1:
            raise CertificateError(f"zero_tol={zero_tol!r} must lie in [0, 1)")
        refuse_uncertifiable(result.problem)
        sol, data = result.solution, result.data
        senses = {n: b.sense for b in data.blocks for n in b.names}
        raw = result.multipliers
        scale = max(1.0, max((abs(v) for v in raw.values()), default=0.0))
        kept = {n: v for n, v in raw.items() if abs(v) > zero_tol * scale}
        names = {c.name for c in result.problem.assumptions}
        return cls(
            problem=result.problem,
            multipliers=kept,
            objective_multipliers=tuple(float(v) for v in sol.objective_duals),
            S=(sol.psd_dual + sol.psd_dual.T) / 2,
            bound=float(result.value),
            point_names=data.point_names,
            senses=senses,
            assumptions=tuple(n for n in kept if n in names),
            zero_tol=zero_tol,
            accuracy=result.accuracy(),
            gram=np.asarray(result.gram, float),
            psd_blocks=result.psd_multipliers,
        )

    @property
    def tau(self) -> dict[str, float]:
        """Multipliers of the assumptions (e.g. the initial condition)."""
        return {n: self.multipliers[n] for n in self.assumptions}

    def rationalize(
        self,
        *,
        bound: Any = None,
        slack: float = SLACK,
        tight: bool = True,
        max_denominator: int = MAX_DENOMINATOR,
    ) -> ExactCertificate:
        r"""An exact rational certificate, or :class:`~pep.errors.CertificateError`.

        With ``bound=B`` (int/Fraction): certify exactly ``B`` (tight scheme) or raise. Otherwise
        try the tight scheme on a small-denominator guess of the value (if ``tight``), and fall
        back to the relaxed one, whose bound is at most about ``(1 + slack) * value``.
        """
        if not (isinstance(slack, (int, float)) and 0 < slack < 1):
            raise CertificateError(f"slack={slack!r} must be a number in (0, 1), e.g. 1e-6")
        ctx = _Context(self)
        if bound is not None:
            return ctx.tight(to_fraction(bound, "bound"), max_denominator)
        errors, found = [], None
        if tight:
            try:
                guess = R.guess(self.bound, max_denominator, "the numeric bound")
                found = ctx.tight(guess, max_denominator)
            except CertificateError as exc:
                errors.append(f"tight: {exc}")
        # a verified guess farther than the slack above the value is a valid but loose bound
        # (e.g. a nearby small fraction above an irrational optimum): prefer a relaxed one
        if found is not None and found.bound <= Fraction(self.bound) * (1 + Fraction(slack)):
            return found
        try:
            relaxed = ctx.relaxed(slack)
            return relaxed if found is None or relaxed.bound < found.bound else found
        except CertificateError as exc:
            errors.append(f"relaxed (slack={slack:g}): {exc}")
        if found is not None:
            return found
        raise CertificateError("rationalize failed; " + "; ".join(errors))

    def literal(self) -> ExactCertificate:
        """The numeric certificate taken literally: every float as the exact dyadic rational it
        is, no repair. It almost never verifies (the identity holds only to solver accuracy);
        :meth:`ExactCertificate.check` then says which terms fail, which shows why a float
        certificate is numerical evidence, not a proof."""
        d = len(self.point_names)
        return ExactCertificate(
            problem=self.problem,
            bound=Fraction(self.bound),
            multipliers={n: Fraction(v) for n, v in self.multipliers.items()},
            objective_multipliers=tuple(Fraction(v) for v in self.objective_multipliers),
            S=tuple(tuple(Fraction(float(self.S[p, q])) for q in range(d)) for p in range(d)),
            kind="literal",
            psd_blocks={
                n: tuple(tuple(map(Fraction, r)) for r in Z) for n, Z in self.psd_blocks.items()
            },
        )

    def table(self, fmt: str = "markdown") -> str:
        """One row per nonzero multiplier (see :func:`pep.certificates.table.certificate_table`)."""
        from pep.certificates.table import certificate_table

        return certificate_table(self.multipliers, fmt=fmt)


def _fq(c: Any) -> Any:
    """An exact coefficient as a flint rational (a float exactly, as its dyadic value)."""
    if isinstance(c, int):
        return fmpq(c)
    f = to_fraction(c)
    return fmpq(f.numerator, f.denominator)


class _Context:
    """The exact system of one certificate, shared by the tight and relaxed attempts."""

    def __init__(self, cert: Certificate):
        self.cert = cert
        problem = cert.problem
        self.rows, self.objectives = R.exact_rows(problem)
        # LMI classes: the entries of each block's Z_b are multipliers too (pep.certificates.lmi)
        self.lmi = Blocks(problem, cert.psd_blocks)
        self.rows.update(self.lmi.rows(lambda e: R.row_of(e, problem)))
        d = sum(1 for lf in problem.leaves if lf.kind == "point")
        self.nf = sum(1 for lf in problem.leaves if lf.kind == "value")
        self.sys = R.ExactSystem(self.rows, self.objectives, d)
        self.numeric = [
            self.lmi.value(n) if n in self.lmi.entries else cert.multipliers.get(n, 0.0)
            for n in self.rows
        ]
        self.numeric += list(cert.objective_multipliers)
        self.index = {n: k for k, n in enumerate(self.sys.names)}
        self.lmi.tag(self.sys, self.index)

    def _solve(self, fixed: dict, bound: Any, null_space: list, zguess: Any) -> Any:
        """One exact attempt; the PSD blocks' null vectors ``zguess(Z)`` imposed, and the
        blocks checked PSD, when the problem has any."""
        att = R.rationalize_multipliers(
            self.sys,
            self.numeric,
            fixed,
            nf=self.nf,
            bound=bound,
            null_space=null_space,
            zero_tol=self.cert.zero_tol,
            extra=self.lmi.equations(zguess),
        )
        self.lmi.matrices(att.x, self.index)  # raises unless every block is PSD
        return att

    def _build(self, att: R.Attempt, kind: str) -> ExactCertificate:
        names, m = self.sys.names, len(self.rows)
        return ExactCertificate(
            problem=self.cert.problem,
            bound=att.bound,
            multipliers={
                names[v]: x
                for v, x in sorted(att.x.items())
                if v < m and names[v] not in self.lmi.entries
            },
            objective_multipliers=tuple(
                att.x.get(m + k, Fraction(0)) for k in range(len(self.objectives))
            ),
            S=tuple(tuple(r) for r in att.S),
            kind=kind,
            psd_blocks=self.lmi.matrices(att.x, self.index),
        )

    def tight(self, bound: Fraction, max_denominator: int) -> ExactCertificate:
        errors = []
        error = float(self.cert.accuracy.get("relative_error", 0.0))
        for found in R.null_space_guesses(self.cert.S, self.cert.gram, max_denominator, error):
            if isinstance(found, CertificateError):
                errors.append(str(found))
                continue
            Z, tol = found
            try:
                # the PSD blocks' null vectors are guessed at the same tolerance
                guess = functools.partial(
                    R.null_space_basis, max_denominator=max_denominator, guess_tol=tol
                )
                att = self._solve({}, bound, Z, guess)
                return self._build(att, "tight")
            except CertificateError as exc:
                errors.append(str(exc))
        raise CertificateError(errors[0] if errors[0] == errors[-1] else "; ".join(errors))

    def relaxed(self, slack: float) -> ExactCertificate:
        """Impose S Z = 0 on a finely rounded numeric null space Z; if that fails, inflate tau."""
        scale = max(1.0, max((abs(v) for v in self.numeric), default=1.0))
        errors = []
        for null_tol in (R.NULL_TOL, 1e-4):
            Z = R.null_space_basis(self.cert.S, None, scale, null_tol)
            fine = functools.partial(
                R.null_space_basis, max_denominator=None, scale=scale, null_tol=null_tol
            )
            try:
                att = self._solve({}, None, Z, fine)
            except CertificateError as exc:
                errors.append(f"null space ({len(Z)} vectors): {exc}")
                continue
            if att.bound <= Fraction(self.cert.bound) * (1 + Fraction(slack)):
                return self._build(att, "relaxed")
            errors.append(f"bound {float(att.bound)!r} exceeds (1 + slack) * value")
        try:
            return self._inflate(slack)
        except CertificateError as exc:
            errors.append(f"tau inflation: {exc}")
        raise CertificateError("; ".join(errors))

    def _inflate(self, slack: float) -> ExactCertificate:
        fixed = {}
        for n in self.cert.assumptions:
            if self.cert.senses.get(n) == "<=":
                fixed[self.index[n]] = R.round_up(self.cert.multipliers[n] * (1 + slack))
        fine = functools.partial(R.null_space_basis, max_denominator=None)
        att = self._solve(fixed, None, R.zero_rows(self.cert.S), fine)
        return self._build(att, "relaxed")


@dataclass(frozen=True)
class Verification:
    """Outcome of :meth:`ExactCertificate.check`: ``ok`` and the reasons it failed."""

    ok: bool
    reasons: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True)
class ExactCertificate:
    """A rational certificate of ``bound`` (see the module docstring for the identity).

    ``multipliers`` maps constraint names to Fractions (zeros omitted), ``S`` is over the point
    leaves in problem order, ``kind`` is ``"tight"`` (bound fixed in advance) or ``"relaxed"``.
    """

    problem: Any
    bound: Fraction
    multipliers: Mapping[str, Fraction]
    objective_multipliers: tuple[Fraction, ...]
    S: tuple[tuple[Fraction, ...], ...]
    kind: str = "tight"
    # LMI classes: one rational PSD matrix per block, by name (pep.certificates.lmi)
    psd_blocks: Mapping[str, tuple[tuple[Fraction, ...], ...]] = field(default_factory=dict)

    def check(self) -> Verification:
        """Rebuild the identity term by term in exact arithmetic; list everything that fails."""
        reasons: list[str] = []
        from pep.certificates.statement import exact_constraints

        constraints = {c.name: c for c in exact_constraints(self.problem)}
        rem: dict[Any, Any] = {}  # flint rationals: exact, ~10x faster than Fraction

        def add(expr: Any, w: Any) -> None:
            w = _fq(w)
            for key, c in expr.terms.items():
                rem[key] = rem.get(key, 0) + w * _fq(c)
            rem["const"] = rem.get("const", 0) + w * _fq(expr.constant)

        rem["const"] = _fq(to_fraction(self.bound, "bound"))
        objs = self.problem.objectives
        if len(self.objective_multipliers) != len(objs):
            reasons.append(
                f"{len(self.objective_multipliers)} objective multipliers for {len(objs)} objectives"
            )
        for m, nu in zip(objs, self.objective_multipliers):
            add(m, -to_fraction(nu))
            if nu < 0:
                reasons.append(f"objective multiplier {nu} < 0")
        if sum(self.objective_multipliers, Fraction(0)) != 1:
            reasons.append("objective multipliers do not sum to 1")
        for name, lam in self.multipliers.items():
            if name not in constraints:
                reasons.append(f"unknown constraint {name!r}")
                continue
            add(constraints[name].expr, to_fraction(lam))
            if lam < 0 and constraints[name].sense == "<=":
                reasons.append(f"multiplier of {name} is {lam} < 0")
        reasons.extend(block_reasons(self.problem, self.psd_blocks, add))
        reasons.extend(self._gram_remainder(rem))
        psd = psd_check(self.S)
        if not psd.is_psd:
            reasons.append(f"S is not PSD: {psd.reason}")
        return Verification(not reasons, tuple(reasons))

    def _gram_remainder(self, rem: dict[Any, Any]) -> list[str]:
        points = [lf for lf in self.problem.leaves if lf.kind == "point"]
        if len(self.S) != len(points) or any(len(r) != len(points) for r in self.S):
            return [f"S must be {len(points)}x{len(points)} (one row per point leaf)"]
        for p, a in enumerate(points):
            for q in range(p, len(points)):
                key = (a, points[q])
                s = self.S[p][q]
                rem[key] = rem.get(key, 0) - _fq(s if p == q else 2 * s)
        out = []
        for key, v in rem.items():
            if v != 0:
                label = (
                    "constant"
                    if key == "const"
                    else (f"<{key[0].name},{key[1].name}>" if isinstance(key, tuple) else key.name)
                )
                out.append(f"identity: remainder {v} on {label}")
        return out[:10] + ([f"... and {len(out) - 10} more nonzero terms"] if len(out) > 10 else [])

    def verify(self) -> bool:
        """True only if the exact check passes (see :meth:`check` for the reasons)."""
        return self.check().ok

    def checked_against(self, problem: Any) -> Verification:
        """The independent checker's verdict on this certificate *as a proof about* ``problem``.

        The certificate is exported (:meth:`to_dict`) and checked by
        :func:`pep.certificates.verify.check` against the statement of ``problem``: the same
        classes and parameters, the same records (positions of leaves, not their names), the
        same assumptions and objectives. ``reasons`` says what differs or fails.
        """
        from pep.certificates import verify
        from pep.certificates.jsonformat import statement_document

        try:
            reasons = verify.check(self.to_dict(), expect=statement_document(problem))
        except (CertificateError, verify.MalformedCertificate) as exc:
            reasons = [f"{type(exc).__name__}: {exc}"]
        return Verification(not reasons, tuple(reasons))

    def proves(self, problem: Any) -> bool:
        """True only if this certificate proves the worst case of ``problem`` is at most
        :attr:`bound`, checked independently (see :meth:`checked_against` for the reasons;
        never raises for a certificate of another problem: returns False)."""
        return self.checked_against(problem).ok

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document checked by :mod:`pep.certificates.verify` (docs/certificate-format.md)."""
        from pep.certificates.jsonformat import certificate_document

        return certificate_document(self)

    def table(self, fmt: str = "markdown") -> str:
        """One row per nonzero multiplier (see :func:`pep.certificates.table.certificate_table`)."""
        from pep.certificates.table import certificate_table

        return certificate_table(dict(self.multipliers), fmt=fmt)
