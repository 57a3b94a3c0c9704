#!/usr/bin/env bash
# Everything a change must pass before it lands: lint, format, types, then the CI test command.
# Needs the dev extra: pip install -e '.[test,dev]'
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check pep tests scripts proofs
ruff format --check pep
mypy pep
python -m pytest -q
