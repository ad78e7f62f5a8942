"""`python -m bot` runs the newsalert command line."""

import sys

from bot.cli import main

sys.exit(main())
