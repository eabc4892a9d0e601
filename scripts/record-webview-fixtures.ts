// Records the webview test fixtures from a real run: the dashboard's two analyzers (deep drive with series,
// cluster status) against a live cluster, and the DashboardState / ReportModel built from them.
// Usage: ETCD_ANALYZER_PROMETHEUS_URL=http://127.0.0.1:9090 ETCD_ANALYZER_ETCD_ENDPOINTS=http://127.0.0.1:2379,… \
//        ETCD_ANALYZER_ETCD_SELECTOR='job="etcd"' ETCD_ANALYZER_NODE_SELECTOR='job="node"' \
//        node --import tsx scripts/record-webview-fixtures.ts [duration=15m]
// (defaults to the dev bed on 127.0.0.1:9090 / 2379,22379,12379). Writes test/fixtures/webview/*.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConnection } from '../src/core/config/connection';
import { createContext } from '../src/core/context';
import { deepDriveAnalyzer } from '../src/core/analyzers/deepDrive';
import { clusterStatusAnalyzer } from '../src/core/analyzers/clusterStatus';
import { commonInput } from '../src/core/analyzers/input';
import { buildDashboardState } from '../src/core/report/dashboardState';
import { buildReportModel } from '../src/core/report/model';
import type { DashboardRange } from '../src/core/report/dashboardTypes';

const env = {
  ETCD_ANALYZER_PROMETHEUS_URL: 'http://127.0.0.1:9090',
  ETCD_ANALYZER_ETCD_ENDPOINTS: 'http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:12379',
  ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"',
  ETCD_ANALYZER_NODE_SELECTOR: 'job="node"',
  ...process.env,
};

async function main(): Promise<void> {
  const duration = (process.argv[2] ?? '15m') as DashboardRange;
  const conn = resolveConnection({}, env);
  const out = path.join(__dirname, '..', 'test', 'fixtures', 'webview');
  fs.mkdirSync(out, { recursive: true });
  // The two analyzers the views run, called directly (no history recording), one context each as the extension does.
  const [deep, status] = await Promise.all([
    deepDriveAnalyzer.run(createContext(conn), commonInput.parse({ duration })),
    clusterStatusAnalyzer.run(createContext(conn), commonInput.parse({})),
  ]);
  const state = buildDashboardState({ range: duration, deep, status, now: new Date(Date.parse(deep.range.end)) });
  const model = buildReportModel([deep, status], {
    cluster: conn.profile.prometheusUrl,
    profile: conn.profile.profile,
    generatedAt: deep.range.end,
  });
  const write = (name: string, data: unknown) => fs.writeFileSync(path.join(out, name), JSON.stringify(data) + '\n');
  write('deep-drive.json', deep);
  write('cluster-status.json', status);
  write('dashboard-state.json', state);
  write('report-model.json', model);
  const points = (deep.series ?? []).reduce((n, s) => n + s.points.length, 0);
  console.log(
    `recorded ${duration}: deep drive ${deep.status} (${deep.metrics.length} metrics, ${deep.series?.length ?? 0} series / ${points} points, ` +
      `${deep.findings.length} findings, ${deep.errors.length} errors); cluster status ${status.status}; ` +
      `dashboard ${state.status} with ${state.members.length} members`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
