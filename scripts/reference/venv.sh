#!/usr/bin/env bash
# Builds .venv-reference/ in the repository root: the Python environment that
# regenerates the PyTorch golden fixtures (scripts/reference/fixtures.py).
#
# Installs torch 2.x CPU, safetensors, numpy, sacrebleu and tokenizers from wheels kept on
# disk (no package index is contacted). If no torch wheel is found, falls back to
# Debian's python3-torch in a venv with --system-site-packages.
#
# Environment:
#   ATTN_WHEEL_DIRS    space-separated wheel directories
#                      (default: "/opt/pypi/files /opt/wheels")
#   ATTN_TORCH_VERSION torch version to pin from the wheels (default: 2.13.0)
#   PYTHON             interpreter for the venv (default: python3)
#
# Idempotent: when .venv-reference already imports torch, safetensors and numpy,
# it only reports what it has.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-reference"
py="${PYTHON:-python3}"
wheel_dirs="${ATTN_WHEEL_DIRS:-/opt/pypi/files /opt/wheels}"
torch_version="${ATTN_TORCH_VERSION:-2.13.0}"

die() { echo "venv.sh: error: $*" >&2; exit 1; }
warn() { echo "venv.sh: warning: $*" >&2; }

report() {
  "$venv/bin/python" - <<'PY'
import torch, safetensors, numpy
cfg = torch.__config__.show()
blas = [b for b in ("MKL", "OpenBLAS", "BLIS", "Accelerate") if b.lower() in cfg.lower()]
print(f"torch {torch.__version__} (from {torch.__file__})")
print(f"BLAS: {', '.join(blas) if blas else 'reference BLAS / unknown (slow)'}")
print(f"safetensors {safetensors.__version__}, numpy {numpy.__version__}")
try:
    import sacrebleu
    print(f"sacrebleu {sacrebleu.__version__}")
except ImportError:
    print("sacrebleu: not installed")
PY
}

venv_ok() {
  [[ -x "$venv/bin/python" ]] &&
    "$venv/bin/python" -c 'import torch, safetensors, numpy' >/dev/null 2>&1
}

if venv_ok; then
  echo "venv.sh: $venv already imports torch; nothing to do"
  report
  exit 0
fi

command -v "$py" >/dev/null 2>&1 || die "no '$py' on PATH (set PYTHON=...)"

# Collect --find-links for the directories that exist, and look for a torch wheel.
links=()
torch_wheel=""
for d in $wheel_dirs; do
  if [[ -d "$d" ]]; then
    links+=(--find-links "$d")
    if [[ -z "$torch_wheel" ]]; then
      torch_wheel="$(find "$d" -maxdepth 1 -name 'torch-2.*.whl' -print -quit 2>/dev/null || true)"
    fi
  else
    warn "wheel directory $d does not exist; skipping it"
  fi
done

rm -rf "$venv"
if [[ -n "$torch_wheel" ]]; then
  echo "venv.sh: found torch wheel $torch_wheel"
  "$py" -m venv "$venv" || die "could not create $venv with $py -m venv"
  # Pin the version only if a wheel of that version is actually on disk.
  torch_req="torch"
  for d in $wheel_dirs; do
    if compgen -G "$d/torch-${torch_version}[+-]*.whl" >/dev/null; then
      torch_req="torch==${torch_version}"
      break
    fi
  done
  "$venv/bin/pip" install --quiet --no-index "${links[@]}" \
      "$torch_req" safetensors numpy sacrebleu tokenizers ||
    die "pip could not install $torch_req safetensors numpy sacrebleu tokenizers from: $wheel_dirs"
else
  warn "no torch-2.x wheel in: $wheel_dirs; falling back to Debian's python3-torch"
  warn "Debian's torch links the slow reference BLAS unless OpenBLAS is installed" \
       "(apt-get install -y libopenblas0-pthread); do not use it for speed comparisons"
  if ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || die "no apt-get to install python3-torch"
    sudo_cmd=()
    [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
    if ! "${sudo_cmd[@]}" apt-get install -y python3-torch python3-numpy; then
      "${sudo_cmd[@]}" apt-get update &&
        "${sudo_cmd[@]}" apt-get install -y python3-torch python3-numpy ||
        die "apt-get install python3-torch failed"
    fi
  fi
  # Debian's torch lives in the system python's site-packages.
  /usr/bin/python3 -m venv --system-site-packages "$venv" ||
    die "could not create $venv (is python3-venv installed?)"
  if ! "$venv/bin/python" -c 'import safetensors' >/dev/null 2>&1; then
    "$venv/bin/pip" install --quiet --no-index "${links[@]}" safetensors sacrebleu tokenizers ||
      warn "could not install safetensors/sacrebleu/tokenizers from wheels; try apt-get install python3-safetensors"
  fi
fi

venv_ok || die "$venv was built but does not import torch, safetensors and numpy"
echo "venv.sh: ready: $venv"
report
