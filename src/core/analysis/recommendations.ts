// Concrete recommendations per category, from the reference (etcd FAQ/tuning/maintenance, etcd-mixin, OpenShift).
// Kept in one place so rules and correlations say the same thing.

export const REC = {
  disk:
    'Give etcd a dedicated SSD/NVMe for its data dir (at least the WAL); move I/O-heavy workloads off this node; ' +
    'on cloud disks use provisioned IOPS. Verify with an fio fdatasync test on the data-dir disk ' +
    '(fio --rw=write --ioengine=sync --fdatasync=1 --size=22m --bs=2300 --name=etcd-fsync): its p99 should be < 10 ms. ' +
    'Run etcd with `ionice -c2 -n0` so it wins I/O contention.',
  iowait:
    'Find what else writes to this disk (iotop, pidstat -d); move it off the etcd node or onto another device; ' +
    'give etcd a dedicated SSD/NVMe and `ionice -c2 -n0`.',
  cpu:
    'Give the control-plane nodes CPU headroom (requests/limits that do not throttle etcd, more cores); look for noisy ' +
    'neighbours on the node (top, pidstat); find expensive clients (large ranges, unpaginated lists).',
  memory:
    'Give the node memory headroom: it should cover the DB quota plus etcd working set; look for other memory-heavy ' +
    'processes on the node; keep the DB small (compact, defragment).',
  network:
    'Keep members in the same zone or in low-latency zones; give peer traffic (port 2380) priority; check MTU and ' +
    'packet loss between members (ping -M do -s 1472, mtr); look for a saturated NIC on the node.',
  peerFailures:
    'Check that the peer is up and reachable on its peer URL (port 2380): firewall, TLS certificates, DNS, packet loss. ' +
    'A restarting member also shows here.',
  leader:
    'Find the disk or network cause before touching timeouts: check WAL fsync/backend commit latency and peer RTT of ' +
    'the members around each election, heartbeat send failures, and clock skew. Do not raise --heartbeat-interval or ' +
    '--election-timeout to hide a slow disk.',
  noLeader:
    'Restore quorum: bring stopped members back (check their logs and disks), check peer connectivity on port 2380. ' +
    'Without a leader etcd serves no writes.',
  quota:
    'Compact old revisions (etcdctl compact <rev>, or enable --auto-compaction), then defragment one member at a time ' +
    '(etcdctl defrag --endpoints=<one member>; defrag blocks that member), then `etcdctl alarm disarm` if NOSPACE was raised. ' +
    'Raise --quota-backend-bytes only within the 8 GiB guidance.',
  nospace:
    'The cluster accepts only reads and deletes until fixed: compact (etcdctl compact $(etcdctl endpoint status -w json | ' +
    'jq .[0].Status.header.revision)), defragment each member one at a time (etcdctl defrag --endpoints=<member>), then ' +
    '`etcdctl alarm disarm`. Raise --quota-backend-bytes (≤ 8 GiB) only if the data really needs it, and find the client ' +
    'that filled it.',
  dbSize:
    'Keep the DB well below 8 GiB: compact and defragment, find what stores large or many objects (e.g. events, ' +
    'large CRDs), and set --quota-backend-bytes to match.',
  fragmentation:
    'Defragment one member at a time (etcdctl defrag --endpoints=<member>; it blocks that member while it runs), ' +
    'starting with followers and the leader last; check that compaction runs regularly.',
  restarts:
    'Find why the members restart (process crashes, OOM kills, liveness probes, node reboots, an operator rolling them): ' +
    'check their logs and exit codes. Restart members one at a time and wait for a healthy leader in between.',
  availability:
    'Check the member process and its logs (crash, OOM, full disk, certificate errors), the Prometheus target, and ' +
    'peer connectivity. Bring it back before any other maintenance: one more failure may lose quorum.',
  quorum:
    'Quorum is lost: the cluster accepts no writes. Restart the stopped members first (their data dirs are intact), ' +
    'check peer connectivity; restore from a snapshot only if members are unrecoverable.',
  corrupt:
    'A CORRUPT alarm means members disagree on data: stop writes, identify the bad member (etcdctl endpoint hashkv), ' +
    'remove and re-add it from a healthy snapshot.',
  grpcFailures:
    'Look at which gRPC methods and codes fail: Unavailable/DeadlineExceeded point at an overloaded or leaderless ' +
    'cluster, ResourceExhausted at the quota (NOSPACE) or too-large requests. Fix the cause, then check client retries.',
  grpcSlow:
    'Find expensive clients: large ranges, frequent lists without a resourceVersion, big transactions; paginate ' +
    'lists and reduce watch churn. If the disk is also slow, fix the disk first.',
  proposals:
    'Failed or pending proposals mean writes do not commit: usually leader elections, a lost quorum, or a slow ' +
    'disk/network on the leader. Check leader changes, peer RTT and WAL fsync on the leader.',
  slowApplies:
    'Slow applies come from expensive requests (large ranges/transactions) or a slow backend disk: check backend ' +
    'commit latency and the clients issuing large requests.',
  heartbeat:
    'Heartbeat send failures mean the leader could not reach followers in time: check the leader\'s disk (fsync), ' +
    'CPU, and peer network before changing --heartbeat-interval.',
} as const;
