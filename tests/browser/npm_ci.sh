#!/bin/sh
# Installs the browser test's npm packages (tests/browser/package-lock.json: playwright-core)
# into DEST/node_modules with `npm ci`, once per lock file: the ctest fixture of the browser test.
#   npm_ci.sh DEST
set -eu
src=$(cd "$(dirname "$0")" && pwd)
dest=$1
mkdir -p "$dest"
if [ -f "$dest/node_modules/.dondoc-package-lock.json" ] &&
   cmp -s "$src/package-lock.json" "$dest/node_modules/.dondoc-package-lock.json"; then
  echo "playwright-core already installed in $dest/node_modules"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: run tools/install-deps.sh (Debian packages nodejs npm chromium)" >&2
  exit 1
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.dondoc-package-lock.json
echo "installed: $(node -p 'require("playwright-core/package.json").version') in $dest/node_modules"
