#!/usr/bin/env bash
# Run the bundled program the way a user would, outside the checkout and without the build's
# Python: unpack the .tar.gz into a temporary folder, then, with a bare environment
# (env -i; Qt offscreen, so no display is needed):
#   --version, rules, lint on the shipped library, a broken file, --fix, and enough files for
#   the process pool; gui --screenshot (persona-studio and persona-studio-gui), checking the
#   PNG and that the SVG icon plugin loads; no QtWebEngine, QtQml or QtQuick in the bundle;
#   install-desktop-files.sh into a temporary data folder.
#
#   packaging/smoke-test.sh [BUNDLE.tar.gz | BUNDLE-FOLDER]
#
# Without an argument: the newest dist/persona-studio-*-linux-*.tar.gz. Exit 0 when every
# check passed; the failed checks are listed otherwise.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'smoke-test: %s\n' "$*" >&2; }

target=${1:-}
if [ -z "$target" ]; then
    target=$(ls -t "$ROOT"/dist/persona-studio-*-linux-*.tar.gz 2>/dev/null | head -1)
    [ -n "$target" ] || { say "no dist/persona-studio-*.tar.gz: run packaging/build-bundle.sh"; exit 2; }
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/persona-studio-smoke.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
if [ -f "$target" ]; then
    tar -xzf "$target" -C "$TMP" || { say "cannot unpack $target"; exit 2; }
    BUNDLE=$(find "$TMP" -mindepth 1 -maxdepth 1 -type d | head -1)
elif [ -d "$target" ]; then
    BUNDLE=$(cd "$target" && pwd)
else
    say "no such bundle: $target"
    exit 2
fi
[ -x "$BUNDLE/persona-studio" ] || { say "$BUNDLE has no persona-studio program"; exit 2; }
say "testing $BUNDLE"

WORK=$TMP/work
mkdir -p "$WORK" "$TMP/home"
cd "$WORK" || exit 2

# A bare environment: nothing from the build's Python or the caller's Qt settings leaks in.
run() {
    env -i PATH=/usr/bin:/bin HOME="$TMP/home" LANG=C.UTF-8 \
        XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share" \
        XDG_RUNTIME_DIR="$TMP/home" QT_QPA_PLATFORM=offscreen "$@"
}

passed=0
failed=()
check() {  # check NAME COMMAND...: the command's status decides
    local name=$1; shift
    if "$@" > "$TMP/out.txt" 2>&1; then
        passed=$((passed + 1)); say "ok    $name"
    else
        failed+=("$name"); say "FAIL  $name"; sed 's/^/      /' "$TMP/out.txt" | tail -20 >&2
    fi
}

PS=$BUNDLE/persona-studio
LIBRARY=$BUNDLE/_internal/persona_studio/personas
VERSION=$(sed -n 's/^Persona Studio \([^,]*\),.*/\1/p' "$BUNDLE/BUILD-INFO.txt" 2>/dev/null)

t_version() { local out; out=$(run "$PS" --version) && echo "$out" && [ "$out" = "persona-studio ${VERSION:-?}" ]; }
t_rules() { local out; out=$(run "$PS" rules) && grep -q 'yaml-syntax' <<< "$out"; }
t_lint_library() {
    local count out
    count=$(find "$LIBRARY" -name '*.md' | wc -l)
    out=$(run "$PS" lint "$LIBRARY") || { echo "$out"; return 1; }
    echo "$out" | tail -1
    [ "$count" -gt 0 ] && tail -1 <<< "$out" | grep -q "^0 errors, .* in $count files"
}
t_lint_error() {
    printf -- '---\ndescription: broken\ntools: [a\n' > "$WORK/broken.chatmode.md"
    local out status
    out=$(run "$PS" lint "$WORK/broken.chatmode.md"); status=$?
    echo "$out"
    [ "$status" -eq 1 ] && grep -q ' error ' <<< "$out"
}
t_lint_fix() {
    printf -- "---\ndescription: x\ntools: ['codebase']\n---\nBody.\n" > "$WORK/fix.agent.md"
    run "$PS" lint --fix "$WORK/fix.agent.md" && cat "$WORK/fix.agent.md" \
        && grep -q "tools: \['search/codebase'\]" "$WORK/fix.agent.md"
}
t_lint_pool() {  # past the runner's threshold, lint uses a process pool: it must work frozen
    mkdir -p "$WORK/many"
    local i files=("$LIBRARY"/*.md) source
    for i in $(seq 1 240); do
        source=${files[i % ${#files[@]}]}
        cp "$source" "$WORK/many/$i-$(basename "$source")"
    done
    local out; out=$(run "$PS" lint --jobs 2 "$WORK/many") || { echo "$out" | tail -3; return 1; }
    tail -1 <<< "$out" | grep -q "in 240 files"
}
t_screenshot() {  # the window, offscreen; LD_DEBUG shows the SVG icon engine being loaded
    local program=$1 png=$WORK/$1.png
    run env LD_DEBUG=files "$BUNDLE/$program" gui --screenshot "$png" 2> "$WORK/ld-$program.txt"
    local status=$?
    grep -v '^ *[0-9]*:' "$WORK/ld-$program.txt"
    [ "$status" -eq 0 ] || return 1
    [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "not a PNG"; return 1; }
    [ "$(wc -c < "$png")" -gt 50000 ] || { echo "PNG too small: $(wc -c < "$png") bytes"; return 1; }
    grep -q 'calling init: .*/iconengines/libqsvgicon.so' "$WORK/ld-$program.txt" \
        || { echo "the SVG icon engine was not loaded"; return 1; }
}
t_screenshot_gui() {  # persona-studio-gui takes the gui's options without the subcommand
    local png=$WORK/gui-link.png
    run "$BUNDLE/persona-studio-gui" --screenshot "$png" && [ -s "$png" ]
}
t_no_unused_qt() {
    local found
    found=$(find "$BUNDLE/_internal" \( -name 'libQt6WebEngine*' -o -name 'libQt6Qml*' \
        -o -name 'libQt6Quick*' -o -name 'libQt6Multimedia*' -o -name 'libQt6Pdf*' \
        -o -name 'QtWebEngine*' -o -name 'QtQml*' -o -name 'QtQuick*' \))
    [ -z "$found" ] || { echo "$found"; return 1; }
}
t_desktop_files() {
    local data=$TMP/desktop-data
    run "$BUNDLE/install-desktop-files.sh" --data-dir "$data" || return 1
    local desktop=$data/applications/io.github.personastudio.PersonaStudio.desktop
    for f in "$desktop" "$data/metainfo/io.github.personastudio.PersonaStudio.metainfo.xml" \
             "$data/mime/packages/persona-studio-mime.xml" \
             "$data/icons/hicolor/scalable/apps/io.github.personastudio.PersonaStudio.svg"; do
        [ -f "$f" ] || { echo "missing $f"; return 1; }
    done
    grep -qxF "Exec=\"$BUNDLE/persona-studio-gui\" %F" "$desktop" || { grep Exec "$desktop"; return 1; }
    if command -v desktop-file-validate >/dev/null 2>&1; then
        desktop-file-validate "$desktop" || return 1
    fi
    if command -v update-mime-database >/dev/null 2>&1; then
        grep -q 'text/x-persona-agent:\*\.agent\.md' "$data/mime/globs2" || return 1
    fi
    run "$BUNDLE/install-desktop-files.sh" --data-dir "$data" --uninstall || return 1
    [ ! -e "$desktop" ]
}

check "--version" t_version
check "rules" t_rules
check "lint the shipped library" t_lint_library
check "lint a broken file: exit 1" t_lint_error
check "lint --fix" t_lint_fix
check "lint 240 files with a process pool" t_lint_pool
check "gui --screenshot (SVG icon engine loaded)" t_screenshot persona-studio
check "persona-studio-gui --screenshot" t_screenshot_gui
check "no QtWebEngine, QtQml, QtQuick, QtMultimedia, QtPdf" t_no_unused_qt
check "install-desktop-files.sh" t_desktop_files

say "bundle size: $(du -sh "$BUNDLE" | cut -f1)$([ -f "$target" ] && echo ", archive $(du -h "$target" | cut -f1)")"
if [ "${#failed[@]}" -gt 0 ]; then
    say "${#failed[@]} of $((passed + ${#failed[@]})) checks failed: ${failed[*]}"
    exit 1
fi
say "all $passed checks passed"
