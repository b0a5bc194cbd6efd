#!/usr/bin/env bash
# Build the Desk assets for the monoframe engine + the apps under apps/.
#
#   patches/desk_assets/build.sh <python> [--out DIR] [--force] [--dev] [--verbose]
#
# <python>  an interpreter that can `import monoframe` (the engine is located through it)
# --out     output folder, default <repo>/sites/assets; the server's cwd must be its parent
#           (or a folder holding an `assets` symlink to it)
# --force   rebuild even if the inputs did not change
# --dev     no minification
#
# Installs node_modules with `npm ci` (package-lock.json, no install scripts) only when it is
# missing or the lock file changed, then runs build.mjs, which skips the build and prints
# "assets up to date" when no input changed. Needs node >= 18 and npm; no terminal needed.
set -euo pipefail

if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
	echo "usage: $0 <python> [--out DIR] [--force] [--dev] [--verbose]" >&2
	exit 2
fi
PYTHON_BIN="$1"
shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

command -v node >/dev/null || { echo "desk_assets: node is not installed" >&2; exit 2; }
command -v npm >/dev/null || { echo "desk_assets: npm is not installed" >&2; exit 2; }
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' ||
	{ echo "desk_assets: node >= 18 needed, found $(node --version)" >&2; exit 2; }

# one build at a time (make start and make test may run side by side)
if command -v flock >/dev/null; then
	exec 9>"$HERE/.build.lock"
	flock 9
fi

lock_hash="$( (cat "$HERE/package.json" "$HERE/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)"
stamp="$HERE/node_modules/.desk-assets-lock"
if [ ! -d "$HERE/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
	echo "desk_assets: npm ci"
	(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	echo "$lock_hash" >"$stamp"
fi

# run from the caller's directory so a relative --out means what the caller meant
exec node "$HERE/build.mjs" --python "$PYTHON_BIN" "$@"
