"""EAG-C (constant step): the registry entry; the method lives in :mod:`pep.algorithms.eag`.

>>> from pep.algorithms import get
>>> get("eag_c").rate(1).tight
False
"""

from __future__ import annotations

from fractions import Fraction

from pep.algorithms import eag
from pep.algorithms.base import Algorithm

ALGORITHM = Algorithm(
    name="eag_c",
    title="Extra anchored gradient, constant step (EAG-C)",
    reference=eag.REFERENCE,
    defaults={"alpha": Fraction(1, 8), "L": 1, "R": 1},
    run=eag.run_c,
    setting=eag.setting_c,
    rate=eag.rate_c,
    problem_class="SmoothConvexConcave(L) (pairwise relaxation: upper bounds)",
    notes="default alpha = 1/(8L) for L = 1 (functions: alpha=None means 1/(8L)); the rate needs 0 < alpha <= 1/(4L) (proofs/eag_c.py; the paper states alpha <= 1/(8L))",
)
