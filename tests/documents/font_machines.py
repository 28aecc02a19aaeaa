"""Simulated machines for the font tests: a private fontconfig configuration (``$FONTCONFIG_FILE``) whose only
font folders hold links to the chosen font files, and a private cache folder.  ``fc-list`` — which the
documents ask on Linux — then lists exactly those fonts, whatever this machine has installed.

The Debian packages' files are looked for under ``/usr/share/fonts`` (``packaging/install.sh --test``
installs fonts-droid-fallback and fonts-wqy-microhei) and under ``$ELIGIBILITY_DESK_TEST_FONT_ROOT`` (a folder
where the .deb files were unpacked with ``dpkg -x``); a machine kind whose file is absent is skipped with the
reason.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: machine font -> its file inside a fonts folder (the Debian packages' layout)
FONT_FILES = {
    "droid": "truetype/droid/DroidSansFallbackFull.ttf",    # fonts-droid-fallback: Chinese, no 0-9 A-Z a-z
    "wqy": "truetype/wqy/wqy-microhei.ttc",                 # fonts-wqy-microhei
}
ROOT_ENV = "ELIGIBILITY_DESK_TEST_FONT_ROOT"


def font_file(kind: str) -> Path | None:
    roots = [Path("/usr/share/fonts")]
    if os.environ.get(ROOT_ENV):
        roots.insert(0, Path(os.environ[ROOT_ENV]) / "usr" / "share" / "fonts")
    return next((root / FONT_FILES[kind] for root in roots if (root / FONT_FILES[kind]).is_file()), None)


def require_fc_list() -> None:
    if not shutil.which("fc-list"):
        pytest.skip("fc-list (fontconfig) is not installed: machines are simulated with fontconfig configurations")


def simulate(folder: Path, monkeypatch, *kinds: str) -> list[Path]:
    """Make this process see a machine whose only fonts are ``kinds``; returns the font files it has.  Skips
    the test when a needed file is not on this machine."""
    from eligibility_desk.documents import fonts

    folder.mkdir(parents=True, exist_ok=True)
    fonts_dir, cache = folder / "fonts", folder / "cache"
    fonts_dir.mkdir(exist_ok=True)
    cache.mkdir(exist_ok=True)
    files = []
    for kind in kinds:
        require_fc_list()
        path = font_file(kind)
        if path is None:
            pytest.skip(f"{FONT_FILES[kind]} is not installed here (apt-get install "
                        f"{'fonts-droid-fallback' if kind == 'droid' else 'fonts-wqy-microhei'}, or set {ROOT_ENV} "
                        f"to where its .deb was unpacked)")
        link = fonts_dir / path.name
        if not link.exists():
            link.symlink_to(path)
        files.append(link)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"  <dir>{fonts_dir}</dir>\n  <cachedir>{cache}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.delenv("FONTCONFIG_PATH", raising=False)
    if not shutil.which("fc-list"):       # no fontconfig: the search falls back to well-known paths; none here
        monkeypatch.setattr(fonts, "_LINUX_FONTS", ())
    fonts.find_cjk_font.cache_clear()
    return files
