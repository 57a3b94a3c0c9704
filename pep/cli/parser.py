"""The argument parser of the ``pep`` command: one subparser per command, each bound to its
``cmd_NAME`` (:mod:`pep.cli.commands`, :mod:`pep.cli.proof_commands`), and the options they
share (``--N``, ``--param``, ``--solver``, ``--rtol``; ``--quiet`` and ``--traceback`` on all).

>>> build_parser().parse_args(["run", "gd", "--N", "3"]).N
'3'
"""

from __future__ import annotations

import argparse
from typing import Any

from pep.cli.commands import cmd_hdual, cmd_list, cmd_run, cmd_table
from pep.cli.proof_commands import cmd_certify, cmd_check, cmd_prove, cmd_verify

__all__ = ["build_parser"]


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
        "CLARABEL_DIRECT, CLARABEL_DUAL, SCS (pep's dual form), SCS_DUAL, SCS_DIRECT, "
        "SCS_CVXPY, MOSEK",
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
