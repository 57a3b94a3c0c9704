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
