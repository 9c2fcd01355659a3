#!/usr/bin/env bash
# The README's test command (and what CI runs through .ci/run): installs what the tests read
# from the system when it is missing — fonts with CJK/RTL glyphs, Chromium for the explorer's
# browser test, the SWORD Bible modules and gettext catalogs for the corpus readers — then runs
# the Maven build with every default test. Extra arguments go to Maven (e.g. -Pslow).
#
# The installers are idempotent apt-get scripts (root or sudo). Where one cannot run, the tests
# that need its data are skipped with a message that names the script.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

for installer in scripts/viz/install-fonts.sh scripts/viz/install-chromium.sh \
    scripts/data/install-sword.sh scripts/data/install-gettext.sh; do
  if ! bash "$installer" >/dev/null 2>"${TMPDIR:-/tmp}/attn-install.log"; then
    echo "test.sh: $installer failed (tests that need it will be skipped):" >&2
    tail -n 5 "${TMPDIR:-/tmp}/attn-install.log" >&2
  fi
done
exec ./mvnw -B verify "$@"
