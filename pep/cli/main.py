"""The ``pep`` command: list, run, table, certify, verify, check, hdual and prove.

Exit codes: 0 success; 1 a claim is refuted, a certificate or proof fails to check;
2 usage errors (bad arguments, malformed claim, missing file, unknown name) and problems
too large for the machine (refused with an estimate before any solve, see
:mod:`pep.sdp.size`; the limits are PEP_MAX_MEMORY and PEP_MAX_SECONDS); 3 a solve failed
so nothing could be concluded.

>>> parse_N("1:4"), parse_N("2,5"), parse_N("1:7:3")
([1, 2, 3, 4], [2, 5], [1, 4, 7])
>>> main(["run", "ogn", "--N", "2"])  # the message goes to stderr
2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pep.cli.progress import stage_lines, sweep_progress
from pep.cli.sweep import parse_N
from pep.errors import PepError

__all__ = ["main", "build_parser", "parse_N", "parse_params"]

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


# -- certify ---------------------------------------------------------------------------------
def cmd_certify(args: argparse.Namespace) -> int:
    from pep.cli import report
    from pep.cli.certify import (
        check_point,
        evaluate_claim,
        load_setting,
        resolve_parameters,
        setting_parameters,
        tolerance,
    )
    from pep.cli.claims import parse_claim

    tolerance(args.tol)  # nan, inf or < 0: a usage error before anything runs
    fn, fname = load_setting(args.file)
    given = {k: v[0] for k, v in parse_params(args.param).items()}
    params = resolve_parameters(fn, given)
    claim = parse_claim(args.claim, {"N", *setting_parameters(fn)})
    Ns = parse_N(args.N)
    evaluate_claim(claim, Ns, params)  # not a finite real number at some N: exit 2 up front
    if args.force and not args.save_certificate:
        raise UsageError("--force only applies to --save-certificate DIR")
    paths: dict[int, Path] = {}
    if args.save_certificate:  # before solving: refuse a file, an existing file, a FIFO
        from pep.cli import savecert

        paths = savecert.prepare(args.save_certificate, args.file, fname, Ns, force=args.force)
    verdicts, refused, saved = [], 0, {}
    for N in Ns:
        with stage_lines(sys.stderr, enabled=not args.quiet):
            v = check_point(
                fn,
                N,
                params,
                claim,
                solver=args.solver.upper(),
                tol=args.tol,
                exact=not args.no_exact,
                rtol=args.rtol,
            )
        verdicts.append(v)
        if not args.json:
            report.print_verdict(v)
        if paths and v.certificate is not None:
            reason = savecert.save(v.certificate, paths[N])
            if reason is None:
                saved[N] = str(paths[N])
                _info(args, f"wrote {paths[N]}")
            else:
                refused += 1
                print(f"pep certify: N={N}: certificate refused: {reason}", file=sys.stderr)
    if args.json:
        rows = [
            v.as_dict() | ({"certificate_file": saved[v.N]} if v.N in saved else {})
            for v in verdicts
        ]
        print(json.dumps(rows, indent=1))
    counts = {
        k: sum(v.verdict == k for v in verdicts)
        for k in ("verified", "holds numerically", "refuted", "failed")
    }
    if not args.json:
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        print(f"{fname}: claim {claim.text!r} over N = {args.N}: {summary}")
    if paths and not args.json:
        print(f"{len(saved)} certificate(s) saved in {args.save_certificate} (verified N only)")
    if counts["refuted"] or refused:
        return EXIT_FAIL
    return EXIT_SOLVER if counts["failed"] else EXIT_OK


# -- verify / check ---------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    from pep.certificates import verify

    path = Path(args.certificate)
    if not path.is_file():
        what = "does not exist" if not path.exists() else "is not a regular file"
        raise UsageError(f"certificate file {str(path)!r} {what}")
    if args.expect is None and (args.N is not None or args.param):
        raise UsageError("--N and --param describe the expected statement; add --expect NAME")
    expect, described = _expected_statement(args) if args.expect else (None, "")
    try:
        ok, message = verify.check_file(str(path), expect)
    except verify.LimitExceeded as exc:
        raise UsageError(f"certificate exceeds a resource limit: {exc}") from None
    except verify.MalformedCertificate as exc:
        raise UsageError(f"malformed certificate: {exc}") from None
    print(("VALID: " if ok else "INVALID: ") + message)
    if ok and expect is not None:
        print(f"This is exactly the statement of {described} (names of points aside).")
    return EXIT_OK if ok else EXIT_FAIL


def _expected_statement(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """The statement ``--expect ALGORITHM|FILE.py[:NAME] --N n [--param k=v]`` rebuilds."""
    from pep.certificates.jsonformat import statement_document
    from pep.model.problem import Problem

    if args.N is None or len(parse_N(args.N)) != 1:
        raise UsageError("--expect needs --N n, one number of iterations (e.g. --N 3)")
    N = parse_N(args.N)[0]
    given = {k: v[0] for k, v in parse_params(args.param).items()}
    target = args.expect
    if target.endswith(".py") or ".py:" in target or "/" in target:  # the user's file
        from pep.cli.certify import load_setting, resolve_parameters

        fn, name = load_setting(target)
        params = resolve_parameters(fn, given)
        try:
            problem = fn(N, **params)
        except PepError:
            raise
        except Exception as exc:  # the user's code: its message, as a usage error
            raise UsageError(f"{name}(N={N}) raised {type(exc).__name__}: {exc}") from None
        if not isinstance(problem, Problem):
            raise UsageError(f"{name}(N={N}) returned {type(problem).__name__}, not a pep.Problem")
    else:
        from pep import algorithms
        from pep.cli.sweep import PointSpec

        spec = PointSpec.make(target, N, given)
        problem = algorithms.get(target).setting(N, **spec.values())
        params = dict(spec.params)
    shown = ", ".join(f"{k}={v}" for k, v in params.items())
    return statement_document(problem), f"{target} at N={N}" + (f" ({shown})" if shown else "")


def cmd_check(args: argparse.Namespace) -> int:
    import importlib

    try:
        symbolic = importlib.import_module("pep.symbolic")
    except ImportError:
        raise UsageError("pep check needs pep.symbolic, which is not part of this build") from None
    # a missing path raises a usage error; each file is checked in a process of its own
    results = symbolic.check_paths(args.paths, crosscheck=not args.no_crosscheck)
    if args.latex:
        text = symbolic.render_latex(results)
    else:
        text = symbolic.render_text(results, verbose=args.verbose)
    print(text, end="" if text.endswith("\n") else "\n")
    return int(symbolic.exit_code(results))


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


def cmd_prove(args: argparse.Namespace) -> int:
    from pep.discover.prove import prove

    with stage_lines(sys.stderr, enabled=not args.quiet):
        report = prove(args.spec, write=not args.no_write, out_dir=args.out, K=args.K)
    print(report)
    return int(report.exit_code)


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pep", description="Performance estimation of first-order methods."
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="algorithms, function and operator classes")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("run", help="worst case of one algorithm at one N")
    p.add_argument("algorithm", metavar="ALGORITHM", help="a built-in name or FILE.py[:NAME]")
    _common(p, default_N="10")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--certify", action="store_true", help="try an exact rational certificate")
    p.add_argument("--save-certificate", metavar="CERT.json", help="write it (for pep verify)")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="show every solver attempt and its estimate"
    )
    p.set_defaults(func=cmd_run)

    _table_parser(sub)
    _certify_parser(sub)

    p = sub.add_parser("verify", help="independently check a certificate JSON file")
    p.add_argument("certificate", metavar="CERT.json")
    p.add_argument(
        "--expect",
        metavar="ALGORITHM|FILE.py[:NAME]",
        help="accept only a proof of exactly this statement (with --N and --param)",
    )
    p.add_argument("--N", help="iterations of the expected statement (one number)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="its parameters")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("check", help="check symbolic proofs (default: proofs/)")
    p.add_argument("paths", nargs="*", default=["proofs"])
    p.add_argument("--latex", action="store_true", help="print the derivations as LaTeX")
    p.add_argument(
        "--no-crosscheck",
        action="store_true",
        help="skip the numeric comparison with the PEP at small N (on by default; the "
        "output then says it was skipped)",
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="show tracebacks of proof files that fail"
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("hdual", help="PEP values of a fixed-step method and its H-dual")
    p.add_argument("algorithm")
    _common(p, default_N="1:5")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_hdual)

    p = sub.add_parser("prove", help="numbers -> closed forms -> a verified proof file")
    p.add_argument(
        "spec", help="a built-in spec (gd, halpern, feg, appm, km, ogm, ...) or mod:NAME"
    )
    p.add_argument("--out", default="proofs/auto", help="directory of the written proof")
    p.add_argument("--no-write", action="store_true", help="check only, write no file")
    p.add_argument("--K", type=int, default=None, help="horizon of the numeric search")
    p.set_defaults(func=cmd_prove)
    for command in sub.choices.values():
        command.add_argument("--quiet", action="store_true", help="no progress or status lines")
        command.add_argument(
            "--traceback", action="store_true", help="on an error, show the whole traceback"
        )
    return parser


def _table_parser(sub: Any) -> None:
    p = sub.add_parser("table", help="sweep algorithms over N and parameter grids")
    p.add_argument(
        "algorithms", nargs="+", metavar="ALGORITHM", help="built-in names or FILE.py[:NAME]"
    )
    _common(p, default_N="1:10", grid=True)
    p.add_argument("--out", help="directory for the output files (default: Markdown on stdout)")
    p.add_argument("--format", default="md", help="comma list of md,csv,tex,json,png,pdf,svg")
    p.add_argument("--workers", type=int, default=1, help="parallel processes (default 1)")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786")
    p.add_argument("--cache", help="cache directory (default $PEP_CACHE_DIR or ~/.cache/pep)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--certify", action="store_true", help="try exact certificates per point")
    p.set_defaults(func=cmd_table)


def _certify_parser(sub: Any) -> None:
    p = sub.add_parser("certify", help="check a claimed rate for a method in FILE.py")
    p.add_argument("file", metavar="FILE.py[:NAME]", help="defines NAME(N, **params) -> Problem")
    _common(p, default_N="1:10")
    p.add_argument("--claim", required=True, help='rate in N and parameters, e.g. "1/(4*N+2)"')
    p.add_argument(
        "--tol",
        default="1e-6",
        help="relative tolerance: holds if value <= claim + tol*max(|claim|, 1e-12) (1e-6)",
    )
    p.add_argument("--no-exact", action="store_true", help="skip exact certificates")
    p.add_argument(
        "--save-certificate",
        metavar="DIR",
        help="write each verified N's exact certificate to DIR/STEM-N<N>.json (STEM: FILE "
        "without .py; STEM-NAME-N<N>.json for FILE.py:NAME), for pep verify; DIR is created",
    )
    p.add_argument(
        "--force", action="store_true", help="overwrite existing files with --save-certificate"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_certify)


def _common(p: argparse.ArgumentParser, default_N: str, grid: bool = False) -> None:
    p.add_argument(
        "--N", default=default_N, help=f"iterations: 10, 1:40, 1,2,5 (default {default_N})"
    )
    what = "NAME=V1,V2,... (a grid)" if grid else "NAME=VALUE"
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help=f"parameter {what}")
    p.add_argument(
        "--solver",
        default="auto",
        help="auto (default: picks and retries paths), or one solver alone: CLARABEL, "
        "CLARABEL_DIRECT, CLARABEL_DUAL, SCS, SCS_DIRECT, SCS_DUAL, MOSEK",
    )
    p.add_argument(
        "--rtol",
        type=float,
        default=1e-6,
        help="largest relative error estimate of a value reported as a bound (default 1e-6)",
    )


def _version() -> str:
    from pep import __version__

    return f"pep {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pep`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from pep.errors import InvalidArgument, ProblemTooLarge, SolverError, SolverNotInstalled

    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
        return code
    except BrokenPipeError:
        # the reader closed the pipe (pep list | head -1): stop writing, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (UsageError, InvalidArgument, SolverNotInstalled, ProblemTooLarge) as exc:
        _traceback(args, exc)
        print(f"pep {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SolverError as exc:
        _traceback(args, exc)
        print(f"pep {args.command}: solver failed: {exc}", file=sys.stderr)
        return EXIT_SOLVER
    except PepError as exc:
        _traceback(args, exc)
        print(f"pep {args.command}: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _traceback(args: argparse.Namespace, exc: BaseException) -> None:
    """With --traceback, the whole traceback (of the user's own error, when pep wrapped one)."""
    if getattr(args, "traceback", False):
        import traceback

        cause = exc.__cause__ or exc
        traceback.print_exception(type(cause), cause, cause.__traceback__, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
