#!/usr/bin/env bash
# Adds Eligibility Desk to this user's application menu (Linux), pointing at the bundle this script is in:
#
#   bash dist/eligibility-desk/install-desktop-entry.sh
#
# Writes ~/.local/share/applications/eligibility-desk.desktop and the icon under ~/.local/share/icons/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/icons/hicolor/512x512/apps"
cp "$here/_internal/resources/icons/eligibility-desk.png" "$data/icons/hicolor/512x512/apps/eligibility-desk.png"
sed "s|^Exec=.*|Exec=\"$here/eligibility-desk\"|" "$here/eligibility-desk.desktop" > "$data/applications/eligibility-desk.desktop"
echo "install-desktop-entry.sh: added $data/applications/eligibility-desk.desktop"
