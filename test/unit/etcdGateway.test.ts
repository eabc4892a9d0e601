// etcd v3 JSON gateway client against in-process TEST DOUBLE servers on 127.0.0.1 (one per member) that answer
// with the shapes recorded from etcd 3.4.23 (test/fixtures/etcd-gateway; see test/fixtures/README.md).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEtcdGatewayStatus, normalizeEndpoint } from '../../src/core/source/etcdGateway';
import { toHexId } from '../../src/core/source/etcdIds';
import { SourceError } from '../../src/core/source/types';
import { startTestDouble, closedPort, type TestDouble } from '../helpers/httpTestDouble';

const fx = (n: string) => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'etcd-gateway', n), 'utf8'));
const recordedStatus = fx('status_2379.json');
const recordedMembers = fx('member_list.json');
const IDS = recordedMembers.members.map((m: { ID: string }) => m.ID) as string[]; // m1, m3, m2 as recorded
const NAMES = recordedMembers.members.map((m: { name: string }) => m.name) as string[];
const LEADER = recordedStatus.leader as string;

const doubles: TestDouble[] = [];
after(async () => {
  await Promise.all(doubles.map((d) => d.close()));
});

/** Starts one test double per member; `down` member indexes get a closed port instead. */
async function cluster(opts: { down?: number[]; alarms?: object[]; statusErrors?: Record<number, string[]> } = {}) {
  const urls: string[] = [];
  const ports: (TestDouble | undefined)[] = [];
  for (let i = 0; i < IDS.length; i++) {
    if (opts.down?.includes(i)) {
      urls.push(`http://127.0.0.1:${await closedPort()}`);
      ports.push(undefined);
      continue;
    }
    const d = await startTestDouble((req) => {
      if (req.path === '/v3/maintenance/status') {
        return { body: { ...recordedStatus, header: { ...recordedStatus.header, member_id: IDS[i] }, ...(opts.statusErrors?.[i] ? { errors: opts.statusErrors[i] } : {}) } };
      }
      if (req.path === '/v3/cluster/member/list') {
        return { body: { ...recordedMembers, members: recordedMembers.members.map((m: object, j: number) => ({ ...m, clientURLs: [urls[j]] })) } };
      }
      if (req.path === '/v3/maintenance/alarm') {
        assert.equal(JSON.parse(req.body).action, 'GET');
        return { body: opts.alarms ? { alarms: opts.alarms } : fx('alarm_none.json') };
      }
      return { status: 404, body: 'not found' };
    });
    doubles.push(d);
    urls.push(d.url);
    ports.push(d);
  }
  return { urls, ports };
}

test('decimal uint64 ids become hex (beyond 2^53)', () => {
  assert.equal(toHexId('11074172608318055786'), '99af5d505428a56a');
  assert.equal(toHexId('3131974001197962702'), '2b7701c29b29d5ce');
  assert.equal(toHexId(255), 'ff');
  assert.equal(toHexId('0xABC'), 'abc');
  assert.equal(toHexId('zz'), '');
});

test('endpoints without a scheme get http (https with client TLS)', () => {
  assert.equal(normalizeEndpoint('127.0.0.1:2379'), 'http://127.0.0.1:2379');
  assert.equal(normalizeEndpoint('127.0.0.1:2379', { caFile: '/ca.pem' }), 'https://127.0.0.1:2379');
  assert.equal(normalizeEndpoint('https://e:2379/'), 'https://e:2379');
});

test('three healthy members, one leader, names from the member list, ids in hex', async () => {
  const { urls } = await cluster();
  const s = await createEtcdGatewayStatus([urls[0]]).status();
  assert.equal(s.members.length, 3, 'members discovered from the member list are asked too');
  assert.deepEqual(s.members.map((m) => m.name).sort(), [...NAMES].sort());
  assert.ok(s.members.every((m) => m.healthy && m.version === '3.4.23' && /^[0-9a-f]+$/.test(m.id)));
  assert.equal(s.members.filter((m) => m.isLeader).length, 1);
  assert.equal(s.leaderId, toHexId(LEADER));
  assert.equal(s.leaderName, NAMES[IDS.indexOf(LEADER)]);
  assert.equal(s.clusterId, toHexId(recordedStatus.header.cluster_id));
  assert.equal(s.members[0].dbSizeBytes, Number(recordedStatus.dbSize));
  assert.equal(typeof s.members[0].raftTerm, 'number');
  assert.deepEqual(s.alarms, []);
});

test('a down member is reported unhealthy with the error; the others still show', async () => {
  const { urls } = await cluster({ down: [2] });
  const s = await createEtcdGatewayStatus(urls).status();
  assert.equal(s.members.length, 3);
  const down = s.members.find((m) => m.name === NAMES[2])!;
  assert.equal(down.healthy, false);
  assert.match(down.error ?? '', /ECONNREFUSED/);
  assert.equal(down.id, toHexId(IDS[2]));
  assert.equal(s.members.filter((m) => m.healthy).length, 2);
});

test('alarms name the member; a member reporting errors is unhealthy', async () => {
  const { urls } = await cluster({ alarms: [{ memberID: IDS[1], alarm: 'NOSPACE' }], statusErrors: { 1: ['memberID:123 alarm:NOSPACE '] } });
  const s = await createEtcdGatewayStatus(urls).status();
  assert.deepEqual(s.alarms, [{ memberId: toHexId(IDS[1]), member: NAMES[1], alarm: 'NOSPACE' }]);
  const m = s.members.find((x) => x.name === NAMES[1])!;
  assert.equal(m.healthy, false);
  assert.match(m.error ?? '', /NOSPACE/);
});

test('no endpoint answers → unreachable SourceError naming the endpoints option', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  await assert.rejects(createEtcdGatewayStatus([url]).status(), (e: unknown) => {
    assert.ok(e instanceof SourceError);
    assert.equal(e.kind, 'unreachable');
    assert.ok(e.message.includes(url));
    assert.match(e.hint, /--etcd-endpoints/);
    return true;
  });
});

test('no endpoints configured → bad_input', async () => {
  await assert.rejects(createEtcdGatewayStatus([]).status(), (e: unknown) => e instanceof SourceError && e.kind === 'bad_input');
});

test('an endpoint that is not etcd (non-JSON) is unhealthy with a hint-bearing message', async () => {
  const good = await cluster();
  const bad = await startTestDouble(() => ({ body: 'hello', headers: { 'Content-Type': 'text/plain' } }));
  doubles.push(bad);
  const s = await createEtcdGatewayStatus([good.urls[0], bad.url]).status();
  const b = s.members.find((m) => m.endpoint === bad.url)!;
  assert.equal(b.healthy, false);
  assert.match(b.error ?? '', /did not answer JSON/);
});
