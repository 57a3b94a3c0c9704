"""``python -m pep.cli``: the ``pep`` command."""

import sys

from pep.cli.main import main

sys.exit(main())
