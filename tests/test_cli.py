"""End-to-end: ``pep list``, ``pep run``, ``pep table``, usage errors (subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from cli_helpers import pep_env, run_pep

from pep import algorithms
from pep.algorithms.base import theta_sequence
from pep.cli.main import main


def gd_bound(N, h=1):
    return 1 / (4 * N * h + 2)  # Drori-Teboulle, REFERENCE.md section 2


def ogm_bound(N):
    return 1 / (2 * theta_sequence(N)[-1] ** 2)  # Kim-Fessler / Drori


def test_list_shows_algorithms_and_classes(tmp_path):
    out = run_pep("list", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    for name in ["gd", "ogm", "SmoothConvex", "SmoothStronglyConvex(L, mu)", "Monotone"]:
        assert name in out.stdout
    data = json.loads(run_pep("list", "--json", cache=tmp_path).stdout)
    assert [a["name"] for a in data["algorithms"]] == algorithms.names()
    kinds = {c["name"]: c["kind"] for c in data["classes"]}
    assert kinds["SmoothConvex"] == "function" and kinds["Monotone"] == "operator"
    assert all(a["reference"] for a in data["algorithms"])


def test_installed_console_script(tmp_path):
    exe = shutil.which("pep")
    if exe is None:
        pytest.fail("the console script 'pep' is not installed (pip install -e .)")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, env=pep_env(tmp_path))
    assert out.returncode == 0 and out.stdout.startswith("pep ")


def test_run_json(tmp_path):
    out = run_pep("run", "gd", "--N", "3", "--param", "h=0.5", "--json", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["value"] == pytest.approx(gd_bound(3, 0.5), rel=1e-6)
    assert data["rate"] == pytest.approx(gd_bound(3, 0.5), rel=1e-12)
    assert data["rate_exact"] == "1/8"
    assert data["params"]["h"] == "1/2"
    # a bound: its estimated error is within the tolerance, whatever the solver's status text
    assert data["relative_error"] <= data["rtol"] == 1e-6 and data["label"] == "numerical evidence"
    assert data["attempts"] and data["attempts"][-1]["outcome"] == "bound"
    assert len(data["multipliers"]) == 5 and all(v >= -1e-8 for _, v in data["multipliers"])


def test_run_text(tmp_path):
    out = run_pep("run", "ogm", "--N", "4", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "worst case" in out.stdout and "known bound" in out.stdout
    assert "numerical evidence" in out.stdout and "f:interp(" in out.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "ogn", "--N", "3"], "did you mean 'ogm'"),
        (["table", "gd", "ogmg", "--N", "1:2"], "did you mean 'ogm_g'"),
        (["run", "gd", "--param", "mu=1"], "unknown parameter"),
        (["run", "gd", "--param", "h"], "NAME=VALUE"),
        (["run", "gd", "--param", "h=abc"], "not a finite number"),
        (["table", "gd", "--N", "0:3"], ">= 1"),
        (["table", "gd", "--N", "a:b"], "not a range"),
        (["table", "gd", "--format", "docx"], "unknown"),
        (["table", "ogm", "--param", "h=1,2"], "not a parameter of ogm"),
        (["run", "gd", "--N", "2", "--solver", "nosuch"], "solver='NOSUCH' is not supported"),
        (["table", "gd", "--workers", "2", "--scheduler", "tcp://x:1"], "exclude each other"),
    ],
)
def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, args, message):
    # in-process for speed; test_unknown_algorithm_subprocess covers the real command
    monkeypatch.setenv("PEP_CACHE_DIR", str(tmp_path))
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_unknown_algorithm_subprocess(tmp_path):
    out = run_pep("run", "ogn", "--N", "3", cache=tmp_path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "unknown algorithm 'ogn'; did you mean 'ogm'?" in out.stderr


def test_table_all_formats_and_cache(tmp_path):
    cache, out_dir = tmp_path / "cache", tmp_path / "out"
    args = [
        "table",
        "gd",
        "ogm",
        "--N",
        "1:4",
        "--out",
        str(out_dir),
        "--format",
        "md,csv,tex,json,png",
    ]
    first = run_pep(*args, cache=cache)
    assert first.returncode == 0, first.stderr
    assert "8 points: 0 from cache, 8 solved" in first.stderr
    with open(out_dir / "gd.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["N"]) for r in rows] == [1, 2, 3, 4]
    for r in rows:
        assert float(r["value"]) == pytest.approx(gd_bound(int(r["N"])), rel=1e-6)
        assert float(r["known_bound"]) == pytest.approx(gd_bound(int(r["N"])), rel=1e-9)
    ogm = json.loads((out_dir / "ogm.json").read_text())
    assert [row["value"] for row in ogm] == pytest.approx(
        [ogm_bound(N) for N in range(1, 5)], rel=1e-6
    )
    md = (out_dir / "gd.md").read_text()
    assert "| N | value | known bound | ratio | error | status | label |" in md
    assert r"\begin{tabular}" in (out_dir / "ogm.tex").read_text()
    assert (out_dir / "gd.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    second = run_pep(*args, cache=cache)
    assert second.returncode == 0 and "8 points: 8 from cache, 0 solved" in second.stderr
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


def test_table_parameter_grid_to_stdout(tmp_path):
    out = run_pep("table", "gd", "--N", "1:2", "--param", "h=0.5,1", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("| ") and "value" not in ln]
    assert len(lines) == 4 and out.stdout.count("| h |") == 1
    values = {
        (ln.split("|")[1].strip(), ln.split("|")[2].strip()): float(ln.split("|")[3])
        for ln in lines
    }
    assert values[("1", "1/2")] == pytest.approx(gd_bound(1, 0.5), rel=1e-6)
    assert values[("2", "1")] == pytest.approx(gd_bound(2, 1), rel=1e-6)


def test_table_workers(tmp_path):
    out = run_pep("table", "gd", "--N", "1:3", "--workers", "2", "--format", "json", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["value"] for r in rows] == pytest.approx([gd_bound(N) for N in (1, 2, 3)], rel=1e-6)


@pytest.mark.slow  # ~5-10 s; tests/test_sweep.py runs a LocalCluster in the default run
def test_table_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")  # the optional extra pep-toolkit[dask]
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        protocol="tcp",
    ) as cluster:
        args = [
            "table",
            "gd",
            "--N",
            "1:3",
            "--format",
            "json",
            "--scheduler",
            cluster.scheduler_address,
        ]
        out = run_pep(*args, cache=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["value"] for r in rows] == pytest.approx([gd_bound(N) for N in (1, 2, 3)], rel=1e-6)


def test_table_bad_scheduler_address(tmp_path):
    out = run_pep("table", "gd", "--N", "1", "--scheduler", "nonsense://x", cache=tmp_path)
    assert out.returncode == 2
    assert "Dask" in out.stderr


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_on_terminal_plain_lines_otherwise(tty):
    from pep.cli.main import _progress
    from pep.cli.sweep import PointSpec, SweepEvent

    stream = _Terminal() if tty else io.StringIO()
    show = _progress(stream)
    spec = PointSpec.make("gd", 1)
    for done in (1, 2):
        show(SweepEvent(done, 2, spec, {"value": 0.5, "time": 0.1}, cached=done == 1))
    text = stream.getvalue()
    if tty:
        assert text.count("\r[") == 2 and "#" * 30 in text and text.endswith("\n")
    else:
        assert "\r" not in text and text.count("\n") == 2 and "(cached)" in text
