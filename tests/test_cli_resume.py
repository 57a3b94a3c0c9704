"""A ``pep table`` sweep killed with SIGKILL resumes: finished points are reused, not
recomputed, no cache file is corrupt, and the outputs equal those of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
from cli_helpers import ROOT, pep_command, pep_env, run_pep

NS = list(range(8, 21))  # 13 points of 0.05-0.5 s each: the kill lands mid-sweep


def _points(cache):
    return sorted(p for p in cache.rglob("*.json") if not p.name.startswith("."))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_then_resume(tmp_path):
    cache, out, ref = tmp_path / "cache", tmp_path / "out", tmp_path / "ref"
    args = ["table", "gd", "--N", f"{NS[0]}:{NS[-1]}", "--format", "md,csv,tex,json,png"]
    proc = subprocess.Popen(
        pep_command(*args, "--out", str(out)),
        env=pep_env(cache),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(_points(cache)) < 3:
        assert proc.poll() is None, "the sweep finished before it could be killed"
        assert time.monotonic() < deadline, "no point finished within 120 s"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    finished = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in _points(cache)}
    assert 3 <= len(finished) < len(NS)
    for p in finished:  # every file under a cache name is complete JSON
        record = json.loads(p.read_text())
        assert record["value"] > 0 and record["relative_error"] <= record["rtol"]
    assert not out.exists() or not any(out.iterdir())

    rerun = run_pep(*args, "--out", str(out), cache=cache)
    assert rerun.returncode == 0, rerun.stderr
    reused = len(finished)
    assert f"{len(NS)} points: {reused} from cache, {len(NS) - reused} solved" in rerun.stderr
    for p, (content, mtime) in finished.items():  # reused as they were, never rewritten
        assert p.read_bytes() == content and p.stat().st_mtime_ns == mtime
    assert len(_points(cache)) == len(NS)

    fresh = run_pep(*args, "--out", str(ref), "--no-cache", cache=cache)
    assert fresh.returncode == 0, fresh.stderr
    names = sorted(p.name for p in ref.iterdir())
    assert names == sorted(p.name for p in out.iterdir())
    assert len(names) == 5
    for name in names:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
