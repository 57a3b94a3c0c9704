"""Issue 15, attack 14: an edited or foreign cache entry is never shown, least of all as verified.

Reference values: gradient descent with step 1/L, f(x_N) - f* <= L R^2 / (4N + 2), tight
(Drori and Teboulle 2014): 1/10 at N = 2 and 1/14 at N = 3.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from cli_helpers import ROOT, run_pep

from pep.cli import cache as cache_module
from pep.cli.cache import Cache, code_fingerprint
from pep.cli.sweep import PointSpec, run_sweep
from pep.files import OutputPathError


@pytest.fixture(scope="module")
def certified(tmp_path_factory):
    """A cache holding verified gd points N = 2, 3 (solved and certified once)."""
    root = tmp_path_factory.mktemp("cache")
    specs = [PointSpec.make("gd", N, certify=True) for N in (2, 3)]
    records = run_sweep(specs, cache=Cache(root))
    assert [r["label"] for r in records] == ["verified", "verified"]
    assert [Fraction(r["exact_bound"]) for r in records] == [Fraction(1, 10), Fraction(1, 14)]
    return root, specs


@pytest.fixture
def cache(certified, tmp_path):
    root, specs = certified
    shutil.copytree(root, tmp_path / "c")
    return Cache(tmp_path / "c"), specs


def edit(cache: Cache, spec: PointSpec, change, *, rechecksum: bool) -> None:
    path = cache.path(spec)
    record = json.loads(path.read_text())
    change(record)
    if rechecksum:  # a careful forger recomputes the checksum: the certificate must still fail
        record["checksum"] = cache_module._checksum(record)
    path.write_text(json.dumps(record))


def test_intact_verified_entries_load(cache):
    c, specs = cache
    for spec in specs:
        record = c.load(spec)
        assert record is not None and record["label"] == "verified"


@pytest.mark.parametrize("rechecksum", [False, True])
def test_edited_value_and_label_are_recomputed_not_shown(cache, rechecksum):
    c, (spec2, spec3) = cache

    def forge(record):
        record["value"], record["label"], record["exact_bound"] = 0.01, "verified", "1/100"

    edit(c, spec3, forge, rechecksum=rechecksum)
    assert c.load(spec3) is None
    events = []
    (rec,) = run_sweep([spec3], cache=c, progress=events.append)
    assert not events[0].cached  # solved again ...
    assert rec["value"] == pytest.approx(1 / 14, rel=1e-6) and Fraction(
        rec["exact_bound"]
    ) == Fraction(1, 14)
    assert c.load(spec3)["value"] == pytest.approx(1 / 14, rel=1e-6)  # ... and the file replaced


def test_edited_value_with_intact_certificate_is_refused(cache):
    c, (_, spec3) = cache
    edit(c, spec3, lambda r: r.update(value=0.01), rechecksum=True)
    assert c.load(spec3) is None


def test_forged_certificate_bound_is_refused(cache):
    c, (_, spec3) = cache

    def forge(record):
        record["certificate"]["bound"] = "1/100"
        record["value"], record["exact_bound"] = 0.01, "1/100"

    edit(c, spec3, forge, rechecksum=True)
    assert c.load(spec3) is None


def test_certificate_of_another_point_is_refused(cache):
    # N = 2's genuine certificate (bound 1/10) pasted into N = 3's entry: it checks on its
    # own, but not against the problem of N = 3 (the key's point)
    c, (spec2, spec3) = cache
    other = json.loads(c.path(spec2).read_text())

    def forge(record):
        record["certificate"] = other["certificate"]
        record["value"], record["exact_bound"] = other["value"], other["exact_bound"]

    edit(c, spec3, forge, rechecksum=True)
    assert c.load(spec3) is None


def test_verified_label_without_certificate_is_refused(tmp_path):
    c = Cache(tmp_path)
    spec = PointSpec.make("gd", 2)  # not certified: numerical evidence
    (rec,) = run_sweep([spec], cache=c)
    assert rec["label"] == "numerical evidence" and c.load(spec) is not None
    edit(c, spec, lambda r: r.update(label="verified", exact_bound="1/10"), rechecksum=True)
    assert c.load(spec) is None
    edit(c, spec, lambda r: r.update(label="proved", exact_bound=None), rechecksum=True)
    assert c.load(spec) is None


def test_edited_numerical_entry_fails_its_checksum(tmp_path):
    c = Cache(tmp_path)
    spec = PointSpec.make("gd", 2)
    run_sweep([spec], cache=c)
    edit(c, spec, lambda r: r.update(value=0.01), rechecksum=False)
    assert c.load(spec) is None
    (rec,) = run_sweep([spec], cache=c)
    assert rec["value"] == pytest.approx(1 / 10, rel=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"key": 1}',
        "NaN",
        '{"value": NaN}',
        "\xff\xfe",
    ],
)
def test_malformed_files_are_misses(tmp_path, text):
    c = Cache(tmp_path)
    spec = PointSpec.make("gd", 1)
    c.path(spec).parent.mkdir(parents=True)
    c.path(spec).write_bytes(text.encode("latin-1"))
    assert c.load(spec) is None


def test_every_missing_field_or_wrong_type_is_a_miss(cache):
    c, (spec2, _) = cache
    good = json.loads(c.path(spec2).read_text())
    for field in ("key", "algorithm", "N", "params", "solver", "status", "label", "value"):
        for bad in (None, "x", 1.5, [], True):
            if bad == good.get(field) or (field == "value" and bad in (None, 1.5)):
                continue
            record = {**good, field: bad}
            record["checksum"] = cache_module._checksum(record)
            c.path(spec2).write_text(json.dumps(record))
            assert c.load(spec2) is None, (field, bad)


def test_key_hashes_the_code(tmp_path):
    # a copy of pep whose SmoothConvex row is weakened (1/(2L) -> 1/(4L)) has other keys
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "pep", copy / "pep", ignore=shutil.ignore_patterns("__pycache__"))
    assert cache_module._fingerprint(str(copy / "pep")) == code_fingerprint()
    smooth = copy / "pep" / "functions" / "smooth.py"
    text = smooth.read_text()
    assert "_thg_slack(i, j, self.L, 0)" in text
    smooth.write_text(
        text.replace("_thg_slack(i, j, self.L, 0)", "_thg_slack(i, j, 2 * self.L, 0)")
    )
    assert cache_module._fingerprint.__wrapped__(str(copy / "pep")) != code_fingerprint()


def test_weakened_copy_is_not_served_this_codes_entries(certified, tmp_path):
    root, _ = certified
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "pep", copy / "pep", ignore=shutil.ignore_patterns("__pycache__"))
    smooth = copy / "pep" / "functions" / "smooth.py"
    smooth.write_text(
        smooth.read_text().replace("_thg_slack(i, j, self.L, 0)", "_thg_slack(i, j, 2 * self.L, 0)")
    )
    shutil.copytree(root, tmp_path / "c")
    env = {**os.environ, "PYTHONPATH": str(copy), "PEP_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run(
        [sys.executable, "-m", "pep.cli", "table", "gd", "--N", "2:3", "--certify"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=240,
    )
    assert "0 from cache, 2 solved" in out.stderr, out.stderr
    # the unmodified code still finds its own entries
    again = run_pep("table", "gd", "--N", "2:3", "--certify", cache=tmp_path / "c")
    assert again.returncode == 0 and "2 from cache, 0 solved" in again.stderr


def test_cli_table_never_shows_an_edited_entry_as_verified(certified, tmp_path):
    root, (_, spec3) = certified
    shutil.copytree(root, tmp_path / "c")
    c = Cache(tmp_path / "c")

    def forge(record):
        record["value"], record["label"] = 0.01, "verified"

    edit(c, spec3, forge, rechecksum=False)
    out = run_pep("table", "gd", "--N", "3", "--certify", cache=tmp_path / "c")
    assert out.returncode == 0 and "0 from cache, 1 solved" in out.stderr
    row = next(line for line in out.stdout.splitlines() if line.startswith("| 3 "))
    assert "0.01 " not in row and "0.0714285" in row and row.rstrip().endswith("verified |")


def test_special_file_at_a_cache_entry_is_refused_without_blocking(tmp_path):
    c = Cache(tmp_path / "c")
    spec = PointSpec.make("gd", 1)
    path = c.path(spec)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with pytest.raises(OutputPathError, match="FIFO"):
        c.load(spec)  # opening a FIFO for reading would block forever
    out = run_pep("table", "gd", "--N", "1", "--quiet", cache=tmp_path / "c", timeout=120)
    assert out.returncode == 2 and "FIFO" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert Path(path).is_fifo()
