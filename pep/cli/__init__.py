"""The ``pep`` command and everything only it needs: sweeps and the on-disk cache, reports
(tables, figures), the claim parser, per-N certification of a user's method, the catalog.
This is the only package that prints.

The command's entry point is :func:`pep.cli.main.main` (``python -m pep.cli`` runs it).
Imports: any other package of pep; nothing imports it.
"""
