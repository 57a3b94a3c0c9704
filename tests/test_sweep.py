"""Sweeps: exact point identities, the crash-safe cache, parallel and Dask execution."""

from __future__ import annotations

import json
import os
import sys
from fractions import Fraction

import pytest

import pep.cli.sweep as sweep
from pep.cli.sweep import Cache, PointSpec, SweepError, atomic_write_text, run_sweep
from pep.errors import InvalidArgument


def gd_bound(N, h=1):
    """Drori-Teboulle: f(x_N) - f* <= L R^2 / (4 N h + 2) (REFERENCE.md section 2)."""
    return 1 / (4 * N * h + 2)


def test_spec_resolves_defaults_exactly():
    spec = PointSpec.make("gd", 3, {"h": 0.5})
    assert spec.params == (("L", "1"), ("R", "1"), ("h", "1/2"))
    assert spec.values() == {"L": 1, "R": 1, "h": Fraction(1, 2)}
    assert PointSpec.make("gd", 3, {"h": "1/2"}) == spec


def test_spec_rejects_unknown_names():
    with pytest.raises(InvalidArgument, match="did you mean 'ogm'"):
        PointSpec.make("ogn", 3)
    with pytest.raises(InvalidArgument, match="unknown parameter"):
        PointSpec.make("gd", 3, {"mu": 1})


def test_key_depends_on_everything_that_changes_the_result():
    base = PointSpec.make("gd", 3)
    keys = {
        base.key(),
        PointSpec.make("gd", 4).key(),
        PointSpec.make("gd", 3, {"h": "1/2"}).key(),
        PointSpec.make("gd", 3, solver="SCS").key(),
        PointSpec.make("ogm", 3).key(),
    }
    assert len(keys) == 5
    assert PointSpec.make("gd", 3).key() == base.key()


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "point.json"
    atomic_write_text(target, "old")

    def crash(src, dst):
        raise KeyboardInterrupt  # as if killed between write and rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["point.json"]  # temp file removed


def test_corrupt_or_foreign_cache_files_are_ignored(tmp_path):
    cache = Cache(tmp_path)
    spec = PointSpec.make("gd", 2)
    cache.path(spec).parent.mkdir(parents=True)
    cache.path(spec).write_text('{"value": 0.1')  # truncated
    assert cache.load(spec) is None
    cache.path(spec).write_text(json.dumps({"key": "another", "value": 1.0}))
    assert cache.load(spec) is None


def test_values_match_closed_form_and_rerun_reuses_cache(tmp_path, monkeypatch):
    specs = [PointSpec.make("gd", N, {"h": h}) for h in ("1/2", "1") for N in (1, 2, 3)]
    events = []
    first = run_sweep(specs, cache=Cache(tmp_path), progress=events.append)
    for spec, rec in zip(specs, first):
        h = spec.values()["h"]
        assert rec["value"] == pytest.approx(gd_bound(spec.N, h), rel=1e-6)
        assert Fraction(rec["rate_exact"]) == Fraction(1) / (4 * spec.N * h + 2)
        assert rec["label"] == "numerical evidence"
    assert [e.cached for e in events] == [False] * 6

    def no_solving(spec):
        raise AssertionError(f"{spec} was recomputed")

    monkeypatch.setattr(sweep, "compute_point", no_solving)
    events.clear()
    again = run_sweep(specs, cache=Cache(tmp_path), progress=events.append)
    assert again == first and [e.cached for e in events] == [True] * 6


def test_failed_points_are_not_cached(tmp_path, monkeypatch):
    spec = PointSpec.make("gd", 1)
    monkeypatch.setattr(sweep, "compute_point", lambda s: {"status": "error", "error": "boom"})
    assert run_sweep([spec], cache=Cache(tmp_path))[0]["status"] == "error"
    assert Cache(tmp_path).load(spec) is None


@pytest.mark.slow  # process start-up; `pep table --workers 2` covers it in the default run
def test_worker_processes_give_the_serial_values(tmp_path):
    specs = [PointSpec.make("gd", N) for N in (1, 2, 3)]
    serial = run_sweep(specs)
    parallel = run_sweep(specs, workers=2)
    assert [r["value"] for r in parallel] == pytest.approx([r["value"] for r in serial], rel=1e-9)


def test_bad_workers():
    with pytest.raises(InvalidArgument, match="workers=0"):
        run_sweep([], workers=0)


def test_dask_missing_gives_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    with pytest.raises(SweepError, match=r"pep-toolkit\[dask\]"):
        run_sweep([PointSpec.make("gd", 1)], scheduler="tcp://127.0.0.1:1")


def test_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    specs = [PointSpec.make("gd", N) for N in (1, 2, 3)]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        records = run_sweep(specs, cache=Cache(tmp_path), scheduler=cluster.scheduler_address)
    assert [r["value"] for r in records] == pytest.approx(
        [gd_bound(N) for N in (1, 2, 3)], rel=1e-6
    )
    assert all(Cache(tmp_path).load(s) is not None for s in specs)


def test_stale_temporaries_are_removed_but_fresh_ones_kept(tmp_path):
    cache = Cache(tmp_path)
    folder = tmp_path / "gd"
    folder.mkdir()
    old, fresh = folder / ".abc.json.x1.tmp", folder / ".def.json.x2.tmp"
    old.write_text("{")
    fresh.write_text("{")
    os.utime(old, (1, 1))  # as if left by a writer killed long ago
    run_sweep([PointSpec.make("gd", 1)], cache=cache)
    assert not old.exists() and fresh.exists()
