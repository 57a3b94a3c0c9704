"""pep.cli.report: table rows, formats and the power-law fit behind ``pep table``."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest

import pep
from pep.cli import figures, report


def rec(N, h, value, rate=None, status="optimal"):
    return {"N": N, "params": {"L": "1", "h": h}, "value": value, "rate": rate,
            "ratio": value / rate if rate and value is not None else None,
            "relative_error": 2.5e-8 if value is not None else None,
            "status": status, "label": "numerical evidence"}  # fmt: skip


RECORDS = [rec(2, "1", 0.1, 0.1), rec(1, "1/2", 0.25, 0.25), rec(1, "1", 1 / 6, 1 / 6),
           rec(2, "1/2", None, 1 / 6, "error")]  # fmt: skip


def test_fit_power_recovers_a_power_law():
    Ns = [1, 2, 3, 5, 8, 13]
    c, p = report.fit_power(Ns, [3 * n**-1.5 for n in Ns])
    assert c == pytest.approx(3) and p == pytest.approx(1.5)
    with pytest.raises(ValueError):
        report.fit_power([1], [1.0])


def test_rows_sorted_by_parameter_value_then_N_with_varying_columns_only():
    rows = report.table_rows(RECORDS)
    assert [(r["h"], r["N"]) for r in rows] == [("1/2", 1), ("1/2", 2), ("1", 1), ("1", 2)]
    assert list(rows[0]) == ["N", "h", "value", "known bound", "ratio", "error", "status", "label"]


def test_csv_is_plain_and_leaves_missing_values_empty():
    rows = list(csv.DictReader(io.StringIO(report.to_csv(report.table_rows(RECORDS)))))
    assert list(rows[0]) == ["N", "h", "value", "known_bound", "ratio", "error", "status", "label"]
    assert rows[1]["value"] == "" and rows[1]["status"] == "error"
    assert rows[1]["error"] == "" and float(rows[0]["error"]) == 2.5e-8
    assert float(rows[2]["value"]) == pytest.approx(1 / 6, rel=1e-11)


def test_missing_values_are_dashes_not_nan():
    rows = report.table_rows(RECORDS)
    for text in (report.to_markdown(rows), report.to_latex(rows)):
        assert "nan" not in text
    assert "| 2 | 1/2 | - |" in report.to_markdown(rows)


def _certified(N, exact):
    return {**rec(N, "1", float(Fraction(exact)), float(Fraction(exact))), "exact_bound": exact}


def test_certified_bounds_stay_exact_in_machine_formats():
    long = "1/" + "7" * 40
    rows = report.table_rows([_certified(1, "1/6"), _certified(2, long)])
    md = report.to_markdown(rows)
    assert "| 1/6 |" in md and long not in md  # a 40-digit fraction shows as a decimal
    line = list(csv.DictReader(io.StringIO(report.to_csv(rows))))[1]
    assert line["certified_bound_exact"] == long
    assert float(line["certified_bound"]) == pytest.approx(float(Fraction(long)))
    doc = json.loads(report.to_json(rows))
    assert doc["rows"][0]["certified_bound_exact"] == "1/6"


def test_machine_formats_use_the_same_column_names():
    rows = report.table_rows(RECORDS)
    csv_head = next(csv.reader(io.StringIO(report.to_csv(rows))))
    assert list(json.loads(report.to_json(rows))["rows"][0]) == csv_head


def test_tables_record_fixed_parameters_solver_and_versions():
    records = [
        {**r, "solver": "CLARABEL", "pep_version": "0.1.0", "algorithm": "gd"} for r in RECORDS
    ]
    meta = report.table_meta(records)
    assert meta["fixed parameters"] == {"L": "1"} and meta["solver"] == "CLARABEL"
    assert "cvxpy" in meta["libraries"]
    rows = report.table_rows(records)
    assert "fixed parameters: L=1; solver: CLARABEL; pep 0.1.0" in report.to_markdown(
        rows, "gd", meta
    )
    assert report.to_latex(rows, "gd", meta).startswith("% fixed parameters: L=1")
    line = next(csv.DictReader(io.StringIO(report.to_csv(rows, meta))))
    assert line["L"] == "1" and line["solver"] == "CLARABEL" and line["pep"] == "0.1.0"
    assert json.loads(report.to_json(rows, meta))["meta"]["solver"] == "CLARABEL"


def test_markdown_latex_json():
    rows = report.table_rows(RECORDS)
    md = report.to_markdown(rows, "gd")
    assert md.startswith("### gd\n") and md.count("\n| ") == 5
    assert "| 2.5e-08 |" in md  # the estimated relative error, one column
    tex = report.to_latex(rows, "ogm_g & more")
    assert r"ogm\_g \& more" in tex and r"\toprule" in tex and tex.count(r"\\") == 5
    assert json.loads(report.to_json(rows))["rows"][1]["value"] is None


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_figures_are_deterministic(tmp_path, fmt):
    pytest.importorskip("matplotlib")
    report.plot_sweep(RECORDS, tmp_path / f"a.{fmt}", "gd")
    report.plot_sweep(RECORDS, tmp_path / f"b.{fmt}", "gd")
    assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


def test_the_figure_labels_its_axes_marks_failures_and_fits_the_tail(tmp_path):
    pytest.importorskip("matplotlib")
    records = [
        {**rec(N, "1", 1 / (4 * N + 2), 1 / (4 * N + 2)), "measure": "f(x_N) - f(x*) / R^2"}
        for N in range(1, 11)
    ]
    records[3] = {**records[3], "value": None, "status": "error"}
    report.plot_sweep(records, tmp_path / "gd.svg", "gd")
    svg = (tmp_path / "gd.svg").read_text()
    assert "worst case of f(x_N) - f(x*) / R^2" in svg and "N (iterations)" in svg
    assert "failed (no value)" in svg and "over N ≥ 6" in svg
    # gradient descent's tail is close to the true N^-1; all of N = 1..10 gives N^-0.87
    Ns = [r["N"] for r in records if r["value"] is not None]
    tail = figures.tail(Ns)
    c, p = report.fit_power(tail, [1 / (4 * N + 2) for N in tail])
    assert abs(p - 1) < abs(report.fit_power(Ns, [1 / (4 * N + 2) for N in Ns])[1] - 1) < 0.2
    assert p == pytest.approx(1, abs=0.08)


def test_a_figure_format_is_checked():
    with pytest.raises(pep.InvalidArgument, match="figure format"):
        report.plot_sweep(RECORDS, "a.gif", "gd")
