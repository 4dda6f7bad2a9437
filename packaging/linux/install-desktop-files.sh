#!/usr/bin/env bash
# Add Persona Studio to the desktop: the menu entry, the icon, the file types *.chatmode.md and
# *.agent.md (so file managers offer "Open with Persona Studio"), and the AppStream data.
#
#   install-desktop-files.sh [--data-dir DIR] [--exec PROGRAM] [--uninstall]
#
#   --data-dir DIR   where to install (default: ${XDG_DATA_HOME:-~/.local/share}; for every
#                    user: /usr/local/share, as root)
#   --exec PROGRAM   the program the menu entry starts (default: persona-studio-gui beside this
#                    script in the bundle, else persona-studio-gui found on PATH, as pip and
#                    pipx install it)
#   --uninstall      remove what an earlier run installed in DIR
#
# Works from the bundle (files under share/) and from a checkout (packaging/linux/).
set -euo pipefail

APP_ID=io.github.personastudio.PersonaStudio
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
PROGRAM=
uninstall=0

say() { printf 'install-desktop-files: %s\n' "$*" >&2; }

while [ "$#" -gt 0 ]; do
    case "$1" in
        --data-dir) DATA=${2:?--data-dir needs a folder}; shift 2 ;;
        --exec) PROGRAM=${2:?--exec needs a program}; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) say "unknown argument: $1 (see --help)"; exit 2 ;;
    esac
done

DESKTOP=$DATA/applications/$APP_ID.desktop
METAINFO=$DATA/metainfo/$APP_ID.metainfo.xml
MIME=$DATA/mime/packages/persona-studio-mime.xml
ICON=$DATA/icons/hicolor/scalable/apps/$APP_ID.svg

refresh() {
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA/mime" ]; then
        update-mime-database "$DATA/mime" >/dev/null 2>&1 || say "update-mime-database failed"
    fi
    if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA/applications" ]; then
        update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$DATA/icons/hicolor" ]; then
        gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "$uninstall" -eq 1 ]; then
    rm -f "$DESKTOP" "$METAINFO" "$MIME" "$ICON"
    refresh
    say "removed Persona Studio's desktop files from $DATA"
    exit 0
fi

find_source() {  # the first of the candidate files that exists
    local candidate
    for candidate in "$@"; do
        if [ -f "$candidate" ]; then echo "$candidate"; return 0; fi
    done
    say "missing: $1"
    exit 2
}
SRC_DESKTOP=$(find_source "$HERE/share/applications/$APP_ID.desktop" "$HERE/$APP_ID.desktop")
SRC_METAINFO=$(find_source "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$HERE/$APP_ID.metainfo.xml")
SRC_MIME=$(find_source "$HERE/share/mime/packages/persona-studio-mime.xml" \
    "$HERE/persona-studio-mime.xml")
SRC_ICON=$(find_source "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
    "$HERE/../../resources/icons/persona-studio.svg")

if [ -z "$PROGRAM" ]; then
    if [ -x "$HERE/persona-studio-gui" ]; then
        PROGRAM=$HERE/persona-studio-gui
    elif command -v persona-studio-gui >/dev/null 2>&1; then
        PROGRAM=$(command -v persona-studio-gui)
    else
        say "persona-studio-gui is not on PATH: install Persona Studio first, or pass --exec"
        exit 2
    fi
fi
case "$PROGRAM" in
    /*) ;;
    *) PROGRAM=$(cd "$(dirname "$PROGRAM")" && pwd)/$(basename "$PROGRAM") ;;
esac

# Exec= takes the program quoted, with ", `, $ and \ escaped (Desktop Entry spec, "Exec key").
quoted=$(printf '%s' "$PROGRAM" | sed -e 's/[\\"`$]/\\&/g')
quoted=${quoted//\\/\\\\}   # and the value itself is a string, whose backslashes are escaped

install -d "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" \
    "$DATA/icons/hicolor/scalable/apps"
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        Exec=*) printf 'Exec="%s" %%F\n' "$quoted" ;;
        TryExec=*) printf 'TryExec=%s\n' "$PROGRAM" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$SRC_DESKTOP" > "$DESKTOP.tmp"
chmod 644 "$DESKTOP.tmp"
mv -f "$DESKTOP.tmp" "$DESKTOP"
install -m 644 "$SRC_METAINFO" "$METAINFO"
install -m 644 "$SRC_MIME" "$MIME"
install -m 644 "$SRC_ICON" "$ICON"
refresh
say "installed into $DATA (the menu entry starts $PROGRAM)"
