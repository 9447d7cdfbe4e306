"""`python -m checker …` equivale a la orden `checker …`."""

import sys

from .cli import main

sys.exit(main())
