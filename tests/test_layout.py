"""The package layout (ARCHITECTURE.md): stages, one-way dependencies, the public names.

The import graph is read from the source with :mod:`ast` (every ``import`` statement, also the
ones inside functions; ``if TYPE_CHECKING:`` blocks are left out since they never run), so a
lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pep

PEP = Path(pep.__file__).resolve().parent

# The stages, lowest first: a package may import from its own rank or lower ones.
RANK = {
    "errors": 0,
    "model": 1,
    "functions": 2,
    "operators": 2,
    "algorithms": 3,
    "sdp": 4,
    "certificates": 5,
    "symbolic": 6,
    "discover": 7,
    "cli": 8,
}
# The documented upward steps, as (importing module, function containing the import, target
# package): a Problem compiles and solves itself; a Result builds its own certificate.
ALLOWED_UPWARD = {
    ("pep.model.problem", "compile", "sdp"),
    ("pep.model.problem", "solve", "sdp"),
    ("pep.sdp.result", "certificate", "certificates"),
    ("pep.sdp.result", "certify", "certificates"),
}

# The names `import pep` exposed before the layout move (issue 19): none may disappear.
NAMES_BEFORE_MOVE = [
    "algorithms", "Problem", "Point", "Scalar", "Constraint", "sqnorm", "inner", "Result",
    "Certificate", "ExactCertificate", "WorstCase", "Status", "PepError", "InvalidArgument",
    "UnboundedProblem", "InfeasibleProblem", "SolverError", "CertificateError", "SmoothConvex",
    "SmoothStronglyConvex", "Smooth", "Convex", "StronglyConvex", "ConvexLipschitz",
    "ConvexIndicator", "Monotone", "StronglyMonotone", "Cocoercive", "Lipschitz", "Nonexpansive",
    "LipschitzMonotone", "SmoothConvexConcave", "proximal_step", "projection", "resolvent",
    "inexact_gradient",
]  # fmt: skip


def _module_name(path: Path) -> str:
    rel = path.relative_to(PEP.parent).with_suffix("")
    return ".".join(rel.parts).removesuffix(".__init__")


def _package(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "pep"


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(sub) for sub in ast.walk(node))
    return skip


def _imports(path: Path) -> list[tuple[str, str | None, str]]:
    """(target package, enclosing function or None, target module) for each pep import."""
    tree = ast.parse(path.read_text())
    skip = _type_checking_nodes(tree)
    owner: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # ast.walk is breadth-first: an inner function is seen after its outer one and wins
            for sub in ast.walk(node):
                owner[id(sub)] = node.name
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "pep":
                targets = [f"pep.{a.name}" for a in node.names]
            elif node.module.startswith("pep."):
                targets = [node.module]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name.startswith("pep.")]
        out += [(_package(t), owner.get(id(node)), t) for t in targets]
    return out


def _library_files() -> list[Path]:
    return [p for p in sorted(PEP.rglob("*.py")) if p != PEP / "__init__.py"]


def test_every_old_public_name_is_still_exposed():
    missing = [n for n in NAMES_BEFORE_MOVE if not hasattr(pep, n)]
    assert missing == []
    assert set(NAMES_BEFORE_MOVE) <= set(pep.__all__)


def test_top_level_holds_only_the_stage_packages_and_few_modules():
    modules = sorted(p.name for p in PEP.glob("*.py"))
    packages = sorted(p.name for p in PEP.iterdir() if (p / "__init__.py").exists())
    assert len(modules) <= 8, modules
    assert set(RANK) - {"errors"} <= set(packages)
    assert set(packages) <= set(RANK), f"a package outside the stage map: {packages}"


def test_every_package_says_what_lives_there():
    for init in sorted(PEP.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc) > 80, f"{init.parent.name}/__init__.py needs its paragraph"


def test_dependencies_flow_one_way():
    upward = []
    for path in _library_files():
        mod = _module_name(path)
        src = _package(mod)
        for target, func, dotted in _imports(path):
            if target == "pep" or src not in RANK or target not in RANK or target == src:
                # `from pep import __version__` is the only top-level import left in the library
                assert target != "pep" or dotted == "pep.__version__", (mod, dotted)
                continue
            if RANK[target] > RANK[src] and (mod, func, target) not in ALLOWED_UPWARD:
                upward.append(f"{mod} ({func or 'module level'}) imports {dotted}")
    assert upward == []


def test_no_import_loop_between_packages_outside_the_documented_steps():
    graph: dict[str, set[str]] = {}
    for path in _library_files():
        mod = _module_name(path)
        for target, func, _ in _imports(path):
            src = _package(mod)
            if target != src and target in RANK and (mod, func, target) not in ALLOWED_UPWARD:
                graph.setdefault(src, set()).add(target)

    def reaches(a: str, b: str, seen: set[str]) -> bool:
        return any(
            n == b or (n not in seen and reaches(n, b, seen | {n})) for n in graph.get(a, ())
        )

    loops = sorted(p for p in graph if reaches(p, p, set()))
    assert loops == []


def test_the_checker_imports_nothing_from_pep():
    from pep.certificates import verify

    assert [t for t in _imports(Path(verify.__file__))] == []
