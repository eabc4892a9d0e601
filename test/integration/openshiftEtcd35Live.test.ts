// The openshift profile against live data shaped like etcd 3.5/3.6: the OpenShift-labelled bed whose Prometheus
// drops the 3.4-only `etcd_debugging_mvcc_` names 3.5 removed and reports server_version 3.5.26
// (scripts/testbed/variant-openshift.sh, VARIANT=openshift-35), so the catalog's 3.5+ names carry real data.
// Its own bed on port offset 6000, started once for the file and stopped after (by PID).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOpenShiftLive } from '../helpers/openshiftLiveChecks';
import { promValue } from '../helpers/prom';

const REMOVED_IN_35 = ['db_total_size_in_bytes', 'put_total', 'delete_total', 'txn_total', 'range_total'].map((n) => `etcd_debugging_mvcc_${n}`);

describeOpenShiftLive('openshift profile on the etcd 3.5-named live bed', 6000, 'openshift-35', { extra: (get) => {
  test('Prometheus has only the 3.5 names; the 3.5+ branch is chosen and returns real data', async () => {
    const { live, results } = get();
    for (const name of REMOVED_IN_35) assert.equal(await promValue(live.bed.promUrl, `count(${name})`), undefined, `${name} is dropped`);
    for (const name of ['etcd_mvcc_db_total_size_in_bytes', 'etcd_mvcc_put_total', 'etcd_mvcc_delete_total', 'etcd_debugging_mvcc_db_compaction_total_duration_milliseconds_count']) {
      assert.equal(await promValue(live.bed.promUrl, `count(${name}{job="etcd"})`), 3, `${name} on every member`);
    }
    assert.equal(await promValue(live.bed.promUrl, 'count(etcd_server_version{server_version="3.5.26"})'), 3);
    const general = results.get('get_etcd_general_info')!;
    const sizeQuery = general.queries?.find((q) => q.includes('db_total_size_in_bytes') && !q.includes('in_use')) ?? '';
    assert.ok(sizeQuery.indexOf('etcd_mvcc_db_total_size_in_bytes') < sizeQuery.indexOf('etcd_debugging_mvcc_db_total_size_in_bytes'), 'generation 3.5+: the 3.5 name is tried first');
    const compaction = results.get('get_etcd_disk_compact_defrag')!;
    assert.ok(compaction.queries?.some((q) => q.includes('etcd_debugging_mvcc_db_compaction_total_duration_milliseconds')), 'compaction keeps its debugging name in 3.5');
    assert.ok(compaction.metrics.some((m) => m.metric === 'compactions'), 'the compaction counter answers (zero compactions is a value, not "no series")');
  });
} });
