#!/usr/bin/env bash
# Build the one-folder bundle of Persona Studio and its .tar.gz for Linux (x86_64).
#
#   packaging/build-bundle.sh [--no-smoke]
#
# Makes, from the checkout as it is:
#   dist/persona-studio-VERSION-linux-ARCH/          the program: persona-studio, persona-studio-gui,
#                                                    _internal/, share/ (desktop integration),
#                                                    install-desktop-files.sh, BUILD-INFO.txt
#   dist/persona-studio-VERSION-linux-ARCH.tar.gz    the same folder, packed
# then runs packaging/smoke-test.sh on the .tar.gz (skip with --no-smoke).
#
# Repeatable: PyInstaller and its hooks are pinned below, the build runs in its own virtual
# environment (build/bundle-venv) holding only the program's dependencies, PyInstaller starts
# with --clean, and the archive is packed in name order with the commit's time as every file's
# time, owner 0 and no gzip timestamp. The dependencies resolve from pyproject.toml's ranges;
# to pin them too, set PIP_CONSTRAINT=FILE. BUILD-INFO.txt records what went in.
#
# Environment: PYTHON (default python3: 3.11 or newer, built with --enable-shared, as Debian's
# and pyenv's are), PERSONA_STUDIO_BUNDLE_VENV (default build/bundle-venv),
# PERSONA_STUDIO_BUNDLE_DIST (default dist).
set -euo pipefail

PYINSTALLER_VERSION=6.22.3
HOOKS_CONTRIB_VERSION=2026.9

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
VENV=${PERSONA_STUDIO_BUNDLE_VENV:-$ROOT/build/bundle-venv}
WORK=$ROOT/build/pyinstaller
DIST=${PERSONA_STUDIO_BUNDLE_DIST:-$ROOT/dist}

say() { printf 'build-bundle: %s\n' "$*" >&2; }

smoke=1
for arg in "$@"; do
    case "$arg" in
        --no-smoke) smoke=0 ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) say "unknown argument: $arg (use --no-smoke)"; exit 2 ;;
    esac
done

if [ "$(uname -s)" != Linux ]; then
    say "this script builds the Linux bundle; run it on Linux"
    exit 2
fi
ARCH=$(uname -m)
[ "$ARCH" = x86_64 ] || say "warning: only x86_64 bundles are tested; building for $ARCH"

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/src/persona_studio/__init__.py")
[ -n "$VERSION" ] || { say "cannot read __version__ from src/persona_studio/__init__.py"; exit 2; }
NAME=persona-studio-$VERSION-linux-$ARCH

# Every file's time in the archive: the last commit's, or now outside a git checkout.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH
export PYTHONHASHSEED=0

# 1. The build environment: the program's dependencies and PyInstaller, nothing else.
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the build environment in $VENV"
    "$PYTHON" -m venv "$VENV"
fi
say "installing the program's dependencies and PyInstaller $PYINSTALLER_VERSION"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION" \
    "$ROOT"

# 2. PyInstaller: the one-folder program (packaging/persona-studio.spec says what goes in).
say "running PyInstaller"
rm -rf "$WORK"
(cd "$ROOT" && "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/build" packaging/persona-studio.spec)

# 3. The folder users get.
OUT=$DIST/$NAME
rm -rf "$OUT" "$OUT.tar.gz"
mkdir -p "$DIST"
cp -a "$WORK/dist/persona-studio" "$OUT"
ln -s persona-studio "$OUT/persona-studio-gui"   # the launchers' program (see launcher.py)

# Debug information (pyenv's libpython carries 20 MB of it) is of no use to users.
if command -v strip >/dev/null 2>&1 && command -v readelf >/dev/null 2>&1; then
    while IFS= read -r -d '' file; do
        # (grep without -q reads to the end: readelf must not die of SIGPIPE under pipefail)
        if readelf -S "$file" 2>/dev/null | grep '\.debug_info' >/dev/null; then
            strip --strip-debug "$file"
        fi
    done < <(find "$OUT/_internal" -type f -name '*.so*' -print0 | sort -z)
else
    say "strip or readelf not found (binutils): debug information stays in"
fi

APP_ID=io.github.personastudio.PersonaStudio
install -D -m 644 "$ROOT/packaging/linux/$APP_ID.desktop" "$OUT/share/applications/$APP_ID.desktop"
install -D -m 644 "$ROOT/packaging/linux/$APP_ID.metainfo.xml" \
    "$OUT/share/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$ROOT/packaging/linux/persona-studio-mime.xml" \
    "$OUT/share/mime/packages/persona-studio-mime.xml"
install -D -m 644 "$ROOT/resources/icons/persona-studio.svg" \
    "$OUT/share/icons/hicolor/scalable/apps/$APP_ID.svg"
install -m 755 "$ROOT/packaging/linux/install-desktop-files.sh" "$OUT/install-desktop-files.sh"

{
    echo "Persona Studio $VERSION, linux-$ARCH"
    echo "commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)$(
        git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "built with: $("$VENV/bin/python" -c 'import platform, sys; print(f"Python {platform.python_version()} ({sys.executable})")')"
    if command -v objdump >/dev/null 2>&1; then
        echo "needs: glibc $(find "$OUT" -type f \( -name '*.so*' -o -name persona-studio \) \
            -exec objdump -T {} + 2>/dev/null | grep -oE 'GLIBC_[0-9.]+' | sed 's/GLIBC_//' \
            | sort -t. -k1,1n -k2,2n -k3,3n -u | tail -1) or newer"
    fi
    echo
    echo "packages:"
    "$VENV/bin/python" -m pip freeze --disable-pip-version-check --exclude-editable \
        | grep -v '^persona-studio' | sed 's/^/  /'
} > "$OUT/BUILD-INFO.txt"

# 4. The archive, packed the same way every time.
find "$OUT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$DIST" && tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
    --numeric-owner --format=gnu -cf - "$NAME" | gzip -9 -n > "$NAME.tar.gz")

say "bundle:  $OUT ($(du -sh "$OUT" | cut -f1))"
say "archive: $OUT.tar.gz ($(du -h "$OUT.tar.gz" | cut -f1))"

if [ "$smoke" -eq 1 ]; then
    "$ROOT/packaging/smoke-test.sh" "$OUT.tar.gz"
fi
