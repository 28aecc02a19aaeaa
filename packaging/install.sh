#!/usr/bin/env bash
# Installs Eligibility Desk into ./.venv, with the system libraries Qt and the tests need.
#
#   bash packaging/install.sh          # the app
#   bash packaging/install.sh --test   # the app + test tools (pytest, pytest-qt, PostgreSQL server, poppler)
#                                      # and the fonts of a typical Debian/Ubuntu desktop (Droid Sans Fallback,
#                                      # WenQuanYi Micro Hei), so CI prints on the machine users have
#
# System packages are installed only where apt-get is available and we are root (or have sudo), and only
# the ones missing, so a second run is quick; INSTALL_SYSTEM_PACKAGES=0 skips them (a shared machine).
# Everything else goes into the project's virtual environment.  Any number of runs, in any order with the
# app and the tests: the app is installed editable, and the tests never install into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

python=${PYTHON:-python3}

apt_packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3)
if [ $want_tests -eq 1 ]; then
  apt_packages+=(postgresql poppler-utils fonts-droid-fallback fonts-wqy-microhei)
fi

install_system_packages() {
  [ "${INSTALL_SYSTEM_PACKAGES:-1}" = "0" ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "install.sh: no apt-get here; install Qt's runtime libraries yourself" >&2; return 0; }
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install.sh: need root to install: ${missing[*]}" >&2; return 0; }
    sudo="sudo"
  fi
  echo "install.sh: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_system_packages

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ $want_tests -eq 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
# Qt translations: .ts sources are compiled to .qm at install time.
.venv/bin/python -m eligibility_desk.i18n_build >/dev/null 2>&1 || true
# The editable install compiles nothing: compile the package now, so the first start does not compile ~150
# modules before the window shows (benchmarks/cold_start.py)
.venv/bin/python -m compileall -q eligibility_desk >/dev/null 2>&1 || true
echo "install.sh: ready (.venv)"
