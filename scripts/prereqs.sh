#!/usr/bin/env bash
# System prerequisites of `npm test`, checked (and, as root, installed) before the first stage runs, so a fresh
# Debian with Node 20 needs nothing but `npm ci && npm test`:
#   browser stage  chromium (+ fonts)           integration/e2e  etcd-server etcd-client prometheus prometheus-node-exporter
#   e2e runtime    libkrb5-dev build-essential python3 pkg-config (code-server compiles native modules)
#   tests          curl, openssl (self-signed certificates), mkfifo (coreutils)
#   fault suite    strace (a slow disk: fsync delays injected into one etcd member)
# As root: installs what is missing with apt-get (policy-rc.d keeps the packages' postinst from starting system-wide
# etcd/Prometheus on the default ports). Otherwise: prints the one apt-get command and exits 1 at once.
#   --check    only report, never install (exit 1 when something is missing)
#   --dry-run  print what would be installed and the command, exit 0 (nothing is changed)
#   PREREQS_CHECK_ONLY=1 in the environment = --check
set -euo pipefail
mode=install
[ "${PREREQS_CHECK_ONLY:-0}" = 1 ] && mode=check   # never install (CI images that must not change)
case "${1:-}" in --check) mode=check ;; --dry-run) mode=dry ;; "") ;; *) echo "usage: $0 [--check|--dry-run]" >&2; exit 2 ;; esac

# "package: test" pairs; a test is a command name (looked up on PATH) or an absolute file path.
REQS=(
  "chromium:${CHROMIUM_PATH:-chromium}"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu"
  "etcd-server:etcd"
  "etcd-client:etcdctl"
  "prometheus:prometheus"
  "prometheus-node-exporter:prometheus-node-exporter"
  "libkrb5-dev:/usr/include/gssapi/gssapi.h"
  "build-essential:g++"
  "build-essential:make"
  "python3:python3"
  "pkg-config:pkg-config"
  "curl:curl"
  "openssl:openssl"
  "coreutils:mkfifo"
  "strace:strace"
)

have() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing_pkgs() {
  local out=() r pkg test
  for r in "${REQS[@]}"; do
    pkg=${r%%:*}; test=${r#*:}
    if ! have "$test"; then
      case " ${out[*]:-} " in *" $pkg "*) ;; *) out+=("$pkg") ;; esac
    fi
  done
  echo "${out[*]:-}"
}

MISSING=$(missing_pkgs)
if [ -z "$MISSING" ]; then
  echo "prerequisites: all present"
  exit 0
fi

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo "
CMD="${SUDO}apt-get update && ${SUDO}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $MISSING"
echo "prerequisites missing: $MISSING" >&2
if [ "$mode" = dry ]; then
  echo "would run: $CMD"
  exit 0
fi
if [ "$mode" = check ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Install them first (as root), then run npm test again:" >&2
  echo "  $CMD" >&2
  exit 1
fi

# shellcheck disable=SC2086
bash "$(dirname "$0")/apt-install.sh" $MISSING

STILL=$(missing_pkgs)
if [ -n "$STILL" ]; then
  echo "prerequisites still missing after apt-get install: $STILL (check the apt sources)" >&2
  exit 1
fi
echo "prerequisites installed: $MISSING"
