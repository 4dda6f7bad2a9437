"""The bundle's entry point: `persona-studio` is the command line (the window when it has no
subcommand); the `persona-studio-gui` link beside it is the launcher's program, as the
`persona-studio-gui` script of a pip install."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `lint` uses a process pool for many files
    if os.path.basename(sys.argv[0]).endswith("-gui"):
        from persona_studio.gui_main import main
    else:
        from persona_studio.cli import main
    sys.exit(main())
