r"""``pep prove ALGORITHM``: numeric potentials -> closed forms -> a verified, written proof.

:func:`prove` runs the stages of :mod:`pep.discover.autoproof` (numbers) and :mod:`pep.discover.proof_forms`
(closed forms, proof) on a spec: a built-in name from :mod:`pep.discover.specs` (``gd``,
``halpern``, ``feg``, ``appm``, ``km``, ``ogm``), ``"package.module:NAME"`` naming a
:class:`pep.discover.autoproof.Spec` (imported, never evaluated), or a ``Spec`` object:

1. ``numeric`` — greedy potentials and sparsest multipliers by SDP, rounded to rationals;
2. ``pattern`` / ``guess`` — which inequalities carry multipliers, and closed forms in k and N
   validated on held-out indices;
3. ``symbolic`` — :func:`pep.symbolic.check_proof` on the proof those forms describe;
4. ``write`` — a ``proofs/``-style module (plain data + ``rebuild``), loaded back from disk and
   checked again.

A command line ``pep prove NAME [--out DIR] [--no-write]`` maps to
``prove(NAME, out_dir=DIR, write=not no_write)``, prints ``str(report)`` and exits with
``report.exit_code`` (0 verified, 1 not). The returned :class:`ProveReport` is ``ok`` only if the
written file verified (or, with ``write=False``, the proof in memory); otherwise
``stage`` names the failing stage and ``messages`` say why (e.g. no closed form, an identity
term that does not cancel). The proved rate is what the chain telescopes to; it is compared
with the algorithm's known rate (``tight_match``) but never replaced by it.

>>> from pep.discover.prove import prove
>>> report = prove("halpern", write=False)
>>> report.ok, report.stage, report.rate
(True, 'verified', 4/(N + 1)**2)
"""

from __future__ import annotations

import dataclasses
import logging
import pprint
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pep.discover.autoproof import ProveError, Spec, numeric_chain
from pep.discover.guess import GuessError
from pep.discover.proof_forms import form_text, guess_forms, rebuild, resolve_spec
from pep.discover.recurrence import quadratic_recurrence
from pep.errors import PepError
from pep.files import check_output_path, ensure_directory, write_text_atomic

__all__ = ["ProveReport", "prove", "write_proof"]

log = logging.getLogger(__name__)


@dataclass
class ProveReport:
    """Outcome of :func:`prove`.

    ``ok`` only if the proof verified (after writing, when ``write=True``); ``stage`` is
    ``"verified"`` or the failing stage (``numeric``, ``pattern``, ``guess``, ``symbolic``,
    ``write``); ``messages`` record each stage; ``rate`` is the telescoped bound (sympy, in
    N); ``tight_match`` says whether it equals the algorithm's known rate for N = 1..5 (None
    without a known rate); ``data`` are the closed forms.
    """

    name: str
    ok: bool
    stage: str
    messages: list[str]
    proof: Any = None
    path: str | None = None
    rate: Any = None
    tight_match: bool | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when the proof verified, 1 otherwise (what ``pep prove`` should exit with)."""
        return 0 if self.ok else 1

    def __str__(self) -> str:
        head = f"{self.name}: {'VERIFIED' if self.ok else 'FAILED at ' + self.stage}"
        return "\n".join([head, *(f"  {m}" for m in self.messages)])


def _stage_of(exc: Exception) -> str:
    text = str(exc)
    for stage in ("pattern", "guess", "numeric"):
        if text.startswith(stage + ":"):
            return stage
    return "guess" if isinstance(exc, GuessError) else "numeric"


def _describe(data: dict[str, Any], names: dict[str, list[str]] | None = None) -> list[str]:
    names = names or {}

    fold = bool(data.get("fold"))

    def form(d: Any, var: str = "k", at: tuple[str, str] | None = None) -> str:
        return form_text(d, var, at)

    def label(link: str, i: Any) -> str:
        got = names.get(link, [])
        return got[int(i)] if int(i) < len(got) else f"inequality #{i}"

    out = ["V_k = " + " + ".join(f"({form(d)})*[{m}]" for m, d in data["potential"].items())]
    out += [f"step k -> k+1: {form(d)} * {label('step', i)}" for i, d in data["step"].items()]
    if data.get("first"):
        out += [f"first step: {v} * {label('first step', i)}" for i, v in data["first"].items()]
    end_at = ("(N-1)", "N") if fold else None  # a folded end link sits at N - 1
    out += [f"end: {form(d, 'N', end_at)} * {label('end', i)}" for i, d in data["end"].items()]
    lhs = "V_{N-1} >= w(N) measure(x_N)" if fold else "V_N >= w(N) measure"
    out.append(f"{lhs} - c1(N) initial: w = {form(data['w'], 'N')}, c1 = {form(data['c1'], 'N')}")
    out.append(f"start: {data['c0']} * initial >= V_0")
    return out


def _link_names(proof: Any) -> dict[str, list[str]]:
    """The inequality names of each link, as the symbolic checker builds them."""
    from pep.symbolic.context import Env
    from pep.symbolic.proof import build_link

    out = {}
    for link in proof.links:
        built = build_link(proof, link, Env(proof.params, proof.special))
        out[link.name] = list(built.inequalities)
    return out


def _recurrences(spec: Spec, num: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """Quadratic recurrences satisfied by irrational multiplier sequences (read off the
    numbers, independently of the hint the closed forms use)."""
    if spec.template.exact:
        return []
    out = []
    k0 = 1 if data.get("first") is not None else 0
    for i in data["step"]:
        values = [s[int(i)][1] for s in num["steps"][k0:]]
        rec = quadratic_recurrence(values)
        if rec is not None:
            out.append(f"recurrence: multiplier #{i} satisfies {rec} (recovered from the numbers)")
    return out


def _rate_at(proof: Any, n: Any) -> Any:
    """The proof's rate at horizon ``n``: symbolic for ``n = N``, a number for an int."""
    from pep.symbolic.context import At, Env

    if isinstance(n, int):
        env = Env(proof.params, proof.special, numeric=dict(proof.numeric), N_value=n)
    else:
        env = Env(proof.params, proof.special)
    return proof.rate(None, At(env, n))


def _known_rate_match(spec: Spec, proof: Any) -> tuple[bool | None, str]:
    sk = spec.skeleton
    if spec.known_rate is not None:
        known_at = spec.known_rate
    elif sk.algorithm:
        from pep.algorithms import get

        alg, params = get(sk.algorithm), dict(sk.algorithm_params(sk.numeric))

        def known_at(n: int) -> Any:
            return alg.rate(n, **params).value

    else:
        return None, "no known rate to compare with"
    Ns = (1, 2, 3, 4, 5, 10, 100, 1000)  # small N and the asymptotics
    ratios = {n: float(_rate_at(proof, n)) / float(known_at(n)) for n in Ns}
    where = "N = 1..5, 10, 100, 1000"
    if all(abs(r - 1) < 1e-9 for r in ratios.values()):
        return True, f"equals the known rate for {where}"
    if max(ratios.values()) < 1 - 1e-9:
        return (
            True,
            f"better than the stated known rate for {where} (ratio down to {min(ratios.values()):.4g})",
        )
    worse = [n for n, r in ratios.items() if r > 1 + 1e-9]
    text = f"weaker than the known rate at N = {', '.join(map(str, worse))} (ratio up to {max(ratios.values()):.4g})"
    better = [n for n, r in ratios.items() if r < 1 - 1e-9]
    if better:
        text += f"; better at N = {', '.join(map(str, better))} (ratio down to {min(ratios.values()):.4g})"
    return False, text


def prove(
    spec: Spec | str,
    *,
    write: bool = True,
    out_dir: str | Path = "proofs/auto",
    K: int | None = None,
) -> ProveReport:
    """Find, check and (by default) write a potential proof for ``spec``; see the module
    docstring. ``K`` overrides the number of numeric steps (default: the spec's, 8)."""
    spec = resolve_spec(spec)
    if K is not None:
        spec = dataclasses.replace(spec, K=K)
    name = spec.skeleton.name
    if write:  # refuse a special file at the target before the (long) search, not after
        check_output_path(Path(out_dir) / f"{name}.py")
    msgs: list[str] = [f"template: {spec.notes}"] if spec.notes else []
    try:
        if spec.template.family is not None:  # multipliers not unique: fit families
            from pep.discover.families import family_forms

            log.info("prove %s: fitting polynomial families in k and N (one SDP)", name)
            data = family_forms(spec)
            msgs.append(
                f"numeric: polynomials of degree <= {spec.template.family} in k and N fitted "
                f"jointly on k < {spec.K}, N <= {spec.K} and four far k, N (up to "
                f"{16 * spec.K}), rounded to rationals"
            )
        else:
            log.info("prove %s: numeric stage, %d greedy potential steps by SDP", name, spec.K)
            num = numeric_chain(spec)
            msgs.append(f"numeric: {spec.K} greedy steps solved and rounded to rationals")
            log.info("prove %s: guessing closed forms in k and N", name)
            data = guess_forms(spec, num)
    except (ProveError, GuessError, PepError) as exc:
        return ProveReport(name, False, _stage_of(exc), [*msgs, str(exc)])
    msgs.append(f"pattern: {len(data['step'])} step and {len(data['end'])} end multipliers")
    if spec.template.family is None:
        msgs += _recurrences(spec, num, data)
    from pep.symbolic import check_proof

    proof = rebuild(spec, data)
    try:
        names = _link_names(proof)
    except Exception:  # a broken closed form: the checker below reports it by name
        names = {}
    msgs += ["guess: " + line for line in _describe(data, names)]
    log.info("prove %s: symbolic check of the proof for a symbolic k", name)
    result = check_proof(proof)
    if not result.ok:
        fails = result.failures or [result.error or "unknown failure"]
        return ProveReport(name, False, "symbolic", [*msgs, *fails], proof, data=data)
    chain = next(c for c in result.checks if c.name == "chain")
    msgs.append(f"symbolic: every link verified; {'; '.join(chain.notes)}")
    from pep.symbolic import N

    rate = _rate_at(proof, N)
    match, text = _known_rate_match(spec, proof)
    msgs.append(f"rate: {text}")
    path = None
    if write:
        log.info("prove %s: writing the proof file and checking it again from disk", name)
        path = _write_and_recheck(spec, data, Path(out_dir), names)
        if path is None:
            return ProveReport(
                name,
                False,
                "write",
                [*msgs, "the written file did not verify"],
                proof,
                None,
                rate,
                match,
                data,
            )
        msgs.append(f"write: {path} verified after loading")
    return ProveReport(name, True, "verified", msgs, proof, path, rate, match, data)


def _write_and_recheck(
    spec: Spec, data: dict[str, Any], out_dir: Path, names: dict[str, list[str]]
) -> str | None:
    """Write the proof module, load it back from disk and check it again (None if it fails)."""
    from pep.symbolic import check_proof, load_proofs

    path = str(write_proof(spec, data, out_dir, names))
    reloaded = [check_proof(p, path) for p in load_proofs(path)]
    return path if reloaded and all(r.ok for r in reloaded) else None


def write_proof(
    spec: Spec, data: dict[str, Any], out_dir: Path, names: dict[str, list[str]] | None = None
) -> Path:
    """Write ``out_dir/<name>.py``: a docstring with the derivation and ``PROOF = rebuild(...)``
    over plain data (no code is generated from numbers)."""
    ensure_directory(out_dir)
    sk = spec.skeleton
    ref = spec.reference_name or sk.name
    lines = "\n".join(f"* {line}" for line in _describe(data, names))
    far = f" and {2 * spec.K}..{16 * spec.K}" if spec.template.family is not None else ""
    body = f'''r"""{sk.title}: a potential proof generated by ``pep.discover.prove`` (do not edit by hand).

* Problem: {sk.problem}.
* Method: {sk.method}.
* Measure: {sk.measure_text}.
* Template: {spec.notes}.
* Parameters are fixed numbers (L = 1; the title names any other, e.g. a step size).
* Closed forms found from numeric potentials (k, N <= {spec.K}{far}) and checked symbolically
  for every k and N (potential monomials in brackets; multiplier * inequality):

{lines}

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from pep.discover.prove import rebuild

DATA = {pprint.pformat(data, width=96, sort_dicts=True)}

PROOF = rebuild({ref!r}, DATA)
'''
    path = out_dir / f"{sk.name}.py"
    write_text_atomic(path, body)
    return path
