"""Certificate tables: one row per nonzero multiplier, in Markdown or LaTeX.

Used by :meth:`pep.Certificate.table` and :meth:`pep.ExactCertificate.table`, and by the
command's reports; the text is returned, never printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument

__all__ = ["certificate_table", "tex_escape"]


def _points_of(name: str) -> str:
    """``f:interp(x1,x*)`` -> ``x1, x*``; an assumption name gives an empty cell."""
    head, sep, rest = name.partition("(")
    return ", ".join(rest[:-1].split(",")) if sep and rest.endswith(")") else ""


def _multiplier_text(v: Any) -> str:
    """Exact values as fractions, floats with 10 significant digits."""
    return str(v) if isinstance(v, (int, Fraction)) else f"{float(v):.10g}"


def certificate_table(multipliers: Mapping[str, Any], fmt: str = "markdown") -> str:
    r"""One row per nonzero multiplier: constraint name, its points, value.

    ``fmt`` is ``"markdown"`` or ``"latex"``; exact values print as fractions, floats with 10
    significant digits. Returns the text (nothing is printed).

    >>> from fractions import Fraction
    >>> print(certificate_table({"f:interp(x0,x*)": Fraction(1, 6), "initial": 0}), end="")
    | constraint | points | multiplier |
    |---|---|---|
    | f:interp(x0,x*) | x0, x* | 1/6 |
    >>> print(certificate_table({"initial": Fraction(1, 6)}, fmt="latex"), end="")
    \begin{tabular}{llr}
    \hline
    constraint & points & multiplier \\
    \hline
    \texttt{initial} &  & $\frac{1}{6}$ \\
    \hline
    \end{tabular}
    """
    rows = [(n, _points_of(n), v) for n, v in multipliers.items() if v != 0]
    if fmt == "markdown":
        lines = ["| constraint | points | multiplier |", "|---|---|---|"]
        lines += [f"| {n} | {p} | {_multiplier_text(v)} |" for n, p, v in rows]
        return "\n".join(lines) + "\n"
    if fmt == "latex":
        lines = [
            r"\begin{tabular}{llr}",
            r"\hline",
            r"constraint & points & multiplier \\",
            r"\hline",
        ]
        for n, p, v in rows:
            lines.append(f"\\texttt{{{tex_escape(n)}}} & {tex_escape(p)} & {_tex_number(v)} \\\\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines) + "\n"
    raise InvalidArgument(
        f"fmt={fmt!r} is not a certificate table format; use 'markdown' or 'latex'"
    )


_TEX = {
    "\\": r"\textbackslash{}",
    "_": r"\_",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "$": r"\$",
    "{": r"\{",
    "}": r"\}",
    "*": r"$^\ast$",
    "^": r"\^{}",
    "~": r"\~{}",
}


def tex_escape(text: str) -> str:
    r"""``text`` safe in LaTeX text mode (``x_N^2`` -> ``x\_N\^{}2``).

    >>> print(tex_escape("f(x_N) - f(x*) <= L R^2/(2N) & 5%"))
    f(x\_N) - f(x$^\ast$) <= L R\^{}2/(2N) \& 5\%
    """
    return "".join(_TEX.get(ch, ch) for ch in text)


def _tex_number(v: Any) -> str:
    if isinstance(v, Fraction) and v.denominator != 1:
        sign = "-" if v < 0 else ""
        return f"${sign}\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}$"
    return f"${_multiplier_text(v)}$"
