#!/usr/bin/env bash
# Installs the public-domain SWORD Bible modules that attention4j reads
# (org.attention4j.data.sword): King James Version (engKJV2006eb, package
# sword-text-kjv) and Reina-Valera 1909 (spaRV1909eb, package sword-text-sparv),
# plus the World English Bible (engWEB2015eb, sword-text-web) when asked with --web.
# Idempotent: does nothing when the modules are already installed.
#
#   scripts/data/install-sword.sh          # KJV + RV1909
#   scripts/data/install-sword.sh --web    # also the WEB
#
# The modules land in /usr/share/sword (mods.d/*.conf, modules/texts/ztext/...).
set -euo pipefail

SWORD_DIR=/usr/share/sword
packages=(sword-text-kjv sword-text-sparv)
modules=(engKJV2006eb spaRV1909eb)
if [ "${1:-}" = "--web" ]; then
  packages+=(sword-text-web)
  modules+=(engWEB2015eb)
elif [ $# -gt 0 ]; then
  echo "usage: $0 [--web]" >&2
  exit 2
fi

missing=()
for i in "${!modules[@]}"; do
  if [ ! -f "$SWORD_DIR/mods.d/${modules[$i]}.conf" ]; then
    missing+=("${packages[$i]}")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "SWORD modules already installed in $SWORD_DIR: ${modules[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sword.sh: apt-get not found; install the Debian/Ubuntu packages ${missing[*]} another way" >&2
  exit 1
fi

# shellcheck source=../lib/apt.sh
. "$(dirname "$(readlink -f "$0")")/../lib/apt.sh"
echo "installing ${missing[*]} ..."
apt_install "${missing[@]}"
echo "SWORD modules installed in $SWORD_DIR: ${modules[*]}"
