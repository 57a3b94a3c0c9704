"""What a PEP is: the algebra of points and scalars, the one coercion point for coefficients,
the problem (leaves, oracle records, assumptions, objectives), implicit steps and parameter
validation.

Imports: the standard library, ``pep.errors`` and, for the reading with symbolic coefficients,
sympy. ``Problem.solve`` imports :mod:`pep.sdp` lazily: the one documented upward step.
"""
