"""Sequences shared by several proofs (not a proof module: the leading underscore).

OGM's :math:`\\theta`: :math:`\\theta_0 = 1`, :math:`\\theta_{k+1}^2 - \\theta_{k+1} = \\theta_k^2`
(the larger root), last-step variant :math:`\\theta_N^2 - \\theta_N = 2\\theta_{N-1}^2`.
Facts, each by induction on k: :math:`\\theta_k \\ge 1` (the larger root of
:math:`t^2 - t - \\theta_k^2` exceeds 1 when :math:`\\theta_k \\ge 1`),
:math:`\\theta_{k+1} \\ge \\theta_k` (that polynomial is :math:`-\\theta_k \\le 0` at
:math:`t = \\theta_k`) and :math:`\\theta_k \\ge (k+2)/2` (:math:`\\theta_{k+1} \\ge 1/2 +
\\theta_k`, as :math:`(\\theta_k + 1/2)^2 - (\\theta_k + 1/2) - \\theta_k^2 = -1/4 < 0`); the
variant term only grows, so the same facts hold for it. FGM's :math:`t_k` is the same sequence
shifted (:math:`t_{k+1} = \\theta_k`).

``pep check`` proves every declared fact itself, base case and inductive step, from the
relation (:mod:`pep.symbolic.induction`); the arguments above are the readable version.
"""

import sympy as sp

from pep.symbolic import Recurrence

THETA = Recurrence(
    "theta",
    initial={0: 1},
    relation=lambda a, b, k: b**2 - b - a**2,
    forward=lambda a, k: (1 + sp.sqrt(1 + 4 * a**2)) / 2,
    lower=(1, lambda i: (i + 2) / sp.Integer(2)),
    monotone="increasing",
    variants={
        "last": (
            lambda a, b, k: b**2 - b - 2 * a**2,
            lambda a, k: (1 + sp.sqrt(1 + 8 * a**2)) / 2,
        )
    },
)

# FGM's lambda (Beck-Teboulle t_k for k >= 1, and lambda_0 = 0): the same recurrence from 0.
LAM = Recurrence(
    "lambda",
    initial={0: 0},
    relation=lambda a, b, k: b**2 - b - a**2,
    forward=lambda a, k: (1 + sp.sqrt(1 + 4 * a**2)) / 2,
    lower=(0, lambda i: i / sp.Integer(2)),
    monotone="increasing",
)


def _psi_numeric(i, n):
    """psi_i = theta_{N-i}, with OGM's last-step theta_N."""
    theta = [1.0]
    for j in range(1, n + 1):
        c = 8 if j == n else 4
        theta.append((1 + (1 + c * theta[-1] ** 2) ** 0.5) / 2)
    return theta[n - i]


# OGM-G's psi_i = theta_{N-i}, read from the end: psi_N = 1, psi_i^2 - psi_i = psi_{i+1}^2, and
# the first step's psi_0^2 - psi_0 = 2 psi_1^2. Facts: decreasing in i (THETA increases), and
# psi_i >= 3/2 for i < N (psi_{N-1} = golden ratio); every psi *symbol* has an index < N, as
# the term at N is the constant 1.
PSI = Recurrence(
    "psi",
    initial={"N": 1},
    relation=lambda a, b, i: a**2 - a - b**2,
    forward=lambda a, i: sp.nan,  # computed backwards: see evaluate
    lower=(sp.Rational(3, 2),),
    monotone="decreasing",
    evaluate=_psi_numeric,
    variants={"first": (lambda a, b, i: a**2 - a - 2 * b**2, lambda a, i: sp.nan)},
)
