"""The ``pep`` subcommands that prove or check exactly: ``certify`` (a claimed rate, one N at a
time), ``verify`` (a certificate file, independently), ``check`` (symbolic proofs) and
``prove`` (numbers -> closed forms -> a proof file).

Each ``cmd_NAME(args)`` returns the exit code (see :mod:`pep.cli.commands`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pep.cli.commands import EXIT_FAIL, EXIT_OK, EXIT_SOLVER, UsageError, parse_params
from pep.cli.progress import stage_lines
from pep.cli.sweep import parse_N
from pep.errors import PepError

__all__ = ["cmd_certify", "cmd_verify", "cmd_check", "cmd_prove"]


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
    from pep.cli.savecert import Saver

    # before solving: refuse a non-directory, an existing file, a FIFO (exit 2)
    saver = Saver.open(args.save_certificate, args.file, fname, Ns, args.force, args.quiet)
    verdicts = []
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
        saver.save(v)
    if args.json:
        print(json.dumps([saver.row(v) for v in verdicts], indent=1))
    counts = {
        k: sum(v.verdict == k for v in verdicts)
        for k in ("verified", "holds numerically", "refuted", "failed")
    }
    if not args.json:
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        print(f"{fname}: claim {claim.text!r} over N = {args.N}: {summary}")
        saver.summary()
    if counts["refuted"] or saver.refused:
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
        # one line whatever the file holds: its strings may carry control characters
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(exc))
        raise UsageError(f"malformed certificate: {text}") from None
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


def cmd_prove(args: argparse.Namespace) -> int:
    from pep.discover.prove import prove

    with stage_lines(sys.stderr, enabled=not args.quiet):
        report = prove(args.spec, write=not args.no_write, out_dir=args.out, K=args.K)
    print(report)
    return int(report.exit_code)
