"""A user's own method, ``FILE.py[:NAME]``, wherever the command takes an algorithm name.

The file defines ``NAME(N, **params)`` (default ``setting``) returning a :class:`pep.Problem`;
every parameter after ``N`` needs a default (``--param`` overrides it). It becomes an
:class:`pep.algorithms.Algorithm` without a registered rate, so ``pep run``, ``pep table`` and
the cache treat it like a built-in method. The cache key of a point includes a hash of the
file's text: an edited file is solved again, never served an old result.

>>> is_user_file("gd"), is_user_file("my_method.py"), is_user_file("dir/m.py:fast")
(False, True, True)
>>> table_stem("dir/my_method.py:fast"), table_stem("my_method.py")
('my_method-fast', 'my_method')
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from typing import Any

from pep.algorithms.base import Algorithm, Rate
from pep.errors import NoKnownRate

__all__ = ["is_user_file", "resolve_algorithm", "source_digest", "table_stem"]


def _split(target: str) -> tuple[str, str]:
    head, sep, tail = target.rpartition(":")
    if sep and tail.isidentifier() and head.endswith(".py"):
        return head, tail
    return target, "setting"


def is_user_file(name: str) -> bool:
    """True for ``FILE.py`` or ``FILE.py:NAME`` (a path), False for a built-in name."""
    return _split(name)[0].endswith(".py")


def table_stem(name: str) -> str:
    """The file name stem used for a user method's table files (``m-NAME`` or ``m``)."""
    path, fn = _split(name)
    stem = Path(path).stem
    return stem if fn == "setting" else f"{stem}-{fn}"


def source_digest(name: str) -> str | None:
    """SHA-256 of a user file's text (None for a built-in algorithm)."""
    if not is_user_file(name):
        return None
    path = Path(_split(name)[0])
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def resolve_algorithm(name: str) -> Algorithm:
    """The built-in algorithm ``name``, or the user's ``FILE.py[:NAME]`` as an Algorithm."""
    from pep import algorithms

    if not is_user_file(name):
        return algorithms.get(name)
    from pep.cli.certify import UserFileError, load_setting, setting_parameters

    fn, fname = load_setting(name)
    params = setting_parameters(fn)
    missing = [k for k, v in params.items() if v is inspect.Parameter.empty]
    if missing:
        raise UserFileError(
            f"{fname} in {_split(name)[0]!r}: parameter(s) {missing} need a default to be "
            f"used by pep run and pep table, e.g. def {fname}(N, {missing[0]}=1)"
        )

    def rate(N: int, **_: Any) -> Rate:
        raise NoKnownRate(f"{name}: a user's method has no registered rate")

    def run(*_: Any, **__: Any) -> Any:
        raise NoKnownRate(f"{name}: a user's file gives a whole setting, not a run function")

    return Algorithm(
        name=name,
        title=f"{fname} in {Path(_split(name)[0]).name}",
        reference="the user's file",
        defaults=params,
        run=run,
        setting=fn,
        rate=rate,
    )
