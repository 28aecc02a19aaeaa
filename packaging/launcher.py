"""The bundle's entry point (PyInstaller runs this file as ``__main__``): the ``eligibility-desk`` command.

``freeze_support()`` first: the slips' QR pool starts worker processes with "spawn", which in a bundle
re-runs this executable; without it a worker would parse its own arguments as a command line.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from eligibility_desk.cli import main

    raise SystemExit(main())
