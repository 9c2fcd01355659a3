#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for attention4j's browser test of the HTML
# attention explorer (org.attention4j.viz ExplorerBrowserTest). The test drives Chromium over the
# DevTools protocol (a WebSocket, java.net.http); chromium-driver (chromedriver, W3C WebDriver)
# is installed too for anyone who prefers to drive it that way.
#
#   scripts/viz/install-chromium.sh           # install what is missing
#   scripts/viz/install-chromium.sh --check   # report only; change nothing (exit 1 if missing)
#
# Idempotent: a package counts as present when dpkg says it is installed. Works as root or
# through sudo. The test finds the browser through $ATTN_CHROMIUM, else `chromium`,
# `chromium-browser`, `google-chrome` on the PATH; it is skipped with a message when none is.
set -euo pipefail

packages=(chromium chromium-driver)

check_only=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
  esac
done

say() { printf 'install-chromium: %s\n' "$*"; }

# shellcheck source=../lib/apt.sh
. "$(dirname "$(readlink -f "$0")")/../lib/apt.sh"

missing=()
for pkg in "${packages[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  say "all present: ${packages[*]} ($(chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
say "to install: ${missing[*]}"
if [ $check_only -eq 1 ]; then
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get not found; install Chromium another way and set ATTN_CHROMIUM to its binary" >&2
  exit 1
fi

apt_install "${missing[@]}"
say "installed: $(chromium --version 2>/dev/null || echo 'chromium (version unknown)')"
say "done."
