"""The library of named methods: ``pep.algorithms.get(name)``.

Each method is a short module: its loop over the public API (``run``), the standard PEP it is
studied on (``setting``) and its known rate with the reference (``rate``). Imports:
:mod:`pep.model`, the classes and :mod:`pep.errors`; methods load on first use.

>>> from pep import algorithms
>>> algorithms.get("ogm").rate(1).tight
True
>>> algorithms.get("ogn")
Traceback (most recent call last):
...
pep.errors.InvalidArgument: unknown algorithm 'ogn'; did you mean 'ogm'? Known: ...
"""

from __future__ import annotations

import difflib
import importlib
from types import MappingProxyType

from pep.algorithms.base import Algorithm, Rate, theta_sequence
from pep.algorithms.hduality import FixedStep, fixed_step
from pep.algorithms.step_matrix import StepMatrix, h_dual
from pep.errors import InvalidArgument

__all__ = [
    "get",
    "names",
    "Algorithm",
    "Rate",
    "theta_sequence",
    "fixed_step",
    "FixedStep",
    "StepMatrix",
    "h_dual",
]

# name -> module defining ALGORITHM (imported on first use). Read-only.
_MODULES = MappingProxyType(
    {
        "gd": "pep.algorithms.gd",
        "fgm": "pep.algorithms.fgm",
        "fista": "pep.algorithms.fista",
        "fista_g": "pep.algorithms.fista_g",
        "ogm": "pep.algorithms.ogm",
        "ogm_g": "pep.algorithms.ogm_g",
        "ppm": "pep.algorithms.ppm",
        "ppm_monotone": "pep.algorithms.ppm_monotone",
        "appm": "pep.algorithms.appm",
        "halpern": "pep.algorithms.halpern",
        "extragradient": "pep.algorithms.extragradient",
        "feg": "pep.algorithms.feg",
        "eag_c": "pep.algorithms.eag_c",
        "eag_v": "pep.algorithms.eag_v",
        "sc_fgm": "pep.algorithms.sc_fgm",
        "sc_ogm": "pep.algorithms.sc_ogm",
        "tmm": "pep.algorithms.tmm",
        "item": "pep.algorithms.item",
    }
)


def names() -> list[str]:
    """Names of every registered algorithm."""
    return sorted(_MODULES)


def get(name: str) -> Algorithm:
    """The algorithm registered as ``name`` (e.g. ``"gd"``, ``"ogm"``)."""
    if name not in _MODULES:
        close = difflib.get_close_matches(str(name), list(_MODULES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InvalidArgument(f"unknown algorithm {name!r}{hint} Known: {', '.join(names())}")
    return importlib.import_module(_MODULES[name]).ALGORITHM  # type: ignore[no-any-return]
