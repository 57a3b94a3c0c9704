r"""Tables and figures of worst-case sweeps: Markdown, CSV (pgfplots-ready), LaTeX, JSON, PNG.

Input are the JSON records of :mod:`pep.cli.sweep`; every table has the columns ``N``, the
parameters that vary, ``value`` (the PEP worst case, the dual objective), ``known bound`` (the
algorithm's ``rate``), ``ratio`` = value / known bound, ``error`` (the value's estimated
relative error, :mod:`pep.sdp.accuracy`), ``status`` and ``label``
(*numerical evidence* unless an exact check passed). Output is deterministic: the same records
give byte-identical files (no timings, no dates; PNG metadata is fixed).

The figure is log-log: PEP values as markers, the known rate as a line, and the least-squares
fit :math:`\log v = \log c - p \log N` drawn as :math:`c N^{-p}`.

>>> rows = table_rows([{"N": 1, "params": {"L": "1"}, "value": 0.5, "rate": 0.5,
...                     "ratio": 1.0, "status": "optimal", "label": "numerical evidence"}])
>>> print(to_markdown(rows), end="")
| N | value | known bound | ratio | error | status | label |
|---|---|---|---|---|---|---|
| 1 | 0.5 | 0.5 | 1 | - | optimal | numerical evidence |
>>> fit_power([1, 2, 4], [1.0, 0.25, 0.0625])
(1.0, 2.0)
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "COLUMNS",
    "table_rows",
    "to_markdown",
    "to_csv",
    "to_latex",
    "to_json",
    "fit_power",
    "plot_sweep",
    "FORMATS",
    "print_run",
    "print_verdict",
]

COLUMNS = ("N", "value", "known bound", "ratio", "error", "status", "label")
FORMATS = ("md", "csv", "tex", "json", "png")


def _num(x: Any, digits: int = 10) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "nan"
    return f"{float(x):.{digits}g}"


def table_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per record, sorted by parameters then N; parameters that vary get a column."""
    recs = list(records)
    keys = sorted({k for r in recs for k in r.get("params", {})})
    varying = [k for k in keys if len({r.get("params", {}).get(k) for r in recs}) > 1]
    exact = any(r.get("exact_bound") for r in recs)
    rows = []
    for r in recs:
        row: dict[str, Any] = {"N": r["N"]}
        row.update({k: r["params"][k] for k in varying})
        row["value"] = r.get("value")
        if exact:  # the bound an exact certificate proves (a Fraction, shown as a decimal)
            row["certified bound"] = _fraction_float(r.get("exact_bound"))
        row.update(
            {
                "known bound": r.get("rate"),
                "ratio": r.get("ratio"),
                "error": r.get("relative_error"),
                "status": r.get("status", ""),
                "label": r.get("label", ""),
            }
        )
        rows.append(row)
    return sorted(rows, key=lambda row: (tuple(_sortable(row[k]) for k in varying), row["N"]))


def _fraction_float(text: Any) -> float | None:
    from fractions import Fraction

    return float(Fraction(text)) if text else None


def _sortable(text: Any) -> tuple[float, str]:
    from fractions import Fraction

    try:
        return (float(Fraction(str(text))), str(text))
    except (ValueError, ZeroDivisionError):
        return (math.inf, str(text))


_NUMERIC = frozenset({"value", "known bound", "certified bound"})


def _cells(row: Mapping[str, Any]) -> list[str]:
    out = []
    for k, v in row.items():
        if k == "ratio":
            out.append(_num(v, 7))
        elif k == "error":
            out.append("-" if v is None else f"{float(v):.1e}")
        elif isinstance(v, float) or (v is None and k in _NUMERIC):
            out.append(_num(v))
        else:
            out.append("-" if v is None else str(v))
    return out


def to_markdown(rows: Sequence[Mapping[str, Any]], title: str | None = None) -> str:
    """A GitHub-flavoured Markdown table (with an optional ``### title`` line)."""
    if not rows:
        return f"### {title}\n\n(no points)\n" if title else "(no points)\n"
    head = list(rows[0])
    lines = [f"### {title}", ""] if title else []
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    lines += ["| " + " | ".join(_cells(r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """Comma-separated, header row, plain numbers, ``nan`` for missing values; reads with
    ``\\pgfplotstableread[col sep=comma]`` (column names use ``_`` instead of spaces)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if rows:
        writer.writerow([k.replace(" ", "_") for k in rows[0]])
        for r in rows:
            writer.writerow(
                [_num(v, 12) if isinstance(v, float) or v is None else v for v in r.values()]
            )
    return buf.getvalue()


_TEX_ESCAPE = str.maketrans({"_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#", "*": r"$^*$"})


def to_latex(rows: Sequence[Mapping[str, Any]], caption: str | None = None) -> str:
    """A ``tabular`` (booktabs rules) in a ``table`` environment with an optional caption."""
    head = list(rows[0]) if rows else list(COLUMNS)
    lines = [r"\begin{table}[ht]", r"\centering"]
    if caption:
        lines.append(r"\caption{" + caption.translate(_TEX_ESCAPE) + "}")
    lines.append(r"\begin{tabular}{" + "r" * (len(head) - 2) + "ll}")
    lines += [r"\toprule", " & ".join(h.translate(_TEX_ESCAPE) for h in head) + r" \\", r"\midrule"]
    lines += [" & ".join(c.translate(_TEX_ESCAPE) for c in _cells(r)) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def to_json(rows: Sequence[Mapping[str, Any]]) -> str:
    """The rows as a JSON list (numbers as JSON numbers, missing values as null)."""
    return json.dumps([dict(r) for r in rows], indent=1, sort_keys=False) + "\n"


def fit_power(Ns: Sequence[float], values: Sequence[float]) -> tuple[float, float]:
    r"""Least-squares fit of :math:`v \approx c N^{-p}` on log-log axes; returns ``(c, p)``.

    Points with a non-positive value are skipped; at least two are needed.
    """
    pts = [(math.log(n), math.log(v)) for n, v in zip(Ns, values) if v is not None and v > 0]
    if len(pts) < 2:
        raise ValueError("fit_power needs at least two points with a positive value")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        raise ValueError("fit_power needs at least two distinct N")
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx
    c, p = math.exp(my - slope * mx), -slope
    return round(c, 12), round(p, 12)


def plot_sweep(records: Sequence[Mapping[str, Any]], path: str | Path, title: str = "") -> None:
    """Log-log PNG: PEP values, the known rate and the fitted ``c N^-p`` per parameter set.

    Needs matplotlib (``pip install 'pep-toolkit[plot]'``).
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from pep.errors import PepError

        raise PepError("PNG output needs matplotlib; pip install 'pep-toolkit[plot]'") from None
    groups: dict[str, list[Mapping[str, Any]]] = {}
    varying = _varying_params(records)
    for r in records:
        name = ", ".join(f"{k}={r['params'][k]}" for k in varying)
        groups.setdefault(name, []).append(r)
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for k, (name, recs) in enumerate(sorted(groups.items())):
        _plot_group(ax, sorted(recs, key=lambda r: r["N"]), name, f"C{k % 10}")
    ax.set(xscale="log", yscale="log", xlabel="N", ylabel="worst case", title=title)
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    ax.xaxis.set_major_formatter(ScalarFormatter())  # N = 1, 2, 5, 10 rather than 10^0
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    # fixed metadata: identical records give byte-identical files
    fig.savefig(Path(path), dpi=120, metadata={"Software": None})
    plt.close(fig)


def _varying_params(records: Sequence[Mapping[str, Any]]) -> list[str]:
    keys = sorted({k for r in records for k in r.get("params", {})})
    return [k for k in keys if len({r["params"].get(k) for r in records}) > 1]


def _plot_group(ax: Any, recs: Sequence[Mapping[str, Any]], name: str, color: str) -> None:
    suffix = f" ({name})" if name else ""
    ok = [r for r in recs if r.get("value") is not None and r["value"] > 0]
    Ns, vals = [r["N"] for r in ok], [r["value"] for r in ok]
    ax.plot(Ns, vals, "o", color=color, ms=4, label=f"PEP value{suffix}")
    rated = [r for r in recs if r.get("rate") is not None and r["rate"] > 0]
    if rated:
        ax.plot(
            [r["N"] for r in rated],
            [r["rate"] for r in rated],
            "-",
            color=color,
            lw=1,
            label=f"known rate{suffix}",
        )
    if len({*Ns}) >= 2:
        c, p = fit_power(Ns, vals)
        ax.plot(
            Ns,
            [c * n**-p for n in Ns],
            "--",
            color=color,
            lw=1,
            alpha=0.7,
            label=f"fit {c:.3g}·N^-{p:.3f}{suffix}",
        )


# -- certificate tables (pep.certificates.certificate) -----------------------------------------------------
def _points_of(name: str) -> str:
    """``f:interp(x1,x*)`` -> ``x1, x*``; an assumption name gives an empty cell."""
    head, sep, rest = name.partition("(")
    return ", ".join(rest[:-1].split(",")) if sep and rest.endswith(")") else ""


def _multiplier_text(v: Any) -> str:
    from fractions import Fraction

    return str(v) if isinstance(v, (int, Fraction)) else _num(v)


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
            lines.append(f"\\texttt{{{_tex_escape(n)}}} & {_tex_escape(p)} & {_tex_number(v)} \\\\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines) + "\n"
    from pep.errors import InvalidArgument

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


def _tex_escape(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


def _tex_number(v: Any) -> str:
    from fractions import Fraction

    if isinstance(v, Fraction) and v.denominator != 1:
        sign = "-" if v < 0 else ""
        return f"${sign}\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}$"
    return f"${_multiplier_text(v)}$"


# -- command output (pep run, pep certify) ------------------------------------------------
def print_run(rec: dict[str, Any], verbose: bool = False) -> None:
    """Print one ``pep run`` record (see :func:`pep.cli.sweep.compute_point`); ``verbose``
    adds every solver attempt (path, seconds, relative error estimate, outcome)."""
    params = ", ".join(f"{k}={v}" for k, v in rec["params"].items())
    measure = f"   [{rec['measure']}]" if rec.get("measure") else ""
    print(f"{rec['algorithm']}, N = {rec['N']}, {params}{measure}")
    value = rec.get("value")
    print(f"  worst case   {value:.10g}" if value is not None else "  worst case   -")
    if rec["rate"] is not None:
        tight = "tight" if rec["tight"] else "upper bound"
        print(f"  known bound  {rec['rate']:.10g}   {rec['rate_formula']} ({tight})")
        print(f"  ratio        {rec['ratio']:.7g}" if rec.get("ratio") else "  ratio        -")
    else:
        print("  known bound  none registered")
    print(f"  status       {rec['status']} ({rec.get('path') or rec['solver']})")
    err = rec.get("relative_error")
    if err is not None:
        print(
            f"  error        {err:.1e} relative (estimated; bound when <= {rec.get('rtol', 1e-6):g})"
        )
    print(f"  label        {rec['label']}")
    if verbose and rec.get("attempts"):
        print("  attempts:")
        for a in rec["attempts"]:
            est = "-" if a.get("estimate") is None else f"{a['estimate']:.1e}"
            note = f"  [{a['note']}]" if a.get("note") else ""
            print(f"    {a['path']:<40} {a['seconds']:8.3f} s  est {est:<8} {a['outcome']}{note}")
    if rec.get("exact_bound"):
        print(f"  exact bound  {rec['exact_bound']} (exact certificate checked)")
    if rec.get("certificate_error"):
        print(f"  certificate  not obtained: {rec['certificate_error']}")
    if rec.get("multipliers"):
        print("  top multipliers:")
        for name, lam in rec["multipliers"]:
            print(f"    {lam:14.8g}  {name}")


def print_verdict(v: Any) -> None:
    """Print one ``pep certify`` verdict, with the worst-case example when refuted."""
    value = f"{v.value:.10g}" if v.value is not None else "-"
    print(
        f"N={v.N:<3} value {value:<16} claim {float(v.claim):<16.10g} {v.verdict}"
        + (f" ({v.detail})" if v.detail and v.verdict != "verified" else "")
    )
    if v.worst_case is not None:
        wc = v.worst_case
        print(f"      worst-case example in dimension {wc.dimension}:")
        for name, coords in list(wc.points.items())[:12]:
            print(f"        {name} = [{', '.join(f'{c:.6g}' for c in coords)}]")
        for name, val in list(wc.values.items())[:12]:
            print(f"        {name} = {val:.6g}")
