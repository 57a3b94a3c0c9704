"""Machine-checked potential proofs (one module per result; see DESIGN §6).

A package so that pytest imports these modules as ``proofs.<name>``: basenames such as
``gd.py`` also exist in ``proofs/auto/`` (generated proofs), and two top-level modules named
``gd`` would collide. ``pep check`` loads files by path and does not depend on this.
"""
