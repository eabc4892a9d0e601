#!/usr/bin/env bash
# apt-get install PKGS as root, without letting the packages' postinst start system-wide services (etcd, Prometheus
# on the default ports): policy-rc.d exit 101 while installing. Only a policy created here is removed afterwards; one
# the machine already has is left as it was. Used by scripts/prereqs.sh and scripts/testbed/install.sh.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }
POLICY=${PREREQS_POLICY_RC:-/usr/sbin/policy-rc.d}   # overridable only so the install path can be tried safely
own_policy=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"; chmod +x "$POLICY"; own_policy=1
fi
cleanup() { [ $own_policy = 1 ] && rm -f "$POLICY"; return 0; }
trap cleanup EXIT
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
