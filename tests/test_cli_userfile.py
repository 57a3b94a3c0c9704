"""A user's own method (FILE.py[:NAME]) through pep run and pep table, cached by its text."""

from __future__ import annotations

import csv
import json

import pytest
from cli_helpers import readme_user_file, run_pep


def gd_bound(N, h=1):
    return 1 / (4 * N * h + 2)  # Drori-Teboulle, tight for h <= 1 (REFERENCE.md section 2)


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "my_method.py"
    path.write_text(readme_user_file())
    return path


def test_run_on_a_user_file(tmp_path, user_file):
    out = run_pep("run", str(user_file), "--N", "3", "--json", cache=tmp_path / "cache")
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["value"] == pytest.approx(gd_bound(3), rel=1e-6)
    assert rec["rate"] is None  # no rate is registered for a user's method


def test_table_on_a_user_file_writes_named_files(tmp_path, user_file):
    out_dir = tmp_path / "tables"
    args = (
        "table",
        f"{user_file}:setting",
        "--N",
        "1:5",
        "--out",
        str(out_dir),
        "--format",
        "md,csv",
    )
    out = run_pep(*args, "--param", "h=1/2", cache=tmp_path / "cache")
    assert out.returncode == 0, out.stderr
    with open(out_dir / "my_method.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["N"]) for r in rows] == [1, 2, 3, 4, 5]
    for r in rows:
        assert float(r["value"]) == pytest.approx(gd_bound(int(r["N"]), 0.5), rel=1e-6)
    assert "fixed parameters: L=1, R=1, h=1/2" in (out_dir / "my_method.md").read_text()


def test_an_edited_file_is_solved_again_not_served_from_the_cache(tmp_path, user_file):
    cache = tmp_path / "cache"
    first = run_pep("table", str(user_file), "--N", "1:2", "--format", "json", cache=cache)
    assert first.returncode == 0 and "0 from cache, 2 solved" in first.stderr
    again = run_pep("table", str(user_file), "--N", "1:2", "--format", "json", cache=cache)
    assert "2 from cache, 0 solved" in again.stderr
    # halve the step: the worst case becomes 1/(2N + 2)
    user_file.write_text(
        user_file.read_text().replace("h * f.grad(x) / L", "h * f.grad(x) / (2 * L)")
    )
    edited = run_pep("table", str(user_file), "--N", "1:2", "--format", "json", cache=cache)
    assert edited.returncode == 0 and "0 from cache, 2 solved" in edited.stderr
    values = [r["value"] for r in json.loads(edited.stdout)["rows"]]
    assert values == pytest.approx([gd_bound(1, 0.5), gd_bound(2, 0.5)], rel=1e-6)


def test_a_parameter_without_default_is_a_usage_error(tmp_path):
    path = tmp_path / "nodefault.py"
    path.write_text(
        readme_user_file().replace("def setting(N, L=1, h=1, R=1):", "def setting(N, L, h=1, R=1):")
    )
    out = run_pep("run", str(path), "--N", "2", cache=tmp_path / "cache")
    assert out.returncode == 2 and "need a default" in out.stderr
