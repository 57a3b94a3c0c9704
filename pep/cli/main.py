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
import os
import sys
from collections.abc import Sequence

from pep.cli.commands import (  # noqa: F401  (re-exported: the names pep.cli.main had)
    EXIT_FAIL,
    EXIT_OK,
    EXIT_SOLVER,
    EXIT_USAGE,
    UsageError,
    cmd_hdual,
    cmd_list,
    cmd_run,
    cmd_table,
    parse_params,
)
from pep.cli.parser import build_parser
from pep.cli.proof_commands import cmd_certify, cmd_check, cmd_prove, cmd_verify  # noqa: F401
from pep.cli.sweep import parse_N
from pep.errors import PepError

__all__ = ["main", "build_parser", "parse_N", "parse_params"]


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
