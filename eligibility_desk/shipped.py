"""Where the files shipped with the application are: the rule files (``rules/``) and the resources
(``resources/``: the CJK font, the notice template).

In the desktop bundle (PyInstaller, ``packaging/eligibility-desk.spec``) they are in the bundle's own folder,
``sys._MEIPASS`` (``<bundle>/_internal/`` beside the executable; ``Contents/Frameworks`` in a macOS .app).
In a source checkout or an editable install they sit at the top of the repository, beside the package.
A wheel installs them as data files under ``<prefix>/share/eligibility-desk/`` (``pyproject.toml``,
``[tool.setuptools.data-files]``), where ``<prefix>`` is the environment's or, for ``pip install --user``,
the user's data directory.  Standard library only: the CLI imports this at start-up.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

#: the folder a wheel installs the shipped files into, under the data directory of its scheme
SHARE = Path("share") / "eligibility-desk"


def frozen_root() -> Path | None:
    """The folder of a PyInstaller bundle's files, or ``None`` when not running from a bundle."""
    if not getattr(sys, "frozen", False):
        return None
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else Path(sys.executable).resolve().parent


def _installed_roots() -> list[Path]:
    roots = []
    for scheme in (None, f"{os.name}_user"):
        try:
            data = sysconfig.get_path("data", scheme) if scheme else sysconfig.get_path("data")
        except KeyError:  # a platform without that scheme
            continue
        roots.append(Path(data))
    roots.append(Path(sys.prefix))
    return list(dict.fromkeys(roots))


def shipped_dir(name: str) -> Path:
    """The shipped folder ``name`` (``"rules"`` or ``"resources"``): inside the bundle when frozen, else beside
    the package if it is there, else where a wheel installed it.  When none exists, the path beside the
    package (the bundle's folder when frozen) is returned so that the error the caller raises names a place.
    A centre's own rules folder (``--rules``, ``$ELIGIBILITY_DESK_RULES``) is chosen by the callers, before
    this is asked."""
    frozen = frozen_root()
    if frozen is not None:
        return frozen / name
    beside = Path(__file__).resolve().parents[1] / name
    if beside.is_dir():
        return beside
    for root in _installed_roots():
        installed = root / SHARE / name
        if installed.is_dir():
            return installed
    return beside
