#!/usr/bin/env bash
# The one command that runs every test, on a fresh Debian machine as root or on a developer's:
# installs what is missing (apt packages, npm ci), starts D-Bus, an unlocked gnome-keyring (the
# Secret Service keytar talks to) and Xvfb, then runs every suite through `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libsecret-1-dev gnome-keyring dbus xvfb xauth fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Playwright drives Debian's chromium; it must not try to download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-fund --no-audit

# npm puts node_modules/.bin first on PATH, so the `node` devDependency (Node 22) runs the tests.
# The keyring lives in a throwaway folder: a fresh, unlocked login keyring every run, whatever
# keyrings this machine's user already has.
export XDG_DATA_HOME="$(mktemp -d)"
exec dbus-run-session -- bash -c '
  echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run --auto-servernum npm test
'
