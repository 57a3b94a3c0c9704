"""pep.cli.report: table rows, formats and the power-law fit behind ``pep table``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from pep.cli import report


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


def test_csv_is_plain_and_marks_missing_values():
    rows = list(csv.DictReader(io.StringIO(report.to_csv(report.table_rows(RECORDS)))))
    assert list(rows[0]) == ["N", "h", "value", "known_bound", "ratio", "error", "status", "label"]
    assert rows[1]["value"] == "nan" and rows[1]["status"] == "error"
    assert rows[1]["error"] == "nan" and float(rows[0]["error"]) == 2.5e-8
    assert float(rows[2]["value"]) == pytest.approx(1 / 6, rel=1e-11)


def test_markdown_latex_json():
    rows = report.table_rows(RECORDS)
    md = report.to_markdown(rows, "gd")
    assert md.startswith("### gd\n") and md.count("\n| ") == 5
    assert "| 2.5e-08 |" in md  # the estimated relative error, one column
    tex = report.to_latex(rows, "ogm_g & more")
    assert r"ogm\_g \& more" in tex and r"\toprule" in tex and tex.count(r"\\") == 5
    assert json.loads(report.to_json(rows))[1]["value"] is None


def test_png_is_deterministic(tmp_path):
    pytest.importorskip("matplotlib")
    report.plot_sweep(RECORDS, tmp_path / "a.png", "gd")
    report.plot_sweep(RECORDS, tmp_path / "b.png", "gd")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
