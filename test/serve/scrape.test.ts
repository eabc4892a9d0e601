// Findings as metrics, end to end: `serve --every 30s` on the port the test bed's Prometheus scrapes (job
// analyzer-serve, 8080 + the bed's offset, see scripts/testbed/up.sh), and the findings found again through PromQL.
// A threshold file makes WAL fsync p99 a warning on every member (any fsync is above 1 ns), so a finding exists
// whatever the machine's load.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promValue, waitForProm } from '../helpers/prom';
import { bedPromUrl, rawRequest, startServe } from '../helpers/serveProcess';

describe('serve: /metrics scraped by the bed Prometheus', () => {
  it('the periodic diagnosis is scraped: finding and last-run series visible through PromQL', async () => {
    const offset = Number(process.env.TESTBED_PORT_OFFSET);
    assert.ok(Number.isInteger(offset), 'TESTBED_PORT_OFFSET is set by scripts/with-testbed.sh');
    const dir = mkdtempSync(join(tmpdir(), 'etcd-serve-scrape-'));
    const thresholds = join(dir, 'thresholds.json');
    writeFileSync(thresholds, JSON.stringify({ walFsyncP99Seconds: { warning: 1e-9, critical: 1000 } }));
    const prom = bedPromUrl();
    const srv = await startServe(['--port', String(8080 + offset), '--prometheus', prom, '--every', '30s', '--window', '5m', '--thresholds', thresholds]);
    try {
      // The first periodic run starts at once; Prometheus scrapes every 5 s.
      const ts = await waitForProm(prom, 'max(etcd_analyzer_last_run_timestamp_seconds{job="analyzer-serve"})', (v) => v !== undefined && v > 0, 120_000);
      assert.ok(ts !== undefined && ts > Date.now() / 1000 - 600, `a recent last-run timestamp through PromQL (got ${ts})\n${srv.stderr()}`);
      const q = 'count(etcd_analyzer_finding{job="analyzer-serve",rule="wal_fsync_p99_high",severity="warning"})';
      const n = await waitForProm(prom, q, (v) => v === 3, 60_000);
      assert.equal(n, 3, 'a WAL fsync finding per member, through PromQL');
      const verdict = await promValue(prom, 'sum(etcd_analyzer_diagnosis_verdict{job="analyzer-serve"})');
      assert.equal(verdict, 1, 'exactly one verdict is current');
      const up = await promValue(prom, 'up{job="analyzer-serve"}');
      assert.equal(up, 1);
      const status = JSON.parse((await rawRequest(`${srv.url}/api/v1/status`)).body);
      assert.equal(status.periodic.everySeconds, 30);
      assert.equal(status.periodic.lastRun.tool, 'get_etcd_bottleneck_analysis');
    } finally {
      assert.equal(await srv.stop(), 0, 'SIGTERM stops the periodic analysis and exits 0');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
