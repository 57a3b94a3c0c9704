r"""Figures of worst-case sweeps: log-log plots in PNG, PDF or SVG (needs matplotlib).

PEP values are markers, the known rate a line, failed points crosses on the lower edge, and a
least-squares fit :math:`\log v = \log c - p \log N` over the *tail* of the sweep (the larger
half of the N values, at least three of them) is drawn as :math:`c N^{-p}`: the first
iterations are not on the asymptotic rate (gradient descent over N = 1..10 fits
:math:`N^{-0.87}`, over its tail close to the true :math:`N^{-1}`). The legend says which N the
fit used. The same records give byte-identical files (fixed metadata).

>>> fit_power([1, 2, 4], [1.0, 0.25, 0.0625])
(1.0, 2.0)
>>> tail([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
[6, 7, 8, 9, 10]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["FIGURE_FORMATS", "fit_power", "plot_sweep", "tail"]

FIGURE_FORMATS = ("png", "pdf", "svg")
# metadata that would change from run to run (dates, tool versions), switched off per format
_METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
}


def tail(Ns: Sequence[int], minimum: int = 3) -> list[int]:
    """The larger half of the distinct N values (at least ``minimum``, if there are so many)."""
    distinct = sorted(set(Ns))
    keep = max(minimum, (len(distinct) + 1) // 2)
    return distinct[-keep:]


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
    """Log-log figure: PEP values, the known rate, failed points and the fitted ``c N^-p`` per
    parameter set; the format follows the suffix of ``path`` (``.png``, ``.pdf``, ``.svg``).

    Needs matplotlib (``pip install 'pep-toolkit[plot]'``).
    """
    fmt = Path(path).suffix.lstrip(".").lower()
    if fmt not in FIGURE_FORMATS:
        from pep.errors import InvalidArgument

        raise InvalidArgument(f"figure format {fmt!r}: use one of {', '.join(FIGURE_FORMATS)}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        matplotlib.rcParams["svg.hashsalt"] = "pep"  # stable ids in SVG files
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
    measure = next((r["measure"] for r in records if r.get("measure")), None)
    ylabel = f"worst case of {measure}" if measure else "worst-case value (PEP)"
    ax.set(xscale="log", yscale="log", xlabel="N (iterations)", ylabel=ylabel, title=title)
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    ax.xaxis.set_major_formatter(ScalarFormatter())  # N = 1, 2, 5, 10 rather than 10^0
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    # fixed metadata: identical records give byte-identical files
    from pep.files import atomic_output

    try:  # atomic, refuses special files (pep.files); fixed metadata: byte-identical files
        with atomic_output(path, binary=True) as fh:
            fig.savefig(fh, dpi=120, format=fmt, metadata=_METADATA[fmt])
    finally:
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
    failed = [r["N"] for r in recs if r.get("value") is None]
    if failed:
        # on the lower edge of the axes, whatever the y range: a gap would hide the failure
        ax.plot(
            failed,
            [0] * len(failed),
            "x",
            color=color,
            ms=6,
            clip_on=False,
            transform=ax.get_xaxis_transform(),
            label=f"failed (no value){suffix}",
        )
    fit_Ns = tail(Ns)
    if len(fit_Ns) >= 2:
        c, p = fit_power(fit_Ns, [v for n, v in zip(Ns, vals) if n in fit_Ns])
        ax.plot(
            fit_Ns,
            [c * n**-p for n in fit_Ns],
            "--",
            color=color,
            lw=1,
            alpha=0.7,
            label=f"fit {c:.3g}·N^-{p:.3f} over N ≥ {fit_Ns[0]}{suffix}",
        )
