// Prometheus source and etcd gateway against the live test bed (TESTBED_PROM_URL / TESTBED_ETCD_ENDPOINTS,
// exported by scripts/with-testbed.sh; falls back to the dev bed on 127.0.0.1 when run by hand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { createEtcdGatewayStatus } from '../../src/core/source/etcdGateway';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { resolveTimeRange } from '../../src/core/util/timeRange';

const PROM = process.env.TESTBED_PROM_URL || 'http://127.0.0.1:9090';
const ENDPOINTS = (process.env.TESTBED_ETCD_ENDPOINTS || 'http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:12379')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const profile = createProfile(defaultProfileConfig(PROM));

test('instant query returns the 3 etcd members, all up', async () => {
  const src = createPrometheusSource({ url: PROM });
  const rows = await src.instant(`up{${profile.etcdMatchers()}}`);
  const members = rows.map((r) => profile.memberOf(r.labels)).sort();
  assert.equal(new Set(members).size, 3, `members: ${members.join(', ')}`);
  assert.ok(rows.every((r) => r.value === 1));
  const info = await src.buildInfo!();
  assert.ok(info.version, 'buildinfo has a version');
});

test('range query over 5m returns 3 series with bounded points, then dedupes a repeat', async () => {
  const src = createPrometheusSource({ url: PROM });
  const range = resolveTimeRange({ duration: '5m' }, new Date());
  const q = `sum by (member, instance) (rate(etcd_server_proposals_committed_total{${profile.etcdMatchers()}}[1m]))`;
  const series = await src.range(q, new Date(range.start), new Date(range.end), range.stepSeconds);
  assert.equal(series.length, 3);
  assert.ok(series.every((s) => s.points.length > 0 && s.points.length <= 1100));
  await src.range(q, new Date(range.start), new Date(range.end), range.stepSeconds);
  assert.equal(src.stats().httpRequests, 1);
  assert.equal(src.stats().dedupHits, 1);
});

test('member→node mapping finds the node-exporter host automatically', async () => {
  const src = createPrometheusSource({ url: PROM });
  const nodes = (await src.instant(`up{${profile.nodeMatchers()}}`)).map((r) => profile.nodeOf(r.labels));
  const members = await src.instant(`up{${profile.etcdMatchers()}}`);
  assert.ok(nodes.length >= 1, 'node-exporter is scraped');
  for (const m of members) assert.ok(profile.nodeForMember(profile.memberOf(m.labels), m.labels, nodes), `member ${profile.memberOf(m.labels)} has a node`);
});

test('gateway reports 3 healthy members and exactly 1 leader', async () => {
  const s = await createEtcdGatewayStatus(ENDPOINTS).status();
  assert.equal(s.members.length, 3);
  assert.ok(s.members.every((m) => m.healthy), JSON.stringify(s.members.map((m) => [m.name, m.error])));
  assert.equal(s.members.filter((m) => m.isLeader).length, 1);
  assert.ok(s.leaderName);
  assert.ok(s.members.every((m) => m.version && m.raftTerm && m.dbSizeBytes));
});
