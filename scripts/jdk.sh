# Sourced by ./attn and ./mvnw: finds a JDK whose java.specification.version is
# at least ATTN_MIN_JDK (25) and exports JAVA_HOME for it. Looks at JAVA_HOME,
# then the java on PATH, then every JDK under /usr/lib/jvm (or ATTN_JVM_DIR),
# and stops with a one-line error if none qualifies.

ATTN_MIN_JDK=25

# Prints the major Java version of the JDK at $1, or nothing if it is not a JDK.
attn_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

attn_find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in "${ATTN_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    major=$(attn_jdk_major "$home")
    if [ -n "$major" ] && [ "$major" -ge "$ATTN_MIN_JDK" ]; then
      printf '%s\n' "$home"
      return 0
    fi
  done
  return 1
}

if ! ATTN_JAVA_HOME=$(attn_find_jdk); then
  echo "attention4j needs a JDK >= $ATTN_MIN_JDK (with javac); none found in JAVA_HOME, on PATH or under ${ATTN_JVM_DIR:-/usr/lib/jvm}. Install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$ATTN_JAVA_HOME"
