"""Issue 15, attack 15: outputs never replace or write through special files; umask applies.

Every special file is created by the test in its own temporary directory and checked
afterwards: still the same kind of file, with the same content or target.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import pytest

from pep.cli.main import main
from pep.cli.sweep import atomic_write_text
from pep.files import OutputPathError, check_output_path, write_bytes_atomic, write_text_atomic


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _symlink(path: Path) -> Path:
    target = path.parent / f"{path.name}.target"
    target.write_text("precious\n")
    path.symlink_to(target.name)
    return path


def _directory(path: Path) -> Path:
    path.mkdir()
    (path / "inside").write_text("keep\n")
    return path


def _device(path: Path) -> Path:
    # a character device like /dev/null (major 1, minor 3), made here rather than touching /dev
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    return path


MAKERS = {"fifo": _fifo, "symlink": _symlink, "directory": _directory, "device": _device}


def snapshot(path: Path) -> tuple:
    """What must not change: the kind of file, its target or content, its inode."""
    info = os.lstat(path)
    kind = stat.S_IFMT(info.st_mode)
    extra: object = None
    if stat.S_ISLNK(info.st_mode):
        extra = (os.readlink(path), (path.parent / os.readlink(path)).read_text())
    elif stat.S_ISDIR(info.st_mode):
        extra = sorted((p.name, p.read_text()) for p in path.iterdir())
    elif stat.S_ISCHR(info.st_mode):
        extra = info.st_rdev
    return kind, info.st_ino, extra


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("writer", [write_text_atomic, atomic_write_text])
def test_writers_refuse_special_files_and_leave_them(tmp_path, kind, writer):
    path = MAKERS[kind](tmp_path / "out.json")
    before = snapshot(path)
    with pytest.raises(OutputPathError, match="refusing to write .*not a regular file"):
        writer(path, "replaced?\n")
    assert snapshot(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_bytes_writer_refuses_special_files(tmp_path, kind):
    path = MAKERS[kind](tmp_path / "fig.png")
    before = snapshot(path)
    with pytest.raises(OutputPathError):
        write_bytes_atomic(path, b"\x89PNG")
    assert snapshot(path) == before


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_and_replaced_files_get_umask_permissions(tmp_path, mask, mode):
    path = tmp_path / "table.md"
    with umask(mask):
        write_text_atomic(path, "first\n")
        assert stat.S_IMODE(os.stat(path).st_mode) == mode
        os.chmod(path, 0o600)
        write_text_atomic(path, "second\n")  # a replacement is a new file: umask again
    assert stat.S_IMODE(os.stat(path).st_mode) == mode and path.read_text() == "second\n"


def test_regular_files_are_replaced_atomically(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old\n")
    write_text_atomic(path, "new\n")
    assert path.read_text() == "new\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_in_place_of_the_directory_is_a_usage_error(tmp_path):
    (tmp_path / "out").write_text("not a directory\n")
    with pytest.raises(OutputPathError, match="Not a directory|a file of that name exists"):
        write_text_atomic(tmp_path / "out" / "gd.md", "x")
    assert check_output_path(tmp_path / "missing.md") == tmp_path / "missing.md"


# -- the command line: one-line message, exit 2, nothing touched ----------------------------------
def one_line_error(capsys, needle: str) -> None:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0], err


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_save_certificate_refuses_special_files(tmp_path, capsys, kind):
    path = MAKERS[kind](tmp_path / "gd1.json")
    before = snapshot(path)
    assert main(["run", "gd", "--N", "1", "--save-certificate", str(path)]) == 2
    one_line_error(capsys, "not a regular file")
    assert snapshot(path) == before


def test_save_certificate_writes_with_umask_permissions(tmp_path, capsys):
    path = tmp_path / "gd1.json"
    with umask(0o022):
        assert main(["run", "gd", "--N", "1", "--save-certificate", str(path)]) == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644  # was 0600 whatever the umask


@pytest.mark.parametrize("kind", ["fifo", "symlink", "directory"])
@pytest.mark.parametrize("fmt", ["md", "csv", "png"])
def test_table_outputs_refuse_special_files(tmp_path, capsys, kind, fmt):
    out = tmp_path / "out"
    out.mkdir()
    path = MAKERS[kind](out / f"gd.{fmt}")
    before = snapshot(path)
    args = ["table", "gd", "--N", "1", "--out", str(out), "--format", f"json,{fmt}"]
    assert main([*args, "--no-cache", "--quiet"]) == 2
    one_line_error(capsys, "not a regular file")
    assert snapshot(path) == before
    assert not (out / "gd.json").exists()  # refused before the sweep, not halfway through


def test_table_out_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("a file\n")
    assert main(["table", "gd", "--N", "1", "--out", str(out), "--no-cache", "--quiet"]) == 2
    one_line_error(capsys, "")
    assert out.read_text() == "a file\n"


def test_prove_refuses_a_fifo_before_searching(tmp_path, capsys):
    path = _fifo(tmp_path / "gd.py")
    before = snapshot(path)
    assert main(["prove", "gd", "--out", str(tmp_path)]) == 2
    one_line_error(capsys, "FIFO")
    assert snapshot(path) == before
