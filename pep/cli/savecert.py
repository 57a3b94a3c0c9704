"""``pep certify FILE.py[:NAME] --save-certificate DIR``: one exact certificate per verified N.

For every N whose verdict is *verified*, the exact certificate that proves
``worst case <= claim`` is written as the versioned JSON document of
docs/certificate-format.md to ``DIR/STEM-N<N>.json`` (``STEM`` is the file's name without
``.py``; with ``FILE.py:NAME`` for a function other than ``setting``, ``STEM-NAME-N<N>.json``).
Each file is what ``pep verify FILE --expect FILE.py[:NAME] --N <N>`` re-checks.

Before anything is solved: ``DIR`` is created if missing and refused when it exists and is not
a directory; a file of those names that already exists is refused unless ``force``
(``--force``), and a FIFO, device, symbolic link or directory in its place is refused even
then (:mod:`pep.files`). A document the independent checker
(:mod:`pep.certificates.verify`) refuses is never written.

>>> certificate_paths("dir", "my_method.py", "setting", [1, 2])[2].as_posix()
'dir/my_method-N2.json'
>>> certificate_paths("dir", "m.py:fast", "fast", [3])[3].as_posix()
'dir/m-fast-N3.json'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pep.errors import InvalidArgument
from pep.files import check_output_path, ensure_directory, write_text_atomic

__all__ = ["OutputExists", "certificate_paths", "prepare", "save"]

DEFAULT_NAME = "setting"


class OutputExists(InvalidArgument):
    """A certificate file to be written exists already (and ``--force`` was not given)."""


def certificate_paths(
    directory: str | Path, target: str, name: str, Ns: Iterable[int]
) -> dict[int, Path]:
    """The file for each N (module docstring): ``target`` is ``FILE.py[:NAME]``, ``name`` the
    function's name."""
    path_text = target
    head, sep, tail = target.rpartition(":")
    if sep and tail.isidentifier():
        path_text = head
    stem = Path(path_text).name.removesuffix(".py") or "certificate"
    middle = "" if name == DEFAULT_NAME else f"-{name}"
    return {N: Path(directory) / f"{stem}{middle}-N{N}.json" for N in Ns}


def prepare(
    directory: str | Path, target: str, name: str, Ns: Iterable[int], *, force: bool = False
) -> dict[int, Path]:
    """Check (and create) ``directory`` and every file before solving; the paths by N.

    Raises :class:`pep.files.OutputPathError` for a directory that is not one or a file
    that is not a regular file, :class:`OutputExists` for an existing file without
    ``force`` (both usage errors: ``pep`` exits 2)."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise InvalidArgument(
            f"--save-certificate {str(folder)!r} exists and is not a directory; pass a "
            "directory (created if missing), one JSON file per N is written there"
        )
    ensure_directory(folder)
    paths = certificate_paths(folder, target, name, Ns)
    existing = [p for p in paths.values() if p.exists() or p.is_symlink()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise OutputExists(
            f"refusing to overwrite {len(existing)} existing certificate file(s): {shown}; "
            "pass --force to replace them, or choose another directory"
        )
    for p in paths.values():
        check_output_path(p)  # even with --force: never write through a FIFO or a symlink
    return paths


def save(certificate: Any, path: Path) -> str | None:
    """Write ``certificate`` (an ExactCertificate) to ``path`` atomically; the checker's
    first reason when it refuses the document (then nothing is written), else None."""
    from pep.certificates import verify

    document = certificate.to_dict()
    refused = verify.check(document)  # never write what the independent checker refuses
    if refused:
        return str(refused[0])
    write_text_atomic(path, json.dumps(document, indent=1) + "\n")
    return None
