"""From numbers to proofs: the S-procedure, Lyapunov (potential) searches, exact guessing of
closed forms in k and N, recurrences, and ``prove(spec)``, which turns numeric PEP solutions
into a :mod:`pep.symbolic` proof file that ``pep check`` verifies.

Imports: everything below it (:mod:`pep.model`, :mod:`pep.sdp`, :mod:`pep.certificates`,
:mod:`pep.symbolic`, :mod:`pep.algorithms`); nothing imports it except :mod:`pep.cli`.
"""
