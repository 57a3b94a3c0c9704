"""EAG-V (varying step): the registry entry; the method lives in :mod:`pep.algorithms.eag`.

>>> from pep.algorithms import get
>>> round(float(get("eag_v").rate(1).value), 3)  # ~ 27/((N+1)(N+2)) at alpha0 = 0.618/L
4.442
"""

from __future__ import annotations

from fractions import Fraction

from pep.algorithms import eag
from pep.algorithms.base import Algorithm

ALGORITHM = Algorithm(
    name="eag_v",
    title="Extra anchored gradient, varying step (EAG-V)",
    reference=eag.REFERENCE,
    defaults={"alpha0": Fraction(309, 500), "L": 1, "R": 1},
    run=eag.run_v,
    setting=eag.setting_v,
    rate=eag.rate_v,
    problem_class="SmoothConvexConcave(L) (pairwise relaxation: upper bounds)",
    notes="default alpha0 = 0.618/L for L = 1 (functions: alpha0=None means 0.618/L); the rate needs alpha0 < 3/(4L)",
)
