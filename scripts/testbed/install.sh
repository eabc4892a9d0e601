#!/usr/bin/env bash
# Installs the test bed's Debian packages when missing: etcd-server etcd-client prometheus prometheus-node-exporter.
# As root: installs them (without letting postinst start system services). Otherwise prints the apt line, exits 1.
set -euo pipefail
PKGS="etcd-server etcd-client prometheus prometheus-node-exporter"
BINS="/usr/bin/etcd /usr/bin/etcdctl /usr/bin/prometheus /usr/bin/prometheus-node-exporter"
missing=0
for b in $BINS; do [ -x "$b" ] || missing=1; done
command -v curl >/dev/null || { missing=1; PKGS="$PKGS curl"; }
[ $missing = 0 ] && { echo "test bed packages present"; exit 0; }

if [ "$(id -u)" != 0 ]; then
  echo "The local test bed needs Debian packages that are not installed. Run as root:" >&2
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PKGS" >&2
  exit 1
fi
command -v apt-get >/dev/null || { echo "ERROR: no apt-get here; install $PKGS with your package manager" >&2; exit 1; }

# shellcheck disable=SC2086
bash "$(dirname "$0")/../apt-install.sh" $PKGS
echo "installed: $PKGS"
