"""scripts/regenerate_tables.py, the fast subset N = 1..3: every value next to its closed form
and to the value printed in the reference notes."""

from __future__ import annotations

import csv
import subprocess
import sys
from fractions import Fraction

import pytest
from cli_helpers import ROOT, pep_env

METHODS = [
    "gd",
    "ogm",
    "ogm_g",
    "fgm",
    "halpern",
    "appm",
    "feg",
    "eag_c",
    "eag_v",
    "ppm",
    "ppm_monotone",
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tables")
    out = tmp / "out"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate_tables.py"), "--N", "1:3",
         "--out", str(out), "--cache", str(tmp / "cache")],
        capture_output=True, text=True, env=pep_env(tmp / "cache"), timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return out


def read(tables, name):
    with open(tables / f"{name}.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_method_has_a_table(tables):
    for name in METHODS:
        assert (tables / f"{name}.md").is_file() and [int(r["N"]) for r in read(tables, name)] == [
            1,
            2,
            3,
        ]
    index = (tables / "README.md").read_text()
    assert all(f"[{name}]({name}.md)" in index for name in METHODS)


def test_exact_closed_forms_next_to_values(tables):
    rows = read(tables, "gd")
    # Drori-Teboulle 1/(4N+2), written exactly
    assert [Fraction(r["closed_form"]) for r in rows] == [
        Fraction(1, 6),
        Fraction(1, 10),
        Fraction(1, 14),
    ]
    for name in ("gd", "ogm", "ogm_g", "halpern", "appm", "ppm", "ppm_monotone"):
        for r in read(tables, name):  # tight methods: PEP value = closed form
            assert float(r["PEP_value"]) == pytest.approx(
                float(r["closed-form_value"]), rel=1e-6
            ), name


def test_values_match_the_reference_notes(tables):
    checked = 0
    for name in METHODS:
        for r in read(tables, name):
            if r["reference_notes"] not in ("", "-", "nan"):
                printed = float(r["reference_notes"])  # 7 significant digits
                assert float(r["PEP_value"]) == pytest.approx(printed, rel=2e-6, abs=1e-7), (
                    name,
                    r["N"],
                )
                checked += 1
    assert checked >= 28


def test_upper_bound_methods_stay_below_their_bounds(tables):
    for name in ("fgm", "eag_c", "eag_v"):
        for r in read(tables, name):
            assert float(r["PEP_value"]) <= float(r["closed-form_value"]) * (1 + 1e-6), name


def test_published_tables_are_not_overwritten_unless_asked(tmp_path):
    # a copy of the script in a tree of its own, so the real docs/tables are never at risk
    (tmp_path / "scripts").mkdir()
    script = tmp_path / "scripts" / "regenerate_tables.py"
    script.write_text((ROOT / "scripts" / "regenerate_tables.py").read_text())
    published = tmp_path / "docs" / "tables"
    published.mkdir(parents=True)
    (published / "gd.md").write_text("the published N = 1..30 table\n")
    proc = subprocess.run(
        [sys.executable, str(script), "--N", "1", "--only", "gd", "--cache", str(tmp_path / "c")],
        capture_output=True, text=True, env=pep_env(tmp_path / "c"), timeout=300,
    )  # fmt: skip
    assert proc.returncode == 2 and "--overwrite" in proc.stderr
    assert (published / "gd.md").read_text() == "the published N = 1..30 table\n"
    proc = subprocess.run(
        [sys.executable, str(script), "--N", "1", "--only", "gd", "--overwrite",
         "--cache", str(tmp_path / "c")],
        capture_output=True, text=True, env=pep_env(tmp_path / "c"), timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "| 1 |" in (published / "gd.md").read_text()
