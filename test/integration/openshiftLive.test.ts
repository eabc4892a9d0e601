// The openshift profile against live data labelled exactly as OpenShift labels it (etcd 3.4.23 names), through
// route discovery; last, the same bed switched to OpenShift's `minimal` collection profile. Its own bed on port
// offset 5000, started once for the file and stopped after (by PID).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOpenShiftLive } from '../helpers/openshiftLiveChecks';
import { promValue, waitForProm } from '../helpers/prom';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { buildDashboardState } from '../../src/core/report/dashboardState';

describeOpenShiftLive('openshift profile on the OpenShift-labelled live bed', 5000, 'openshift', {
  last: (get) => {
    test('minimal collection profile (the real ServiceMonitor keep list): one notice naming what is lost; the rest still analysed', async () => {
      const { live } = get();
      await live.bed.reconfigure('openshift-minimal');
      const gone = await waitForProm(live.bed.promUrl, 'count(etcd_server_version{job="etcd"}) or vector(0)', (v) => v === 0, 30_000);
      assert.equal(gone, 0, 'etcd_server_version is no longer scraped');
      assert.equal(await promValue(live.bed.promUrl, 'count(etcd_server_has_leader{job="etcd"})'), 3);
      const { ctx } = await live.context();
      const deep = await runAnalyzer(ctx, 'get_etcd_performance_deep_drive', { duration: '5m' }, { record: false });
      const notices = deep.errors.filter((e) => /reduced set of etcd metrics/.test(e.message));
      assert.equal(notices.length, 1, JSON.stringify(deep.errors.map((e) => e.message)));
      assert.match(notices[0].message, /`minimal` monitoring collection profile/);
      assert.match(notices[0].hint, /collectionProfile: full/);
      assert.notEqual(deep.status, 'failed');
      const status = await runAnalyzer(ctx, 'get_etcd_cluster_status', {}, { record: false });
      const s = buildDashboardState({ range: '15m', deep, status });
      assert.deepEqual(s.members.map((m) => m.name), [...live.nodes].sort(), 'still one row per member');
      assert.ok(s.problems.some((p) => /reduced set of etcd metrics/.test(p.message)), 'the dashboard shows the notice');
    });
  },
});
