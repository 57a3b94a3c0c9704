"""Every file in docs/examples/ runs and reproduces its reference value (PEPit's or a closed form).

Each example file re-expresses a PEPit example with pep's documented API only and states its
reference value (``REFERENCE``, with ``SOURCE``): the value PEPit prints in the example's
docstring (MOSEK), a closed form, or a PEPit 0.5.1 run where the example has no printed value
for the parameters. The test loads the file, builds the problem with ``build()`` and solves it
with ``problem.solve()`` defaults. Tolerance: 1e-4 relative unless the file sets ``RTOL``
(with the reason in its docstring).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

GALLERY = Path(__file__).resolve().parents[1] / "docs" / "examples"
FILES = sorted(p for p in GALLERY.glob("*.py"))
# larger SDPs (59x59 Gram matrix and more): run with `pytest -m slow`
SLOW = {"accelerated_inexact_forward_backward.py"}


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"gallery_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _params() -> list:
    return [
        pytest.param(p, id=p.stem, marks=[pytest.mark.slow] if p.name in SLOW else [])
        for p in FILES
    ]


def test_the_gallery_has_its_files() -> None:
    assert len(FILES) >= 15, [p.name for p in FILES]


@pytest.mark.parametrize("path", _params())
def test_example_reproduces_its_reference(path: Path) -> None:
    module = _load(path)
    assert isinstance(module.SOURCE, str) and module.SOURCE
    rtol = getattr(module, "RTOL", 1e-4)
    value = module.build().solve().value
    assert value == pytest.approx(module.REFERENCE, rel=rtol), (path.name, value)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_example_uses_documented_api_only(path: Path) -> None:
    """No private names (``obj._name``) and no imports beyond pep and the standard library."""
    tree = ast.parse(path.read_text())
    private = [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_")
    ]
    assert private == [], private
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= {"pep", "fractions", "math"}, imported
    assert ast.get_docstring(tree), f"{path.name} needs a docstring (problem, reference)"
