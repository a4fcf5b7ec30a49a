#!/usr/bin/env bash
# Debian packages the project needs beyond Node: chromium (browser and accessibility tests) and xmllint
# (manifest check). Run by `npm test` (pretest) and .ci/run. Idempotent and quiet when everything is
# already there; as root, or with sudo that needs no password, it installs what is missing; otherwise it
# says what to install and exits 0, and the tests that need it say they skipped.
set -euo pipefail
# Where the browser tests look for Debian's chromium (tests/browser/chromium.ts); a test of this script moves it.
chromium="${CIC_CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$chromium" ] || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-system-deps: the browser, accessibility and manifest tests need ${need[*]}, which are missing;" >&2
  echo "install-system-deps: install them with: sudo apt-get install -y ${need[*]}   (those tests skip until then)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get (not Debian or Ubuntu): install ${need[*]} by hand; the tests that need them skip until then" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
${as_root[@]+"${as_root[@]}"} apt-get update -qq
${as_root[@]+"${as_root[@]}"} apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-system-deps: installed ${need[*]}"
