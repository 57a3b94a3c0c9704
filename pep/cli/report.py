r"""Tables of worst-case sweeps: Markdown, CSV (pgfplots-ready), LaTeX and JSON.

Input are the JSON records of :mod:`pep.cli.sweep`; every table has the columns ``N``, the
parameters that vary, ``value`` (the PEP worst case, the dual objective), ``known bound`` (the
algorithm's ``rate``), ``ratio`` = value / known bound, ``error`` (the value's estimated
relative error, :mod:`pep.sdp.accuracy`), ``status`` and ``label``
(*numerical evidence* unless an exact check passed), and ``certified bound`` when an exact
certificate was checked (a fraction: shown as one when short, and kept exact in CSV and JSON
beside its decimal value). Each file records what it was computed with
(:func:`table_meta`: fixed parameters, solver, versions). Missing values are ``-`` in Markdown
and LaTeX, empty in CSV, ``null`` in JSON; machine formats name columns in snake_case
(``known_bound``). Output is deterministic: the same records give byte-identical files (no
timings, no dates). Figures are in :mod:`pep.cli.figures`.

>>> rows = table_rows([{"N": 1, "params": {"L": "1"}, "value": 0.5, "rate": 0.5,
...                     "ratio": 1.0, "status": "optimal", "label": "numerical evidence"}])
>>> print(to_markdown(rows), end="")
| N | value | known bound | ratio | error | status | label |
|---|---|---|---|---|---|---|
| 1 | 0.5 | 0.5 | 1 | - | optimal | numerical evidence |
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from pep.cli.figures import FIGURE_FORMATS, fit_power, plot_sweep

__all__ = [
    "COLUMNS",
    "table_rows",
    "table_meta",
    "to_markdown",
    "to_csv",
    "to_latex",
    "to_json",
    "fit_power",
    "plot_sweep",
    "FORMATS",
    "FIGURE_FORMATS",
    "print_run",
    "print_verdict",
    "print_hdual",
]

COLUMNS = ("N", "value", "known bound", "ratio", "error", "status", "label")
FORMATS = ("md", "csv", "tex", "json", *FIGURE_FORMATS)
EXACT = "certified bound"


def _num(x: Any, digits: int = 10) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "-"
    return f"{float(x):.{digits}g}"


def table_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per record, sorted by parameters then N; parameters that vary get a column."""
    recs = list(records)
    varying = _varying(recs)
    exact = any(r.get("exact_bound") for r in recs)
    rows = []
    for r in recs:
        row: dict[str, Any] = {"N": r["N"]}
        row.update({k: r["params"][k] for k in varying})
        row["value"] = r.get("value")
        if exact:  # the bound an exact certificate proves, kept as its exact text ("3/14")
            row[EXACT] = r.get("exact_bound") or None
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


def _varying(recs: Sequence[Mapping[str, Any]]) -> list[str]:
    keys = sorted({k for r in recs for k in r.get("params", {})})
    return [k for k in keys if len({r.get("params", {}).get(k) for r in recs}) > 1]


def table_meta(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What a table was computed with: algorithm(s), the parameters that do not vary, solver(s),
    pep version(s) of the records, and the solver libraries installed when it was written."""
    from importlib import metadata

    varying = set(_varying(records))
    fixed = {k: v for r in records for k, v in r.get("params", {}).items() if k not in varying}
    libraries = {}
    for name in ("cvxpy", "clarabel", "scs"):
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "algorithm": ", ".join(sorted({str(r.get("algorithm", "")) for r in records})),
        "fixed parameters": dict(sorted(fixed.items())),
        "solver": ", ".join(sorted({str(r.get("solver", "")) for r in records})),
        "pep": ", ".join(sorted({str(r.get("pep_version", "")) for r in records})),
        "libraries": libraries,
    }


def _meta_line(meta: Mapping[str, Any]) -> str:
    fixed = ", ".join(f"{k}={v}" for k, v in meta["fixed parameters"].items()) or "none"
    libs = ", ".join(f"{k} {v}" for k, v in meta["libraries"].items())
    return f"fixed parameters: {fixed}; solver: {meta['solver']}; pep {meta['pep']}; {libs}"


def _sortable(text: Any) -> tuple[float, str]:
    try:
        return (float(Fraction(str(text))), str(text))
    except (ValueError, ZeroDivisionError):
        return (math.inf, str(text))


_NUMERIC = frozenset({"value", "known bound"})


def _cells(row: Mapping[str, Any]) -> list[str]:
    out = []
    for k, v in row.items():
        if k == "ratio":
            out.append(_num(v, 7))
        elif k == EXACT:
            out.append("-" if v is None else exact_text(v))
        elif k == "error":
            out.append("-" if v is None else f"{float(v):.1e}")
        elif isinstance(v, float) or (v is None and k in _NUMERIC):
            out.append(_num(v))
        else:
            out.append("-" if v is None else str(v))
    return out


def _machine(row: Mapping[str, Any]) -> dict[str, Any]:
    """snake_case keys; the certified bound as a number and, exactly, as text."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k == EXACT:
            out["certified_bound"] = float(Fraction(v)) if v else None
            out["certified_bound_exact"] = v
        else:
            out[k.replace(" ", "_")] = v
    return out


def to_markdown(
    rows: Sequence[Mapping[str, Any]],
    title: str | None = None,
    meta: Mapping[str, Any] | None = None,
) -> str:
    """A GitHub-flavoured Markdown table (with optional ``### title`` and metadata lines)."""
    lines = [f"### {title}", ""] if title else []
    if meta:
        lines += [_meta_line(meta), ""]
    if not rows:
        return "\n".join([*lines, "(no points)"]) + "\n"
    head = list(rows[0])
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    lines += ["| " + " | ".join(_cells(r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def to_csv(rows: Sequence[Mapping[str, Any]], meta: Mapping[str, Any] | None = None) -> str:
    """Comma-separated with a header, plain numbers, empty cells for missing values; reads with
    ``\\pgfplotstableread[col sep=comma]``. ``meta`` adds its fixed parameters, solver and pep
    version as constant columns, so the file says what it was computed with."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    extra: dict[str, Any] = {}
    if meta:
        extra = {**meta["fixed parameters"], "solver": meta["solver"], "pep": meta["pep"]}
    if rows:
        first = {**_machine(rows[0]), **extra}
        writer.writerow(list(first))
        for r in rows:
            cells = {**_machine(r), **extra}.values()
            writer.writerow(
                ["" if v is None else _num(v, 12) if isinstance(v, float) else v for v in cells]
            )
    return buf.getvalue()


_TEX_ESCAPE = str.maketrans({"_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#", "*": r"$^*$"})


def to_latex(
    rows: Sequence[Mapping[str, Any]],
    caption: str | None = None,
    meta: Mapping[str, Any] | None = None,
) -> str:
    """A ``tabular`` (booktabs rules) in a ``table`` environment with an optional caption;
    ``meta`` goes into a comment line above it."""
    head = list(rows[0]) if rows else list(COLUMNS)
    lines = [f"% {_meta_line(meta)}"] if meta else []
    lines += [r"\begin{table}[ht]", r"\centering"]
    if caption:
        lines.append(r"\caption{" + caption.translate(_TEX_ESCAPE) + "}")
    lines.append(r"\begin{tabular}{" + "r" * (len(head) - 2) + "ll}")
    lines += [r"\toprule", " & ".join(h.translate(_TEX_ESCAPE) for h in head) + r" \\", r"\midrule"]
    lines += [" & ".join(c.translate(_TEX_ESCAPE) for c in _cells(r)) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def to_json(rows: Sequence[Mapping[str, Any]], meta: Mapping[str, Any] | None = None) -> str:
    """``{"meta": ..., "rows": [...]}``: snake_case keys as in CSV, missing values ``null``."""
    doc = {"meta": dict(meta or {}), "rows": [_machine(r) for r in rows]}
    return json.dumps(doc, indent=1, sort_keys=False) + "\n"


# -- command output (pep run, pep certify) ------------------------------------------------
def exact_text(fraction: Any, width: int = 24) -> str:
    """An exact bound as a fraction when it is short, else as a decimal (the fraction itself is
    in ``--json``): a 300-digit fraction is exact but unreadable.

    >>> exact_text("3/14"), exact_text("1/" + "7" * 40)
    ('3/14', '1.285714286e-40 (fraction in --json)')
    """
    text = str(fraction)
    if len(text) <= width:
        return text
    from fractions import Fraction

    return f"{float(Fraction(text)):.10g} (fraction in --json)"


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
        print(f"  exact bound  {exact_text(rec['exact_bound'])} (exact certificate checked)")
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


def print_hdual(name: str, rows: Sequence[Mapping[str, Any]], rtol: float = 1e-6) -> None:
    """Print ``pep hdual``: the four normalised values of
    :func:`pep.algorithms.hduality.hdual_values` per N, ``=`` where a pair agrees."""

    def mark(a: float, b: float) -> str:
        return "=" if abs(a - b) <= rtol * max(abs(a), abs(b), 1e-12) else "≠"

    print(f"H-duality of {name}: H and its anti-transpose H^A (Kim, Ozdaglar, Park, Ryu 2023)")
    print("  on L-smooth convex f, L = 1: f = (f(x_N) - f*)/(L ||x0 - x*||^2),")
    print("  g = ||grad f(x_N)||^2/(4 L (f(x0) - f*))")
    print(f"  {'N':>3}  {'f(H)':>12}  {'g(H^A)':>12}     {'g(H)':>12}  {'f(H^A)':>12}")
    for r in rows:
        if "error" in r:
            print(f"  {r['N']:>3}  solve failed: {r['error']}")
            continue
        a, b, c, d = r["f(H)"], r["g(H^A)"], r["g(H)"], r["f(H^A)"]
        print(
            f"  {r['N']:>3}  {a:12.8g}  {b:12.8g} {mark(a, b)}   {c:12.8g}  {d:12.8g} {mark(c, d)}"
        )
    print(f"  (PEP values, numerical evidence; '=' means equal to {rtol:g} relative)")
