"""The sympy proof layer: potential (Lyapunov) identities for a symbolic iteration counter.

A proof (see ``proofs/``) states an algorithm's state and step (the library's own ``step``
function, evaluated with sympy coefficients), a potential :math:`V_k`, named interpolation
inequalities with multipliers :math:`\\lambda_i(k)`, and a remainder; :func:`check_proof`
shows (a) the one-step identity modulo the recurrences, (b) :math:`\\lambda_i(k) \\ge 0`,
(c) the remainder is PSD, (d) the links run from index 0 to N and telescope to the claimed
rate with a final weight > 0, (e) every declared sequence fact holds, by induction.

>>> from pep.symbolic import K, N, param
>>> K, N, param("L")
(k, N, L)
"""

from pep.symbolic.check import LinkResult, check_chain, check_link
from pep.symbolic.context import At, Ctx, Env, State
from pep.symbolic.proof import Final, Initial, Link, Proof, build_link
from pep.symbolic.prover import Facts, Relation, Sign, ldl_psd, prove_sign, reduce
from pep.symbolic.render import render_latex, render_text
from pep.symbolic.runner import (
    ProofPathError,
    ProofResult,
    check_paths,
    check_proof,
    exit_code,
    load_proofs,
)
from pep.symbolic.sequences import Closed, K, N, Recurrence, index_expr, param

__all__ = [
    "K",
    "N",
    "param",
    "index_expr",
    "Closed",
    "Recurrence",
    "Proof",
    "Link",
    "Initial",
    "Final",
    "State",
    "At",
    "Ctx",
    "Env",
    "Facts",
    "Relation",
    "Sign",
    "reduce",
    "prove_sign",
    "ldl_psd",
    "build_link",
    "check_link",
    "check_chain",
    "check_proof",
    "check_paths",
    "load_proofs",
    "exit_code",
    "render_text",
    "render_latex",
    "ProofResult",
    "LinkResult",
    "ProofPathError",
]
