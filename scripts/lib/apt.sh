# Shared by the project's installer scripts (source it; it defines functions only).
#
#   sudo_cmd          empty as root, else (sudo)
#   installed PKG     whether dpkg says PKG is installed
#   apt_install PKG.. installs PKGs without recommends; on failure runs apt-get update once and
#                     tries again (a fresh image has no package lists yet)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

apt_install() {
  local install=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends)
  "${install[@]}" "$@" || {
    "${sudo_cmd[@]}" apt-get update
    "${install[@]}" "$@"
  }
}
