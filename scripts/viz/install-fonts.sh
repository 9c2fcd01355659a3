#!/usr/bin/env bash
# Installs the Debian font packages that attention4j's heatmaps (org.attention4j.viz, PNG and
# SVG) need to draw token labels as glyphs rather than boxes ("tofu"):
#
#   fonts-noto-cjk     Noto Sans CJK: Chinese, Japanese, Korean (誰 是 你, 日本語, 한국어)
#   fonts-noto-core    Noto Sans + Noto Sans Arabic / Hebrew / Devanagari / Thai ...: accented
#                      Latin, right-to-left scripts with proper shaping
#   fonts-dejavu-core  DejaVu Sans: the last Latin/Greek/Cyrillic fallback
#   fontconfig         fc-list / fc-cache, so Java's font manager and Chromium find them
#
#   scripts/viz/install-fonts.sh           # install what is missing, then refresh the cache
#   scripts/viz/install-fonts.sh --check   # report only; change nothing (exit 1 if missing)
#
# Idempotent: a package counts as present when dpkg says it is installed, so a second run
# installs nothing. Works as root or through sudo. Debian 12 (bookworm) and Ubuntu 22.04+ ship
# packages under these names.
set -euo pipefail

packages=(fontconfig fonts-dejavu-core fonts-noto-core fonts-noto-cjk)

check_only=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
  esac
done

say() { printf 'install-fonts: %s\n' "$*"; }

# shellcheck source=../lib/apt.sh
. "$(dirname "$(readlink -f "$0")")/../lib/apt.sh"

missing=()
for pkg in "${packages[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

report() {
  if command -v fc-list >/dev/null 2>&1; then
    for family in "Noto Sans CJK SC" "Noto Sans" "Noto Sans Arabic" "Noto Sans Hebrew" "DejaVu Sans"; do
      if fc-list ":family=$family" family | grep -q .; then say "  found: $family"; else say "  absent: $family"; fi
    done
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  say "all present: ${packages[*]}"
  report
  exit 0
fi
say "to install: ${missing[*]}"
if [ $check_only -eq 1 ]; then
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get not found; install fonts with CJK, Arabic and Hebrew glyphs another way" >&2
  exit 1
fi

apt_install "${missing[@]}"
"${sudo_cmd[@]}" fc-cache -f >/dev/null 2>&1 || true
report
say "done."
