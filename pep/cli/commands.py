"""The ``pep`` subcommands that solve and tabulate: ``list``, ``run``, ``table`` and ``hdual``
(the exact ones, ``certify``, ``verify``, ``check`` and ``prove``, are in
:mod:`pep.cli.proof_commands`; the parser in :mod:`pep.cli.parser`).

Each ``cmd_NAME(args)`` takes the parsed arguments and returns the exit code: 0 success,
1 a check failed, 2 a usage error (:class:`UsageError`), 3 a solve failed.

>>> parse_params(["L=1", "h=1/2,1"], grid=True)
{'L': ['1'], 'h': ['1/2', '1']}
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pep.cli.progress import stage_lines, sweep_progress
from pep.cli.sweep import parse_N
from pep.errors import PepError

__all__ = [
    "EXIT_OK",
    "EXIT_FAIL",
    "EXIT_USAGE",
    "EXIT_SOLVER",
    "UsageError",
    "parse_params",
    "cmd_list",
    "cmd_run",
    "cmd_table",
    "cmd_hdual",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_SOLVER = 0, 1, 2, 3


class UsageError(PepError):
    """Bad command-line input (exit code 2)."""


def parse_params(items: Sequence[str] | None, grid: bool = False) -> dict[str, list[str]]:
    """``["L=1", "h=0.5,1"]`` -> {"L": ["1"], "h": ["0.5", "1"]} (lists only with ``grid``)."""
    out: dict[str, list[str]] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or not value.strip():
            raise UsageError(f"--param {item!r} must read NAME=VALUE, e.g. --param L=1")
        if name in out:
            raise UsageError(
                f"--param {name} is given twice ({','.join(out[name])} and {value.strip()}); "
                "give each parameter once (a grid is --param NAME=V1,V2)"
            )
        values = [v.strip() for v in value.split(",")] if grid else [value.strip()]
        from pep.cli.claims import as_exact

        for v in values:
            as_exact(v, name)  # validate now: a number, exactly (0.5, 1/2, 3)
        out[name] = values
    return out


# -- list ------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    from pep.cli.catalog import algorithm_catalog, class_catalog

    algs, classes = algorithm_catalog(), class_catalog()
    if args.json:
        print(json.dumps({"algorithms": algs, "classes": classes}, indent=1))
        return EXIT_OK
    print("Algorithms (pep run NAME, pep table NAME...):")
    for a in algs:
        defaults = ", ".join(f"{k}={v}" for k, v in a["defaults"].items())
        print(f"  {a['name']:<14} {a['title']}")
        print(f"  {'':<14} class: {a['problem_class']}; defaults: {defaults}")
        print(f"  {'':<14} ref: {a['reference']}")
    for kind in ("function", "operator"):
        print(f"\n{kind.capitalize()} classes:")
        for c in classes:
            if c["kind"] == kind:
                note = "" if c["exact"] else "  [pairwise conditions only necessary: upper bounds]"
                print(f"  {c['name']}({', '.join(c['parameters'])}){note}")
                if c["reference"]:
                    print(f"      {textwrap.shorten(c['reference'], 150)}")
    return EXIT_OK


# -- run -------------------------------------------------------------------------------------
def cmd_run(args: argparse.Namespace) -> int:
    from pep.cli import report
    from pep.cli.sweep import PointSpec, compute_point

    given = {k: v[0] for k, v in parse_params(args.param).items()}
    Ns = parse_N(args.N)
    if len(Ns) != 1:
        raise UsageError(
            f"pep run solves one N, and --N {args.N} gives {len(Ns)}; "
            f"use pep table {args.algorithm} --N {args.N} for a range"
        )
    N = Ns[0]
    save = args.save_certificate
    if save:  # refuse a FIFO, device, symlink or directory before solving, and leave it be
        from pep.files import check_output_path

        check_output_path(save)
    spec = PointSpec.make(
        args.algorithm, N, given, args.solver, certify=args.certify or bool(save), rtol=args.rtol
    )
    _validate(spec)
    with stage_lines(sys.stderr, enabled=not args.quiet):
        rec = compute_point(spec, keep_certificate=bool(save))
    document = rec.pop("certificate", None)
    if save and document is not None:
        from pep.certificates import verify
        from pep.cli.sweep import atomic_write_text

        refused = verify.check(document)  # never write what the independent checker refuses
        if refused:
            print(f"pep run: certificate refused by the checker: {refused[0]}", file=sys.stderr)
            return EXIT_FAIL
        atomic_write_text(save, json.dumps(document, indent=1) + "\n")
        _info(args, f"wrote {save}")
    if args.json:
        print(json.dumps(rec, indent=1))
    else:
        report.print_run(rec, verbose=args.verbose)
    if rec["status"] == "error":
        print(f"pep run: solve failed: {rec['error']}", file=sys.stderr)
        return EXIT_SOLVER
    if save and document is None:
        print("pep run: no exact certificate, nothing saved", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _validate(spec: Any) -> None:
    """Build the setting once before solving: a bad parameter (L=-1, h=0) is a usage error
    (exit 2) before anything is printed or solved, not a failed solve (exit 3)."""
    from pep.cli.userfile import resolve_algorithm

    resolve_algorithm(spec.algorithm).setting(spec.N, **spec.values())


def _info(args: argparse.Namespace, message: str) -> None:
    """A progress or status line on stderr, unless --quiet."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


# -- table -----------------------------------------------------------------------------------
def _table_specs(args: argparse.Namespace) -> list[Any]:
    import itertools

    from pep.cli.sweep import PointSpec
    from pep.cli.userfile import resolve_algorithm

    grid = parse_params(args.param, grid=True)
    Ns = parse_N(args.N)
    specs = []
    used: set[str] = set()
    for name in args.algorithms:
        defaults = resolve_algorithm(name).defaults
        mine = {k: v for k, v in grid.items() if k in defaults}
        used |= set(mine)
        for combo in itertools.product(*mine.values()):
            params = dict(zip(mine, combo))
            specs += [
                PointSpec.make(name, N, params, args.solver, args.certify, args.rtol) for N in Ns
            ]
    unused = sorted(set(grid) - used)
    if unused:
        raise UsageError(f"--param {unused[0]} is not a parameter of {', '.join(args.algorithms)}")
    return specs


def cmd_table(args: argparse.Namespace) -> int:
    from pep.cli import report
    from pep.cli.sweep import Cache, run_sweep

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in report.FORMATS]
    if bad:
        raise UsageError(f"--format {bad[0]!r} is unknown; choose from {','.join(report.FORMATS)}")
    figures = [f for f in formats if f in report.FIGURE_FORMATS]
    if figures and args.out is None:
        raise UsageError(f"--format {figures[0]} needs --out DIR")
    if args.scheduler is not None and args.workers != 1:
        raise UsageError(
            "--workers and --scheduler exclude each other; the cluster sets the workers"
        )
    specs = _table_specs(args)
    for spec in {(s.algorithm, s.params): s for s in specs}.values():
        _validate(spec)
    if args.out is not None:  # refuse special files among the outputs before the sweep
        from pep.cli.userfile import table_stem
        from pep.files import check_output_path

        for name in args.algorithms:
            for fmt in formats:
                check_output_path(Path(args.out) / f"{table_stem(name)}.{fmt}")
    cache = None if args.no_cache else Cache(args.cache)
    reused: list[bool] = []
    with contextlib.ExitStack() as stack:
        show = None
        if not args.quiet:
            show = stack.enter_context(sweep_progress(sys.stderr, len(specs)))
            stack.enter_context(stage_lines(sys.stderr))

        def progress(event: Any) -> None:
            reused.append(event.cached)
            if show is not None:
                show(event)

        records = run_sweep(
            specs, cache=cache, workers=args.workers, scheduler=args.scheduler, progress=progress
        )
    where = f" (cache {cache.root})" if cache is not None else ""
    _info(
        args,
        f"{len(records)} points: {sum(reused)} from cache, {len(reused) - sum(reused)} solved{where}",
    )
    from pep.cli.userfile import table_stem

    for name in dict.fromkeys(args.algorithms):
        recs = [r for r in records if r["algorithm"] == name]
        _write_outputs(table_stem(name), recs, formats, args.out, quiet=args.quiet)
    failed = [r for r in records if r.get("status") == "error"]
    return EXIT_SOLVER if failed else EXIT_OK


def _write_outputs(
    name: str, recs: list[Any], formats: list[str], out: str | None, *, quiet: bool = False
) -> None:
    from pep.cli import report
    from pep.cli.sweep import atomic_write_text
    from pep.files import ensure_directory

    rows = report.table_rows(recs)
    meta = report.table_meta(recs)
    title = f"{name}: worst case vs N"
    texts = {
        "md": lambda: report.to_markdown(rows, title, meta),
        "csv": lambda: report.to_csv(rows, meta),
        "tex": lambda: report.to_latex(rows, title, meta),
        "json": lambda: report.to_json(rows, meta),
    }
    if out is None:
        print(texts[next((f for f in formats if f in texts), "md")]())
        return
    ensure_directory(out)
    for fmt in formats:
        target = Path(out) / f"{name}.{fmt}"
        if fmt in report.FIGURE_FORMATS:
            report.plot_sweep(recs, target, title)  # atomic, refuses special files
        else:
            atomic_write_text(target, texts[fmt]())
        if not quiet:
            print(f"wrote {target}", file=sys.stderr)


# -- hdual ------------------------------------------------------------------------------------
def cmd_hdual(args: argparse.Namespace) -> int:
    from pep import algorithms
    from pep.algorithms.hduality import hdual_table
    from pep.cli import report
    from pep.cli.claims import as_exact

    alg = algorithms.get(args.algorithm)
    params = {k: as_exact(v[0], k) for k, v in parse_params(args.param).items()}
    rows = hdual_table(alg, parse_N(args.N), params, args.solver)  # InvalidArgument: exit 2
    if args.json:
        print(json.dumps({"algorithm": alg.name, "rows": rows}, indent=1))
    else:
        report.print_hdual(alg.name, rows)
    return EXIT_SOLVER if any("error" in r for r in rows) else EXIT_OK
