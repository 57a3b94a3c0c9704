#!/usr/bin/env python
"""Side-by-side benchmark of pep and PEPit (issue 7): build, solve, certificate, end to end.

For each method (gd, ogm, halpern, feg; those registered in ``pep.algorithms``), horizon N and
solver (Clarabel, SCS), every measurement runs in a fresh process (so peak memory is that
job's), repeated ``--repeats`` times; medians are reported. pep runs both through cvxpy (the
default adapter) and through the direct adapters (``CLARABEL_DIRECT`` / ``SCS_DIRECT``).
PEPit runs in its own virtual environment (PEPit 0.5.1 stalls with cvxpy >= 1.9, so it gets
cvxpy 1.7.x); the driver that builds PEPit's problems is generated here at run time and uses
PEPit's public API only. Without that environment the script says so and reports our numbers.

Columns: ``build`` is model + compile (pep) or model + constraint building up to the call of
cvxpy's solve (PEPit); ``solver`` is the solver's own time as it reports it; ``e2e`` is the
whole job (model, compile, solve, dual extraction, numeric certificate); ``overhead`` is
``(e2e - solver) / solver``; ``rss`` the peak resident memory of the job's process.

Path ``RELAX`` (not in the default ``--paths``) solves only the seed relaxation of
``pep.sdp.cutting.solve_relaxation`` (pairs of records at most ``--window`` apart, and pairs with
the optimum) with the direct adapter. Its value is an upper bound on the full PEP, certified by
its multipliers (zero on the omitted pairs); equal to the full value when the seed holds a
certificate, which the table shows against PEPit's full-PEP value and the closed form. It does
not confirm tightness by itself (``CUT`` does, at the price of more solves). With Clarabel,
``CUT`` and ``RELAX`` use tight tolerances (``CUT_TIGHT``); their ``build`` is a compile
timed apart (the loop compiles again inside; ``e2e`` counts both).

A solver path takes modifiers after ``+`` (``pep.sdp.basis``): ``points`` hands the solver the Gram
matrix over the evaluated points (sparse for anchored methods such as FEG; the solution is
mapped back to the leaves), ``polish`` re-solves over the leaves on the rows the first solve's
multipliers use (Clarabel: tolerances ``pep.sdp.basis.POLISH_CLARABEL``), and reports that bound,
with the first solve's worst case as the primal part; ``polish=CLARABEL_DIRECT`` runs that
re-solve with another adapter (e.g. after ``CLARABEL_DUAL``). ``build`` then holds both
compiles.

    python scripts/bench.py                       # full table (tens of minutes)
    python scripts/bench.py --algos gd --ns 10,20 --repeats 1
    python scripts/bench.py --large               # gd/ogm at N = 100, gd exact at N = 1000
    python scripts/bench.py --large --large-modes polish   # only the full-SDP N = 100 jobs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

DEFAULT_VENV = Path(tempfile.gettempdir()) / "pepit-venv"
PEPIT_REQUIREMENTS = ["pepit==0.5.1", "cvxpy>=1.7,<1.8", "clarabel", "scs"]
SCS_OPTIONS = {"eps_abs": 1e-7, "eps_rel": 1e-7}
TIGHT = {"tol_gap_abs": 1e-12, "tol_feas": 1e-10}  # Clarabel, for small values
# the reduced problems of constraint generation are small: solve them to tight tolerances
CUT_TIGHT = {"tol_gap_abs": 1e-12, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}
TIMEOUT = 900.0
# path modifiers, e.g. CLARABEL_DIRECT+points+polish: the Gram matrix over the evaluated points,
# then the polishing re-solve on the multipliers' support (pep.sdp.basis; polish=CLARABEL_DIRECT
# names the re-solve's adapter); SCS_DUAL+translate
MODIFIERS = ("points", "polish", "translate")

# Written for this benchmark against PEPit's public API (PEP, declare_function, gradient,
# value, stationary_point, fixed_point, set_initial_condition, set_performance_metric, solve).
PEPIT_DRIVER = textwrap.dedent(
    """
    import json, math, resource, sys, time
    import cvxpy as cp

    args = json.loads(sys.argv[1])
    marks = {}
    _solve = cp.Problem.solve

    class BuildOnly(Exception):
        pass

    def timed_solve(self, *a, **k):
        marks["enter"] = time.perf_counter()
        if args["build_only"]:
            # cvxpy's canonicalisation into the solver's data, then stop before the solver
            if args.get("canon", True):
                self.get_problem_data(k.get("solver"))
                marks["canon"] = time.perf_counter() - marks["enter"]
            raise BuildOnly
        out = _solve(self, *a, **k)
        marks["leave"] = time.perf_counter()
        marks["solver"] = self.solver_stats.solve_time
        return out

    cp.Problem.solve = timed_solve
    from PEPit import PEP
    from PEPit.functions import SmoothConvexFunction
    from PEPit.operators import LipschitzStronglyMonotoneOperatorCheap, NonexpansiveOperator

    def thetas(N):
        th = [1.0]
        for k in range(1, N + 1):
            c = 8 if k == N else 4
            th.append((1 + math.sqrt(1 + c * th[-1] ** 2)) / 2)
        return th

    def smooth(N, method):
        pb = PEP()
        f = pb.declare_function(SmoothConvexFunction, L=1)
        xs = f.stationary_point()
        x0 = pb.set_initial_point()
        pb.set_initial_condition((x0 - xs) ** 2 <= 1)
        x, z, th = x0, x0, thetas(N)
        for k in range(N):
            g = f.gradient(x)
            if method == "gd":
                x = x - g
            else:
                y = x - g
                z = z - 2 * th[k] * g
                x = (1 - 1 / th[k + 1]) * y + (1 / th[k + 1]) * z
        pb.set_performance_metric(f.value(x) - f.value(xs))
        return pb

    def halpern(N):
        pb = PEP()
        T = pb.declare_function(NonexpansiveOperator)
        ys = T.fixed_point()[0]
        y0 = pb.set_initial_point()
        pb.set_initial_condition((y0 - ys) ** 2 <= 1)
        y = y0
        for k in range(N):
            lam = 1 / (k + 2)
            y = lam * y0 + (1 - lam) * T.gradient(y)
        pb.set_performance_metric((y - T.gradient(y)) ** 2)
        return pb

    def feg(N):
        pb = PEP()
        F = pb.declare_function(LipschitzStronglyMonotoneOperatorCheap, mu=0, L=1)
        zs = F.stationary_point()
        z0 = pb.set_initial_point()
        pb.set_initial_condition((z0 - zs) ** 2 <= 1)
        z = z0
        for k in range(N):
            beta = 1 / (k + 1)
            base = z + beta * (z0 - z)
            half = base - (1 - beta) * F.gradient(z)
            z = base - F.gradient(half)
        pb.set_performance_metric(F.gradient(z) ** 2)
        return pb

    t0 = time.perf_counter()
    name, N = args["algo"], args["N"]
    pb = smooth(N, name) if name in ("gd", "ogm") else {"halpern": halpern, "feg": feg}[name](N)
    opts = dict(args["options"])
    try:
        value = pb.solve(wrapper="cvxpy", solver=args["solver"], verbose=0, **opts)
    except BuildOnly:
        value = float("nan")
    t1 = time.perf_counter()
    print(json.dumps({
        "build": marks["enter"] - t0,
        "canon": marks.get("canon", float("nan")),
        "solver": marks.get("solver", float("nan")),
        "cvxpy_solve": marks.get("leave", float("nan")) - marks["enter"],
        "e2e": t1 - t0,
        "value": float(value),
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


def ours_job(args: dict[str, Any]) -> dict[str, Any]:
    """One pep job in this (fresh) process: model, compile, solve, numeric certificate."""
    import resource

    # imports (and cvxpy's, which pep loads lazily) stay outside the timings, as for PEPit
    import clarabel  # noqa: F401
    import cvxpy  # noqa: F401
    import scs  # noqa: F401

    import pep.certificates.certificate  # noqa: F401
    import pep.sdp.solvers.clarabel_direct  # noqa: F401
    import pep.sdp.solvers.scs_direct  # noqa: F401
    import pep.sdp.solvers.scs_dual  # noqa: F401
    from pep.algorithms import get
    from pep.sdp.basis import rebase, solve_prepared

    t0 = time.perf_counter()
    problem = get(args["algo"]).setting(args["N"])
    t1 = time.perf_counter()
    if args.get("cut"):
        return cut_job(problem, args, t0, t1)
    if args["build_only"]:
        data = problem.compile()
        return {"model": t1 - t0, "compile": time.perf_counter() - t1}
    data = problem.compile()
    # Problem.solve(basis=..., polish=...) with the compiles inside the build column
    rebased = rebase(problem, args.get("basis", "leaves"))
    if args["solver"].upper() == "SCS" and rebased is None:  # as Problem.solve("SCS") does
        from pep.sdp.solvers.named import scs_basis

        rebased = scs_basis(problem, data)
    t2 = time.perf_counter()
    auto = args["solver"].upper() == "AUTO"
    if auto:  # the default: Problem.solve() with no argument at all
        result = problem.solve()
    else:
        result = solve_prepared(
            problem,
            data,
            rebased,
            args["solver"],
            args["options"],
            polish=args.get("polish", False),
            **({"rtol": args["rtol"]} if "rtol" in args else {}),
        )
    t3 = time.perf_counter()
    try:
        result.certificate()
        cert = time.perf_counter() - t3
    except Exception:  # the certificate layer may be absent or refuse: timing only
        cert = float("nan")
    t4 = time.perf_counter()
    return {
        "build": t2 - t0,
        "model": t1 - t0,
        "compile": t2 - t1,
        "setup": result.solution.setup_time,  # cvxpy canonicalisation, or conic data + ctor
        # the default strategy may try several paths: its solver time is all its attempts'
        "solver": sum(a.seconds for a in result.attempts) if auto else result.solution.solve_time,
        "solve_wall": t3 - t2,
        "certificate": cert,
        "e2e": t4 - t0,
        "value": result.value,
        "status": result.status.name,
        "detail": f"{result.path}: {result.solution.raw_status}"
        if auto
        else result.solution.raw_status,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def cut_job(problem: Any, args: dict[str, Any], t0: float, t1: float) -> dict[str, Any]:
    """Constraint generation (``pep.sdp.cutting``) end to end, then the numeric certificate."""
    import resource

    from pep.sdp.cutting import solve_by_constraint_generation, solve_relaxation

    run = solve_relaxation if args["cut"] == "relax" else solve_by_constraint_generation
    # the loop compiles inside; one more compile, timed apart, gives the build column (e2e
    # keeps both: conservative by one compile, and no warm cache flatters the loop's timing)
    tc = time.perf_counter()
    problem.compile()
    compile_time = time.perf_counter() - tc
    out = run(problem, args["solver"], **args["options"])
    t2 = time.perf_counter()
    out.result.certificate()
    t3 = time.perf_counter()
    return {
        "build": t1 - t0 + compile_time,
        "solver": sum(out.solve_times),
        "certificate": t3 - t2,
        "e2e": t3 - t0,
        "value": out.result.value,
        "status": f"{out.result.status.name}, {out.rounds} round(s), {len(out.kept)}/{out.n_full}",
        "gap": out.result.accuracy()["gap"],
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_job(python: str, argv: list[str], timeout: float = TIMEOUT) -> dict[str, Any]:
    try:
        out = subprocess.run(
            [python, *argv], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout {timeout:.0f}s"}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode or not lines:
        return {"error": (out.stderr.strip().splitlines() or ["no output"])[-1][:120]}
    return dict(json.loads(lines[-1]))


def ours(
    algo: str,
    N: int,
    solver: str,
    options: dict,
    build_only: bool = False,
    cut: str = "",
    mods: tuple[str, ...] = (),
    rtol: float | None = None,
) -> dict:
    job = {"algo": algo, "N": N, "solver": solver, "options": options, "build_only": build_only}
    if rtol is not None:
        job["rtol"] = rtol
    polish: bool | str = "polish" in mods
    for m in mods:  # polish=NAME: the re-solve with another adapter of the same solver
        polish = m.split("=", 1)[1] if m.startswith("polish=") else polish
    job.update(cut=cut, basis="points" if "points" in mods else "leaves", polish=polish)
    return run_job(sys.executable, [__file__, "--worker", json.dumps(job)])


def pepit(
    venv: Path | None,
    algo: str,
    N: int,
    solver: str,
    options: dict,
    build_only: bool = False,
    canon: bool = True,
) -> dict:
    if venv is None:
        return {"error": "PEPit not available"}
    job = {"algo": algo, "N": N, "solver": solver, "options": options}
    job.update(build_only=build_only, canon=canon)
    with tempfile.TemporaryDirectory() as tmp:
        driver = Path(tmp) / "pepit_driver.py"
        driver.write_text(PEPIT_DRIVER)
        return run_job(str(venv / "bin" / "python"), [str(driver), json.dumps(job)])


def ensure_pepit(venv: Path, create: bool) -> Path | None:
    """The venv if PEPit imports there; created (pip) when ``create``; else None, with a note."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import PEPit, cvxpy; print(cvxpy.__version__)"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return venv
    if create:
        print(f"creating {venv} with {' '.join(PEPIT_REQUIREMENTS)} ...", file=sys.stderr)
        ok = subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
        pip = [str(python), "-m", "pip", "install", "-q", *PEPIT_REQUIREMENTS]
        if ok and subprocess.run(pip).returncode == 0:
            return venv
    print(f"PEPit is not available in {venv}: reporting pep's numbers only", file=sys.stderr)
    return None


def median_of(runs: list[dict], key: str) -> float:
    vals = [r[key] for r in runs if key in r and r[key] == r[key]]
    return statistics.median(vals) if vals else float("nan")


def summarize(runs: list[dict]) -> dict[str, Any]:
    if not runs or all("error" in r for r in runs):
        return {"error": runs[0].get("error", "?") if runs else "not run"}
    ok = [r for r in runs if "error" not in r]
    keys = ("build", "compile", "solver", "certificate", "e2e", "value", "rss_mib")
    out: dict[str, Any] = {k: median_of(ok, k) for k in keys}
    out["status"] = ok[0].get("status", "")
    return out


def fmt(x: Any, digits: int = 3) -> str:
    if isinstance(x, float):
        return "—" if x != x else f"{x:.{digits}g}"
    return str(x)


def closed_form(algo: str, N: int) -> float:
    from pep.algorithms import get

    return float(get(algo).rate(N).value)


def table(args: argparse.Namespace, venv: Path | None) -> None:
    from pep.algorithms import names

    algos = [a for a in args.algos.split(",") if a in names()]
    missing = set(args.algos.split(",")) - set(algos)
    if missing:
        print(f"(not registered, skipped: {sorted(missing)})")
    head = (
        "| method | N | solver | pep path | pep build s | solver s | cert s | pep e2e s "
        "| overhead | PEPit build s | PEPit solver s | PEPit e2e s | e2e ratio | build ratio "
        "| value pep | value PEPit | rel diff | rel to rate | rss pep / PEPit MiB |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for algo in algos:
        for N in [int(n) for n in args.ns.split(",")]:
            for solver in args.solvers.split(","):
                row(args, venv, algo, N, solver)


def row(args: argparse.Namespace, venv: Path | None, algo: str, N: int, solver: str) -> None:
    options = SCS_OPTIONS if solver == "SCS" else (TIGHT if args.tight else {})
    reps = args.repeats if N < 80 else 1
    theirs = summarize([pepit(venv, algo, N, solver, options) for _ in range(reps)])
    rate = closed_form(algo, N)
    wanted = args.paths.split(",")
    bases = (solver, f"{solver}_CVXPY", f"{solver}_DIRECT", f"{solver}_DUAL")
    paths = [p for p in wanted if p.split("+")[0] in bases]
    paths += [p for p in ("CUT", "RELAX") if p in wanted]
    if "AUTO" in wanted and solver == "CLARABEL":  # the default solve, compared with Clarabel
        paths.insert(0, "AUTO")
    for path in paths:
        if path == "CUT":  # constraint generation, direct adapter, Clarabel tightened
            cut_opts = CUT_TIGHT if solver == "CLARABEL" else options
            runs = [ours(algo, N, f"{solver}_DIRECT", cut_opts, cut="cut") for _ in range(reps)]
            path = f"CUT {solver}_DIRECT"
        elif path == "RELAX":  # the seed relaxation: a certified upper bound, one solve
            relax_opts = {**(CUT_TIGHT if solver == "CLARABEL" else options), "window": args.window}
            runs = [ours(algo, N, f"{solver}_DIRECT", relax_opts, cut="relax") for _ in range(reps)]
            path = f"RELAX w={args.window} {solver}_DIRECT"
        else:
            base, *mods = path.split("+")
            if {m.split("=")[0] for m in mods} - set(MODIFIERS):
                raise SystemExit(f"path {path!r}: modifiers are {', '.join(MODIFIERS)}")
            translate = base == "SCS_DUAL" and (args.translate or "translate" in mods)
            extra = {"translate": True} if translate else {}
            mods = [m for m in mods if m != "translate"]
            rtol = args.scs_rtol if solver == "SCS" else None
            runs = [
                ours(algo, N, base, {**options, **extra}, mods=tuple(mods), rtol=rtol)
                for _ in range(reps)
            ]
            path = " ".join([base, *mods, *(["translate"] if extra else [])])
        mine = summarize(runs)
        if "error" in mine:
            print(f"| {algo} | {N} | {solver} | {path} | error: {mine['error']} |")
            continue
        over = (mine["e2e"] - mine["solver"]) / mine["solver"]
        tv = theirs.get("value", float("nan"))
        cells = [
            algo,
            N,
            solver,
            path,
            fmt(mine["build"]),
            fmt(mine["solver"]),
            fmt(mine["certificate"]),
            fmt(mine["e2e"]),
            f"{100 * over:.1f}%",
            fmt(theirs.get("build", float("nan"))),
            fmt(theirs.get("solver", float("nan"))),
            fmt(theirs.get("e2e", float("nan"))),
            fmt(theirs.get("e2e", float("nan")) / mine["e2e"], 3),
            fmt(theirs.get("build", float("nan")) / mine["build"], 3),
            f"{mine['value']:.9g}",
            fmt(tv, 9),
            fmt(abs(mine["value"] - tv) / abs(tv), 2),
            fmt(abs(mine["value"] - rate) / abs(rate), 2),
            f"{mine['rss_mib']:.0f} / {fmt(theirs.get('rss_mib', float('nan')), 4)}",
        ]
        if "error" in theirs:
            cells[9] = f"({theirs['error']})"
        print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def large(full: bool, modes_wanted: str = "relax,cut,polish") -> None:
    """gd and ogm at N = 100 with Clarabel (direct), and gd's exact bound at N = 1000.

    N = 100 runs as the seed relaxation (an upper bound, one solve), by constraint
    generation (``pep.sdp.cutting``, tight tolerances) and as the full SDP in dual form polished
    in primal form (``CLARABEL_DUAL+polish=CLARABEL_DIRECT``, ``pep.sdp.basis.polish``); ``modes``
    selects among ``relax``, ``cut``, ``polish``. With ``full`` also the full SDP in primal
    form (several minutes for ogm).
    """
    from pep.certificates.closed_form import gd_certificate

    print("| job | value | closed form | rel diff | seconds | status |")
    print("|---|---|---|---|---|---|")
    # values near 1e-4: Clarabel's absolute tolerances would allow ~1e-5 relative error
    modes = {"relax": "seed relaxation (upper bound), ", "cut": "constraint generation, "}
    wanted = modes_wanted.split(",")
    jobs = [(a, m, CUT_TIGHT) for a in ("gd", "ogm") for m in ("relax", "cut") if m in wanted]
    jobs += [(a, "polish", {}) for a in ("gd", "ogm")] if "polish" in wanted else []
    jobs += [(a, "", TIGHT) for a in ("gd", "ogm")] if full else []
    for algo, cut, opts in jobs:
        if cut == "polish":
            label = f"{algo} N=100 full SDP, CLARABEL_DUAL+polish=CLARABEL_DIRECT"
            r = ours(algo, 100, "CLARABEL_DUAL", opts, mods=("polish=CLARABEL_DIRECT",))
        else:
            label = f"{algo} N=100 {modes.get(cut, '')}CLARABEL_DIRECT {opts}"
            r = ours(algo, 100, "CLARABEL_DIRECT", opts, cut=cut)
        if "error" in r:
            print(f"| {label} | error: {r['error']} |")
            continue
        rate = closed_form(algo, 100)
        rel = abs(r["value"] - rate) / rate
        print(
            f"| {label} | {r['value']:.10g} | {rate:.10g} | {rel:.1e} | {r['e2e']:.1f} "
            f"| {r['status']}{' ' + r['detail'] if 'polished' in r.get('detail', '') else ''} |",
            flush=True,
        )
    t0 = time.perf_counter()
    cert = gd_certificate(1000)
    check = cert.verify()
    secs = time.perf_counter() - t0
    print(
        f"| gd N=1000 exact, no SDP | {cert.bound} | 1/4002 | exact | {secs:.1f} "
        f"| {'verified' if check.ok else 'FAILED: ' + check.reason} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--algos", default="gd,ogm,halpern,feg")
    ap.add_argument("--ns", default="10,20,40,80")
    ap.add_argument("--solvers", default="CLARABEL,SCS")
    ap.add_argument("--repeats", type=int, default=3, help="runs per cell (1 at N >= 80)")
    ap.add_argument(
        "--paths",
        default="CLARABEL,CLARABEL_DIRECT,CLARABEL_DUAL,SCS,SCS_DIRECT,SCS_DUAL,CUT",
        help="pep paths: through cvxpy, *_DIRECT, *_DUAL (dual form), CUT (constraint "
        "generation), RELAX (seed relaxation: an upper bound certified for the full PEP); "
        "a solver path takes modifiers after '+': points (Gram basis of the evaluated points), "
        "polish (re-solve on the multipliers' support), translate (SCS_DUAL)",
    )
    ap.add_argument("--window", type=int, default=2, help="RELAX: the seed's pair window")
    ap.add_argument("--pepit-venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--create-venv", action="store_true", help="pip-install PEPit if absent")
    ap.add_argument("--no-pepit", action="store_true")
    ap.add_argument("--tight", action="store_true", help=f"Clarabel (both tools) with {TIGHT}")
    ap.add_argument(
        "--translate", action="store_true", help="SCS_DUAL with translate=True (pep only)"
    )
    ap.add_argument("--large", action="store_true", help="only the N = 100 / N = 1000 jobs")
    ap.add_argument("--large-full", action="store_true", help="--large, plus the full SDPs")
    ap.add_argument(
        "--large-modes", default="relax,cut,polish", help="--large: which N = 100 jobs run"
    )
    ap.add_argument(
        "--scs-rtol",
        type=float,
        default=None,
        help="rtol of pep's SCS paths (the error estimate's tolerance; default 1e-6): "
        "a value whose estimate is above it is refused, not timed",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(ours_job(json.loads(args.worker))))
        return
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"
    )
    if args.large or args.large_full:
        large(args.large_full, args.large_modes)
        return
    venv = None if args.no_pepit else ensure_pepit(args.pepit_venv, args.create_venv)
    table(args, venv)


if __name__ == "__main__":
    main()
