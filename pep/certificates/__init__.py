"""Exact proofs at fixed N: numeric and exact certificates, rationalization and rounding of the
dual solution, exact PSD tests (python-flint LDLᵀ), re-solves with a PSD margin, certificates
built from closed forms without an SDP, the versioned JSON format, and the independent checker
(``verify.py``: standard library and ``fractions`` only, it imports nothing from pep).

Imports: :mod:`pep.model`, :mod:`pep.sdp`, the classes and :mod:`pep.errors`.
"""
