r"""Rendering of checked proofs: a short text report and LaTeX for each verified identity.

Both return strings; only :mod:`pep.cli` prints them.

>>> from pep.symbolic.render import point_latex
>>> point_latex("x_{k + 1}")
'x_{k + 1}'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sympy as sp

from pep.certificates.table import tex_escape
from pep.model.algebra import Point
from pep.model.coefficients import to_sympy

if TYPE_CHECKING:
    from pep.symbolic.proof import Built, Link, Proof
    from pep.symbolic.runner import ProofResult

__all__ = ["render_text", "render_latex", "link_latex", "point_latex", "scalar_latex"]


def point_latex(name: str) -> str:
    """A leaf name in LaTeX (``x*`` -> ``x_\\star``, ``g_f(x_k)`` -> ``\\nabla f(x_k)``)."""
    name = name.replace("x*", "x_\\star").replace("y*", "y_\\star").replace("z*", "z_\\star")
    if name.startswith("g_") and "(" in name:
        name = "\\nabla " + name[2:]
    return name


def _point(p: Point) -> str:
    parts = []
    for lf, c in sorted(p.terms.items(), key=lambda t: t[0].index):
        coef = to_sympy(c)
        body = point_latex(lf.name)
        if coef == 1:
            parts.append(f"+ {body}")
        elif coef == -1:
            parts.append(f"- {body}")
        else:
            parts.append(f"+ \\left({sp.latex(coef)}\\right) {body}")
    text = " ".join(parts).lstrip("+ ").strip()
    return text or "0"


def _ineq(name: str) -> str:
    return (
        "\\mathcal{I}\\left[\\texttt{"
        + name.replace("_", "\\_").replace("*", "$\\star$")
        + "}\\right]"
    )


def _zero(c: Any) -> bool:
    """Display-only zero test: the coefficient vanishes at two generic rational points.

    Exact enough for a display (a nonzero rational function of a few symbols vanishes at
    both points only by accident) and far cheaper than ``simplify`` on the high-degree
    rational functions of some proofs; the checker's own tests are exact and separate.
    """
    v = to_sympy(c)
    syms = sorted(v.free_symbols, key=str)
    if not syms:
        return bool(v == 0)
    for shift in (0, 1):
        point = {
            s: sp.Rational(7 + 4 * i + shift, 3 + 2 * i + 5 * shift) for i, s in enumerate(syms)
        }
        at = v.subs(point)
        if not (at.is_number and at == 0):
            return False
    return True


def scalar_latex(expr: Any, built: Built) -> str:
    """A Scalar in the display basis centred at the optimum, e.g.
    ``k (f(x_k) - f(x*)) + L/2 ||x_k - x*||^2``."""
    from pep.symbolic.check import quadratic_form

    M, labels, linear, const = quadratic_form(expr, built)
    names = [point_latex(lb) for lb in labels]
    terms: list[tuple[Any, str]] = []
    for name, c in linear.items():
        if _zero(c):
            continue
        terms.append(
            (c, "\\left(" + point_latex(name) + "\\right)" if " - " in name else point_latex(name))
        )
    n = M.shape[0]
    for i in range(n):
        for j in range(i, n):
            c = M[i, j] if i == j else 2 * M[i, j]
            if not _zero(c):
                body = (
                    f"\\|{names[i]}\\|^2" if i == j else f"\\langle {names[i]}, {names[j]}\\rangle"
                )
                terms.append((c, body))
    if not _zero(const):
        terms.append((const, ""))
    parts = []
    for c, body in terms:
        c = sp.factor(to_sympy(c))
        if body and c == 1:
            parts.append(body)
        elif body and c == -1:
            parts.append("-" + body)
        else:
            parts.append(f"\\left({sp.latex(c)}\\right) {body}".strip())
    return " + ".join(parts).replace("+ -", "- ") if parts else "0"


def link_latex(proof: Proof, link: Link, built: Built) -> str:
    """``lhs - rhs = Σ λ_i I_i + R`` for one link, as a LaTeX display, with both sides
    written out in the basis centred at the optimum."""
    from pep.symbolic.proof import Final, Initial

    def side(s: Any, at: Any) -> str:
        if isinstance(s, Initial):
            return "c_0 M_0"
        if isinstance(s, Final):
            return "w M_N - c_1 M_0"
        return f"V_{{{sp.latex(to_sympy(at.k))}}}"

    rhs_at = built.at.next if link.advance else built.at
    terms = [
        f"\\left({sp.latex(to_sympy(lam))}\\right) {_ineq(name)}"
        for name, lam in built.multipliers.items()
    ]
    terms += [
        f"\\left({sp.latex(to_sympy(c))}\\right) \\left\\| {_point(p)} \\right\\|^2"
        for c, p in built.squares
    ]
    if link.remainder == "psd":
        terms.append("R \\succeq 0")
    body = " + ".join(terms) if terms else "0"
    left, right = side(link.lhs, built.at), side(link.rhs, rhs_at)
    return (
        "\\begin{align*}\n"
        f"{left} &= {scalar_latex(built.lhs, built)},\\\\\n"
        f"{right} &= {scalar_latex(built.rhs, built)},\\\\\n"
        f"{left} - \\left({right}\\right) &= {body}.\n"
        "\\end{align*}"
    )


def render_text(results: Sequence[ProofResult], verbose: bool = False) -> str:
    """One line per proof and per check: VERIFIED / FAILED, with each failure on its own
    line; ``verbose`` adds the traceback of a proof file that could not be loaded."""
    lines = []
    for r in results:
        status = "VERIFIED" if r.ok else "FAILED"
        lines.append(f"{status:8}  {r.name:10}  {r.title}  ({r.seconds:.2f} s)  [{r.path}]")
        if r.error:
            hint = " (-v shows the traceback)" if r.detail and not verbose else ""
            lines.append(f"    error: {r.error}{hint}")
        if r.detail and verbose:
            lines += ["      " + line for line in r.detail.rstrip().splitlines()]
        for c in r.checks:
            mark = "ok" if c.ok else "FAIL"
            notes = "; ".join(c.notes)
            lines.append(f"    {mark:4}  {c.name}" + (f": {notes}" if notes and c.ok else ""))
            lines += [f"          - {f}" for f in c.failures]
        if r.crosscheck == "skipped":
            lines.append("    SKIP  cross-check: not run (--no-crosscheck)")
    n_ok = sum(r.ok for r in results)
    summary = f"{n_ok} of {len(results)} proofs verified"
    if any(r.crosscheck == "skipped" for r in results):
        summary += " (symbolic checks only: the numeric cross-check was skipped)"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def render_latex(results: Sequence[ProofResult]) -> str:
    """A LaTeX fragment (needs ``amsmath`` and ``amssymb``): per verified proof, its theorem
    and each verified identity."""
    out = []
    for r in results:
        if not r.ok:
            continue
        # titles, theorems and references are plain text: escape them (LR^2/(2N) would
        # otherwise open math mode); the identities below are already LaTeX math
        out.append(f"\\subsection*{{{tex_escape(r.title)}}}")
        kind = "tight" if r.tight else "upper bound"
        out.append(f"\\emph{{{tex_escape(r.theorem)}}} ({kind})\\\\")
        out.append(f"Reference: {tex_escape(r.reference)}")
        for c in r.checks:
            if c.latex:
                out.append(f"% link: {c.name}")
                out.append(c.latex)
        for c in r.checks:
            if c.name == "chain" and c.notes:
                out.append(f"% {c.notes[0]}")
    return "\n".join(out) + "\n"
