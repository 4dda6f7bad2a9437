"""`python -m persona_studio` is the same as the `persona-studio` command."""

import sys

from persona_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
