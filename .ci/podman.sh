#!/usr/bin/env bash
# Make real containers available through Podman's Docker-compatible API.
# Idempotent and quiet; fast when everything is already set up.
#   bash .ci/podman.sh      # run
#   . .ci/podman.sh         # source: same, and also exports DOCKER_HOST
# See DEVELOPERS.md, "Containers (Podman)".

SOCK=/run/podman/podman.sock

# Sourced: run in a child bash so `set -e`/`exit` cannot kill the caller's shell.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  bash "${BASH_SOURCE[0]}" && export DOCKER_HOST="unix://$SOCK"
  return
fi

set -euo pipefail

CONF=/etc/containers/containers.conf
BASE_IMAGE=localhost/federa/node-base:20
PIDFILE=/run/podman/federa-service.pid
LOG=${TMPDIR:-/tmp}/federa-podman-service.log
SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo

# Run a command silently; show its output only if it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "podman.sh: failed: $*" >&2
    return 1
  fi
}

ping_ok() { [[ $(curl -fsS --max-time 2 --unix-socket "$SOCK" http://d/_ping 2>/dev/null) == OK ]]; }

# set_toml SECTION KEY VALUE: set `KEY = VALUE` under [SECTION] of $CONF, keeping
# every other line (replaces an existing key, including a multi-line array value).
# Sets changed=1 when the file was modified (no return code: keeps `set -e` effective).
set_toml() {
  local tmp; tmp=$(mktemp)
  { [[ -f $CONF ]] && cat "$CONF"; true; } | awk -v s="[$1]" -v k="$2" -v v="$2 = $3" '
    { t = $0; sub(/#.*/, "", t); gsub(/[[:space:]]/, "", t) }
    skip { if (t ~ /\]/) skip = 0; next }
    t ~ /^\[/ { if (in_s && !done) { print v; done = 1 }; in_s = (t == s); print; next }
    in_s && index(t, k "=") == 1 {
      if (!done) print v; done = 1
      if (t ~ /=\[/ && t !~ /\]/) skip = 1   # drop the rest of a multi-line array
      next
    }
    { print }
    END { if (!done) { if (!in_s) { if (NR) print ""; print s }; print v } }' >"$tmp"
  if ! cmp -s "$tmp" "$CONF"; then
    $SUDO mkdir -p "${CONF%/*}"
    $SUDO install -m 0644 "$tmp" "$CONF"
    changed=1
  fi
  rm -f "$tmp"
}

# 1. Packages. Name runc explicitly: podman depends on "crun | runc" and crun
#    does not work with this host's cgroups.
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  quiet $SUDO apt-get update -q
  quiet $SUDO apt-get install -y -q podman runc
fi

# 2. containers.conf: default ulimits exceed this host's hard limits; crun (the
#    default runtime) fails on its cgroups (v1).
changed=0
set_toml containers default_ulimits '[]'
set_toml engine runtime '"runc"'

# 3. API service. The service reads containers.conf at start: restart ours if it changed.
if (( changed )) && [[ -f $PIDFILE ]]; then
  pid=$(cat "$PIDFILE")
  # Only if that pid is still a podman process (pids get reused).
  grep -qa podman "/proc/$pid/cmdline" 2>/dev/null && $SUDO kill "$pid"
  for _ in $(seq 20); do ping_ok || break; sleep 0.25; done
fi
if ! ping_ok; then
  $SUDO mkdir -p "${SOCK%/*}"
  $SUDO rm -f "$SOCK"   # stale socket left by a dead service would block the bind
  # setsid + nohup: keep serving after this script (and its CI step's shell) exits.
  $SUDO setsid nohup podman system service --time=0 "unix://$SOCK" \
    </dev/null >"$LOG" 2>&1 &
  echo $! | $SUDO tee "$PIDFILE" >/dev/null
  for _ in $(seq 120); do ping_ok && break; sleep 0.25; done   # at most ~30 s
  if ! ping_ok; then
    echo "podman.sh: API service did not answer on $SOCK; log:" >&2
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
fi

# 4. Base image. No registry is reachable, so import a rootfs holding the host's
#    node binary, the shared libraries it links (incl. the dynamic loader), /tmp
#    and a minimal /etc/passwd.
if ! $SUDO podman image exists "$BASE_IMAGE"; then
  root=$(mktemp -d); trap '$SUDO rm -rf "$root"' EXIT
  node=$(command -v node) || { echo "podman.sh: node not found on PATH" >&2; exit 1; }
  node=$(readlink -f "$node")
  mkdir -p "$root/usr/bin" "$root/tmp" "$root/etc"
  cp "$node" "$root/usr/bin/node"
  # ldd lines: "libx.so => /path (0x..)" and "/lib64/ld-linux-x86-64.so.2 (0x..)".
  ldd "$node" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
    while read -r lib; do cp -L --parents "$lib" "$root"; done
  chmod 1777 "$root/tmp"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
  tar -C "$root" --owner=0 --group=0 --numeric-owner -c . | quiet $SUDO podman import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'WORKDIR /' --change 'CMD ["node"]' - "$BASE_IMAGE"
fi

# GitHub Actions: expose DOCKER_HOST to later steps.
[[ -n ${GITHUB_ENV:-} ]] && echo "DOCKER_HOST=unix://$SOCK" >>"$GITHUB_ENV"
echo "podman ready: unix://$SOCK"
