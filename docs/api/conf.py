"""Sphinx configuration of pep's API reference (built by tests/test_docs.py with -W)."""

project = "pep"
author = "the pep developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.mathjax", "sphinx.ext.viewcode"]
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
html_theme = "alabaster"
exclude_patterns = ["_build"]
suppress_warnings = ["ref.python"]  # pep re-exports names: one class, two import paths
