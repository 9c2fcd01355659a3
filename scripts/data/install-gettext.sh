#!/usr/bin/env bash
# Installs the Debian packages whose gettext catalogs (.mo files) attention4j reads as an
# English -> zh_CN / fr / de / es / ja parallel corpus (org.attention4j.data.gettext,
# `attn data import gettext`). The catalogs are read in place under /usr/share/locale and
# never committed.
#
#   scripts/data/install-gettext.sh                    # all packages below
#   scripts/data/install-gettext.sh --skip-postgresql  # without the PostgreSQL server
#   scripts/data/install-gettext.sh --check            # report only; change nothing
#
# Idempotent: a package counts as present when it is installed AND its zh_CN catalog is on
# disk, so running it again installs nothing.
#
# Minimal images (Ubuntu's "minimized" images, some Docker bases) tell dpkg not to unpack
# translations with a line like `path-exclude=/usr/share/locale/*` in /etc/dpkg/dpkg.cfg.d/.
# Packages installed there ship no .mo files at all. This script detects such a rule, says so,
# and (unless --check or --no-override) adds /etc/dpkg/dpkg.cfg.d/zz-attention4j-locales with
# `path-include` lines for the five languages only (dpkg applies filters in order, the last
# match winning, and reads that directory alphabetically), then reinstalls the affected
# packages so that their catalogs are unpacked.
#
# Counts on Debian 12 (bookworm), English -> zh_CN pairs after `attn data import gettext`
# cleaning (GettextImporter defaults): 41,001 from the 79 catalogs of an image that had the
# first 19 packages below (git, postgresql-15, coreutils, gnupg, libc, dpkg, glib, bash, ...),
# 55,540 from 96 catalogs with all of them (gcc-12-locales alone adds about 4,100,
# util-linux-locales 3,800).
set -euo pipefail

LANGS=(zh_CN fr de es ja)
MARKER_LANG=zh_CN
LOCALE_DIR=/usr/share/locale
OVERRIDE_FILE=/etc/dpkg/dpkg.cfg.d/zz-attention4j-locales

# package:catalog that proves the package's translations are unpacked (in $MARKER_LANG)
packages=(
  git:git.mo
  coreutils:coreutils.mo
  tar:tar.mo
  grep:grep.mo
  sed:sed.mo
  bash:bash.mo
  gettext:gettext-tools.mo
  findutils:findutils.mo
  diffutils:diffutils.mo
  wget:wget.mo
  binutils-common:binutils.mo
  make:make.mo
  dpkg:dpkg.mo
  apt:apt.mo
  libc-l10n:libc.mo
  gnupg-l10n:gnupg2.mo
  iso-codes:iso_639-2.mo
  postgresql-client-15:psql-15.mo
  postgresql-15:postgres-15.mo
  gcc-12-locales:gcc-12.mo
  util-linux-locales:util-linux.mo
  e2fsprogs-l10n:e2fsprogs.mo
  aptitude-common:aptitude.mo
  mutt:mutt.mo
  nano:nano.mo
  gawk:gawk.mo
  cpio:cpio.mo
  lynx-common:lynx.mo
  texinfo:texinfo.mo
  bison:bison.mo
  sharutils:sharutils.mo
  debconf-i18n:debconf.mo
)

check_only=0
override=1
skip_postgresql=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    --no-override) override=0 ;;
    --skip-postgresql) skip_postgresql=1 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check] [--no-override] [--skip-postgresql]" >&2; exit 2 ;;
  esac
done

say() { printf 'install-gettext: %s\n' "$*"; }

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# --- 1. a dpkg rule that keeps translations out? ------------------------------------------
excluding=()
for f in /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; do
  [ -f "$f" ] || continue
  [ "$f" = "$OVERRIDE_FILE" ] && continue
  while IFS= read -r line; do
    case "$line" in
      path-exclude*/usr/share/locale*) excluding+=("$f: $line") ;;
    esac
  done < "$f"
done
if [ ${#excluding[@]} -gt 0 ]; then
  say "dpkg is told not to unpack translations:"
  for e in "${excluding[@]}"; do say "  $e"; done
  say "with this rule, installed packages carry no .mo files, and the gettext corpus is empty."
  if [ -f "$OVERRIDE_FILE" ]; then
    say "the override $OVERRIDE_FILE is already in place."
  elif [ $check_only -eq 1 ] || [ $override -eq 0 ]; then
    say "not overriding it (--check / --no-override): add path-include lines for"
    say "  $LOCALE_DIR/<lang>/LC_MESSAGES/*.mo (lang in ${LANGS[*]}) to a file that sorts after it"
    say "  in /etc/dpkg/dpkg.cfg.d/, then reinstall the packages (rerun without the flag)."
    [ $check_only -eq 1 ] || exit 1
  else
    say "overriding it for ${LANGS[*]} only: writing $OVERRIDE_FILE"
    {
      echo "# Written by attention4j scripts/data/install-gettext.sh: unpack the gettext"
      echo "# catalogs that attention4j reads, despite an earlier path-exclude of /usr/share/locale."
      for l in "${LANGS[@]}"; do
        echo "path-include=$LOCALE_DIR/$l/LC_MESSAGES/*.mo"
      done
    } | "${sudo_cmd[@]}" tee "$OVERRIDE_FILE" >/dev/null
  fi
fi

# --- 2. which packages are missing, or installed without their catalogs -------------------
missing=()
reinstall=()
present=()
for entry in "${packages[@]}"; do
  pkg=${entry%%:*}
  mo=${entry#*:}
  if [ $skip_postgresql -eq 1 ] && [ "$pkg" = postgresql-15 ]; then
    continue
  fi
  if [ -f "$LOCALE_DIR/$MARKER_LANG/LC_MESSAGES/$mo" ]; then
    present+=("$pkg")
  elif installed "$pkg"; then
    reinstall+=("$pkg")
  else
    missing+=("$pkg")
  fi
done

count_catalogs() {
  for l in "${LANGS[@]}"; do
    n=$(find "$LOCALE_DIR/$l/LC_MESSAGES" -name '*.mo' 2>/dev/null | wc -l)
    printf '%s=%s ' "$l" "$n"
  done
}

say "catalogs now: $(count_catalogs)"
say "${#present[@]} packages present, ${#missing[@]} to install, ${#reinstall[@]} installed without catalogs"
if [ ${#missing[@]} -eq 0 ] && [ ${#reinstall[@]} -eq 0 ]; then
  say "nothing to do."
  exit 0
fi
[ ${#missing[@]} -gt 0 ] && say "to install: ${missing[*]}"
[ ${#reinstall[@]} -gt 0 ] && say "to reinstall (catalogs missing): ${reinstall[*]}"
if [ $check_only -eq 1 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get not found; install the Debian/Ubuntu packages above another way" >&2
  exit 1
fi

# --- 3. install ------------------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
apt_install() {
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}" || {
    "${sudo_cmd[@]}" apt-get update
    updated=1
    apt_install "${missing[@]}"
  }
fi
if [ ${#reinstall[@]} -gt 0 ]; then
  apt_install --reinstall "${reinstall[@]}" || {
    [ $updated -eq 1 ] || "${sudo_cmd[@]}" apt-get update
    apt_install --reinstall "${reinstall[@]}"
  }
fi

still=()
for entry in "${packages[@]}"; do
  pkg=${entry%%:*}
  mo=${entry#*:}
  [ $skip_postgresql -eq 1 ] && [ "$pkg" = postgresql-15 ] && continue
  [ -f "$LOCALE_DIR/$MARKER_LANG/LC_MESSAGES/$mo" ] || still+=("$pkg ($mo)")
done
say "catalogs now: $(count_catalogs)"
if [ ${#still[@]} -gt 0 ]; then
  say "warning: still no $MARKER_LANG catalog from: ${still[*]} (another dpkg rule? a different release?)" >&2
  exit 1
fi
say "done."
