"""Command-line conventions: usage errors exit 2 before any solve, nothing is silently dropped,
no traceback unless asked for, the user's own error is shown with its file and line."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from cli_helpers import pep_command, pep_env, run_pep

BUGGY = textwrap.dedent(
    """
    import pep


    def setting(N, L=1):
        problem = pep.Problem()
        f = problem.function(pep.SmoothConvex(L=L))
        x0, xs = problem.point("x0"), f.minimizer()
        problem.assume(pep.sqnorm(x0 - xs) <= 1)
        x = x0
        for _ in range(N):
            x = x - f.grad(y)
        problem.maximize(f(x) - f(xs))
        return problem
    """
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "gd", "--N", "2", "--param", "L=-1"], "L must be > 0"),
        (["table", "gd", "--N", "1:2", "--param", "L=-1", "--no-cache"], "L must be > 0"),
        (["run", "gd", "--N", "1:3"], "use pep table gd --N 1:3"),
        (["run", "gd", "--N", "2", "--param", "L=1", "--param", "L=2"], "given twice"),
    ],
)
def test_usage_errors_exit_2_before_anything_is_solved_or_printed(tmp_path, args, message):
    out = run_pep(*args, cache=tmp_path)
    assert out.returncode == 2
    assert message in out.stderr
    assert out.stdout == ""  # no "known bound" of an invalid class, no table
    assert "Traceback" not in out.stderr


def test_the_users_error_names_its_file_and_line(tmp_path):
    user = tmp_path / "buggy.py"
    user.write_text(BUGGY)
    out = run_pep("certify", str(user), "--N", "1", "--claim", "1/(4*N+2)", cache=tmp_path)
    assert out.returncode == 2
    assert "NameError" in out.stderr and "buggy.py:12" in out.stderr
    assert "Traceback" not in out.stderr
    full = run_pep(
        "certify", str(user), "--N", "1", "--claim", "1/(4*N+2)", "--traceback", cache=tmp_path
    )
    assert full.returncode == 2
    assert "Traceback" in full.stderr and 'buggy.py", line 12' in full.stderr


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    # the reader stops after one line, as `pep list | head -1` does
    proc = subprocess.Popen(
        pep_command("list"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=pep_env(tmp_path),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err


@pytest.mark.parametrize("command", ["list", "run", "table", "certify", "verify", "check", "prove"])
def test_every_command_takes_quiet_and_traceback(tmp_path, command):
    out = subprocess.run(
        [sys.executable, "-m", "pep.cli", command, "--help"],
        capture_output=True,
        text=True,
        env=pep_env(tmp_path),
        timeout=120,
    )
    assert out.returncode == 0
    assert "--quiet" in out.stdout and "--traceback" in out.stdout


def test_quiet_silences_status_lines(tmp_path):
    loud = run_pep("table", "gd", "--N", "1", "--no-cache", cache=tmp_path)
    quiet = run_pep("table", "gd", "--N", "1", "--no-cache", "--quiet", cache=tmp_path)
    assert loud.returncode == quiet.returncode == 0
    assert "points" in loud.stderr and quiet.stderr == ""
    assert quiet.stdout == loud.stdout
