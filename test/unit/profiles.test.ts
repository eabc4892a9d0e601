// Profiles: selectors, member/node naming from labels, member→node mapping (automatic and explicit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProfile, defaultProfileConfig, ProfileConfigError, OPENSHIFT_ETCD_SELECTOR } from '../../src/core/profiles';
import { splitInstance } from '../../src/core/profiles/instance';

const generic = (extra = {}) => createProfile({ ...defaultProfileConfig('http://127.0.0.1:9090'), ...extra });

test('generic defaults', () => {
  const p = generic();
  assert.equal(p.id, 'generic');
  assert.equal(p.etcdMatchers(), 'job=~".*etcd.*"');
  assert.equal(p.nodeMatchers(), 'job=~".*node.*"');
  assert.equal(p.hasClusterApi, false);
});

test('user selectors are accepted as matchers and rejected with braces or garbage', () => {
  assert.equal(generic({ etcdSelector: 'job="etcd", cluster=~"prod|stage"' }).etcdMatchers(), 'job="etcd", cluster=~"prod|stage"');
  assert.equal(generic({ etcdSelector: '  ' }).etcdMatchers(), 'job=~".*etcd.*"');
  assert.throws(() => generic({ etcdSelector: '{job="etcd"}' }), ProfileConfigError);
  assert.throws(() => generic({ etcdSelector: 'job="etcd"} or up{' }), /contains \{ or \}/);
  assert.throws(() => generic({ nodeSelector: 'job=node' }), /not a list of PromQL label matchers/);
  assert.throws(() => generic({ nodeSelector: 'job="a" or vector(1)' }), ProfileConfigError);
  try {
    generic({ etcdSelector: '{job="etcd"}' });
  } catch (e) {
    assert.match((e as ProfileConfigError).hint, /without braces/);
  }
});

test('member name: member, then pod, then instance', () => {
  const p = generic();
  assert.equal(p.memberOf({ member: 'm1', pod: 'x', instance: '127.0.0.1:2381' }), 'm1');
  assert.equal(p.memberOf({ pod: 'etcd-0', instance: '10.0.0.1:2379' }), 'etcd-0');
  assert.equal(p.memberOf({ instance: '127.0.0.1:2381' }), '127.0.0.1:2381', 'IP hosts keep the port (several members per host)');
  assert.equal(p.memberOf({ instance: 'etcd-a.example.com:2379' }), 'etcd-a.example.com');
  assert.equal(p.memberOf({ instance: '[::1]:2381' }), '[::1]:2381');
  assert.equal(p.memberOf({}), 'unknown');
});

test('instance parsing handles IPv6 brackets', () => {
  assert.deepEqual(splitInstance('[2001:db8::1]:9100'), { host: '2001:db8::1', port: '9100' });
  assert.deepEqual(splitInstance('[::1]'), { host: '::1', port: undefined });
  assert.deepEqual(splitInstance('2001:db8::1'), { host: '2001:db8::1' });
  assert.deepEqual(splitInstance('node-1:9100'), { host: 'node-1', port: '9100' });
  assert.deepEqual(splitInstance('node-1'), { host: 'node-1' });
});

test('node name from node-exporter labels', () => {
  const p = generic();
  assert.equal(p.nodeOf({ instance: '127.0.0.1:9100' }), '127.0.0.1');
  assert.equal(p.nodeOf({ instance: '[2001:db8::5]:9100' }), '2001:db8::5');
  assert.equal(p.nodeOf({ node: 'worker-1', instance: '10.0.0.2:9100' }), 'worker-1');
});

test('member→node: automatic when the instance host is a node-exporter host', () => {
  const p = generic();
  assert.equal(p.nodeForMember('m1', { instance: '127.0.0.1:2381' }, ['127.0.0.1']), '127.0.0.1');
  assert.equal(p.nodeForMember('m1', { instance: 'localhost:2381' }, ['127.0.0.1']), '127.0.0.1', 'loopback spellings match');
  assert.equal(p.nodeForMember('m1', { instance: '[2001:db8::5]:2381' }, ['2001:db8::5']), '2001:db8::5');
  assert.equal(p.nodeForMember('m1', { instance: '10.0.0.9:2381' }, ['10.0.0.1']), undefined, 'no node-exporter on that host');
  assert.equal(p.nodeForMember('m1', {}), undefined);
});

test('member→node: explicit mapping wins', () => {
  const p = generic({ memberToNode: { m1: 'node-a' } });
  assert.equal(p.nodeForMember('m1', { instance: '127.0.0.1:2381' }, ['127.0.0.1']), 'node-a');
  assert.equal(p.nodeForMember('m2', { instance: '127.0.0.1:22381' }, ['127.0.0.1']), '127.0.0.1');
});

test('openshift: namespace matchers, member = node = pod minus etcd- (etcd names members by node)', () => {
  const p = createProfile({ ...defaultProfileConfig('https://thanos'), profile: 'openshift' });
  assert.equal(p.id, 'openshift');
  assert.equal(p.etcdMatchers(), OPENSHIFT_ETCD_SELECTOR);
  assert.match(p.etcdMatchers(), /namespace="openshift-etcd"/);
  assert.equal(p.hasClusterApi, true);
  const labels = { pod: 'etcd-master-0.example.com', instance: '10.0.0.5:9979', namespace: 'openshift-etcd' };
  assert.equal(p.memberOf(labels), 'master-0.example.com');
  assert.equal(p.nodeForMember('master-0.example.com', labels), 'master-0.example.com');
  assert.equal(p.nodeOf({ instance: 'master-0.example.com', job: 'node-exporter' }), 'master-0.example.com');
  assert.equal(p.nodeForMember('master-1', { pod: 'etcd-master-1' }, ['master-1', 'master-2']), 'master-1');
  assert.equal(p.nodeForMember('master-9', { pod: 'etcd-master-9' }, ['master-1']), undefined);
});

test('member label order is per profile: openshift prefers pod, generic prefers member; instance is the fallback', () => {
  const openshift = createProfile({ ...defaultProfileConfig('https://thanos'), profile: 'openshift' });
  const labels = { member: 'm1', pod: 'etcd-master-0', instance: '10.0.0.5:9979' };
  assert.equal(openshift.memberOf(labels), 'master-0');
  assert.equal(generic().memberOf(labels), 'm1');
  assert.equal(openshift.memberOf({ member: 'm1', pod: '', instance: 'etcd-a.example.com:2379' }), 'm1', 'empty label skipped');
  assert.equal(openshift.memberOf({ instance: 'etcd-a.example.com:2379' }), 'etcd-a.example.com');
  assert.equal(openshift.memberOf({}), 'unknown');
});

test('openshift keeps a user-customised selector', () => {
  const p = createProfile({ ...defaultProfileConfig('https://thanos'), profile: 'openshift', etcdSelector: 'namespace="my-etcd"' });
  assert.equal(p.etcdMatchers(), 'namespace="my-etcd"');
});

test('unknown profile id is a clear error', () => {
  assert.throws(() => createProfile({ ...defaultProfileConfig('x'), profile: 'k8s' as never }), /unknown profile "k8s"/);
});
