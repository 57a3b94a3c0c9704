"""``pep certify FILE.py[:NAME] --save-certificate DIR [--force]``: one exact certificate per
verified N, each re-checked by ``pep verify``; existing files, non-directories and special
files are refused before anything is solved (exit 2).

Reference: gradient descent with step 1/L on L-smooth convex functions, worst case
L R^2 / (4N + 2), tight (Drori-Teboulle 2014): the README's user file and claim.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction

import pytest
from cli_helpers import readme_user_file, run_pep

from pep.cli.main import main

CLAIM = "L*R**2/(4*N*h+2)"


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "my_method.py"
    path.write_text(readme_user_file())
    return path


def _certify(user_file, out, *extra: str, N: str = "1:3", claim: str = CLAIM) -> int:
    args = ["certify", str(user_file), "--N", N, "--claim", claim]
    return main([*args, "--save-certificate", str(out), *extra])


def test_each_verified_n_is_saved_and_verifies(user_file, tmp_path, capsys):
    out = tmp_path / "certs"  # created by the command
    assert _certify(user_file, out) == 0
    printed = capsys.readouterr()
    assert "3 certificate(s) saved" in printed.out
    assert sorted(p.name for p in out.iterdir()) == [f"my_method-N{N}.json" for N in (1, 2, 3)]
    for N in (1, 2, 3):
        path = out / f"my_method-N{N}.json"
        assert f"wrote {path}" in printed.err
        document = json.loads(path.read_text())
        assert Fraction(document["statement"]["bound"]) <= Fraction(1, 4 * N + 2)
        code = main(["verify", str(path), "--expect", str(user_file), "--N", str(N)])
        assert code == 0
        assert "VALID" in capsys.readouterr().out


def test_the_saved_file_passes_the_installed_checker_in_a_subprocess(user_file, tmp_path):
    out = tmp_path / "certs"
    assert _certify(user_file, out, N="2") == 0
    done = run_pep("verify", str(out / "my_method-N2.json"), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("VALID") and "1/10" in done.stdout


def test_json_output_names_each_file(user_file, tmp_path, capsys):
    out = tmp_path / "certs"
    assert _certify(user_file, out, "--json", N="1:2") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["certificate_file"] for r in rows] == [
        str(out / "my_method-N1.json"),
        str(out / "my_method-N2.json"),
    ]


def test_a_second_run_refuses_to_overwrite_without_force(user_file, tmp_path, capsys):
    out = tmp_path / "certs"
    assert _certify(user_file, out, N="1:2") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    os.utime(out / "my_method-N1.json", (0, 0))
    capsys.readouterr()
    assert _certify(user_file, out, N="1:2") == 2
    err = capsys.readouterr().err
    assert "refusing to overwrite 2 existing certificate file(s)" in err
    assert "my_method-N1.json" in err and "--force" in err
    assert "verified" not in err  # refused before anything was solved
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert os.stat(out / "my_method-N1.json").st_mtime == 0
    assert _certify(user_file, out, "--force", N="1:2") == 0
    assert os.stat(out / "my_method-N1.json").st_mtime > 0  # replaced


def test_a_non_directory_path_exits_2(user_file, tmp_path, capsys):
    target = tmp_path / "not_a_dir.json"
    target.write_text("keep me")
    assert _certify(user_file, target) == 2
    assert "is not a directory" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_a_fifo_in_place_of_a_file_is_refused_even_with_force(user_file, tmp_path, capsys):
    out = tmp_path / "certs"
    out.mkdir()
    os.mkfifo(out / "my_method-N1.json")
    assert _certify(user_file, out, "--force", N="1") == 2
    assert "is a FIFO" in capsys.readouterr().err


def test_refuted_claims_save_nothing(user_file, tmp_path, capsys):
    out = tmp_path / "certs"
    assert _certify(user_file, out, N="1:2", claim="L*R**2/(4*N*h+4)") == 1
    assert list(out.iterdir()) == []
    assert "0 certificate(s) saved" in capsys.readouterr().out


def test_a_named_function_gets_its_name_in_the_file(user_file, tmp_path):
    out = tmp_path / "certs"
    code = main(
        ["certify", f"{user_file}:setting", "--N", "1", "--claim", CLAIM]
        + ["--save-certificate", str(out)]
    )
    assert code == 0 and [p.name for p in out.iterdir()] == ["my_method-N1.json"]
    other = tmp_path / "other.py"
    other.write_text(readme_user_file().replace("def setting(", "def gd("))
    code = main(
        ["certify", f"{other}:gd", "--N", "1", "--claim", CLAIM, "--save-certificate", str(out)]
    )
    assert code == 0 and (out / "other-gd-N1.json").is_file()


def test_force_without_save_certificate_is_a_usage_error(user_file, capsys):
    assert main(["certify", str(user_file), "--N", "1", "--claim", CLAIM, "--force"]) == 2
    assert "--force only applies to --save-certificate" in capsys.readouterr().err
