#!/usr/bin/env bash
# Builds the desktop bundle on Linux or macOS: dist/eligibility-desk/ (and dist/Eligibility Desk.app on macOS).
#
#   bash packaging/build.sh
#
# Uses ./.venv (made here if missing, with the `bundle` extras: PyInstaller); set PYTHON to choose the
# interpreter the venv is made from, or BUNDLE_PYTHON to use an interpreter that has both already.  Options after the script's name go to PyInstaller, e.g.
# `--distpath /tmp/out --workpath /tmp/work`.  docs/packaging.md has the per-platform steps.
set -euo pipefail
cd "$(dirname "$0")/.."

# BUNDLE_PYTHON: an interpreter that already has the project and PyInstaller (tests/test_bundle.py uses it)
py=${BUNDLE_PYTHON:-.venv/bin/python}
if [ -z "${BUNDLE_PYTHON:-}" ]; then
  [ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
  if ! .venv/bin/python -c "import PyInstaller, eligibility_desk" >/dev/null 2>&1; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[bundle]"
  fi
fi
# the interface translations are compiled first (the spec checks they are there)
"$py" -m eligibility_desk.i18n_build
start=$(date +%s)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN "$@" packaging/eligibility-desk.spec
dist=dist
prev=""
for arg in "$@"; do
  [ "$prev" = "--distpath" ] && dist=$arg
  case "$arg" in --distpath=*) dist=${arg#--distpath=} ;; esac
  prev=$arg
done
if [ "$(uname)" = "Linux" ] && command -v strip >/dev/null 2>&1; then
  # debug symbols off the shared libraries (libpython alone 23 MB -> 5 MB), except the wheels' vendored ones
  # (numpy.libs/, pandas.libs/ …: stripping OpenBLAS breaks its loading) — see the spec's STRIP
  find "$dist/eligibility-desk" -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' \
    -exec strip --strip-unneeded {} + 2>/dev/null || true
fi
if [ "$(uname)" = "Linux" ]; then
  # the menu entry and its installer travel with the bundle
  cp packaging/linux/eligibility-desk.desktop packaging/linux/install-desktop-entry.sh "$dist/eligibility-desk/"
fi
echo "build.sh: built $dist/eligibility-desk in $(( $(date +%s) - start )) s, $(du -sh "$dist/eligibility-desk" | cut -f1)"
