// `npm run demo`: a real 3-member etcd + node-exporter + Prometheus on 127.0.0.1, some write load, the full
// analysis over the last 5 minutes, written to ./etcd-report/ (report.html, report.md, report.json). Idempotent: a running
// demo cluster is reused. The cluster is left running for the extension/CLI/MCP to look at; stop it with
// scripts/testbed/down.sh (printed at the end).
// Env: DEMO_PORT_OFFSET (default 0: Prometheus :9090, etcd :2379/:22379/:12379), DEMO_BED (state dir),
//      DEMO_OUT (default ./etcd-report).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { resolveConnection } from '../src/core/config/connection';
import { createContext } from '../src/core/context';
import { runAnalyzer } from '../src/core/analyzers/runAnalyzer';
import { analyzerFor } from '../src/core/analyzers/registry';
import { writeReportFiles } from '../src/cli/reportFiles';

const ROOT = resolve(__dirname, '..');
const OFFSET = Number(process.env.DEMO_PORT_OFFSET ?? 0);
const BED = process.env.DEMO_BED ?? (OFFSET ? `/tmp/etcd-analyzer-demo-${OFFSET}` : '/tmp/etcd-analyzer-demo');
const OUT = resolve(process.env.DEMO_OUT ?? 'etcd-report');
const DURATION = '5m';
const env = { ...process.env, PORT_OFFSET: String(OFFSET), BED };

function sh(script: string, args: string[] = [], quiet = false): boolean {
  const r = spawnSync('bash', [join(ROOT, 'scripts/testbed', script), ...args], { env, stdio: quiet ? 'pipe' : 'inherit' });
  return r.status === 0;
}

function step(text: string): void {
  console.log(`\n▶ ${text}`);
}

async function promValue(promUrl: string, q: string): Promise<string | undefined> {
  try {
    const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
    return body.data?.result?.[0]?.value[1];
  } catch {
    return undefined; // Prometheus still starting: try again.
  }
}

async function waitForWindowData(promUrl: string): Promise<boolean> {
  // All three members need fsync events inside the analysed window, and the rolling-rate statistics (CPU, peer
  // RTT, worst rolling p99) need about a minute of scrapes (14 × 5 s); a bed that already runs passes at once.
  const fsync = `count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[${DURATION}]) > 0)`;
  const history = `count(count_over_time(up{job="etcd"}[${DURATION}]) >= 14)`;
  for (let i = 0; i < 120; i++) {
    if ((await promValue(promUrl, fsync)) === '3' && (await promValue(promUrl, history)) === '3') return true;
    await new Promise((res) => setTimeout(res, 1000));
  }
  return false;
}

async function main(): Promise<number> {
  if (!Number.isInteger(OFFSET) || OFFSET < 0 || OFFSET > 30000) {
    console.error(`DEMO_PORT_OFFSET must be an integer 0..30000, got ${process.env.DEMO_PORT_OFFSET}`);
    return 2;
  }
  step('checking the Debian packages (etcd-server etcd-client prometheus prometheus-node-exporter)');
  if (!sh('install.sh')) return 1;

  step(`starting the local cluster (offset ${OFFSET}, state in ${BED})`);
  if (!sh('up.sh')) {
    console.error(`the test bed did not start: see the lines above (logs in ${BED}/logs). Ports busy? Try DEMO_PORT_OFFSET=500 npm run demo`);
    return 1;
  }
  const bedEnv = Object.fromEntries(
    readFileSync(join(BED, 'env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  step('applying write load (600 puts of 1 KiB)');
  sh('load.sh', ['600', '1024']);

  step(`waiting until Prometheus has the load and a minute of scrapes in its ${DURATION} window`);
  if (!(await waitForWindowData(bedEnv.PROM_URL))) console.warn('  not every member has data yet: the report may say "no data" for some');

  step(`running the full analysis over the last ${DURATION} (${analyzerFor('report').name})`);
  const connection = resolveConnection({ prometheus: bedEnv.PROM_URL, etcdEndpoints: bedEnv.ETCD_ENDPOINTS }, {});
  const { historyFile: _none, ...engine } = connection;
  const ctx = createContext(engine);
  const t0 = Date.now();
  const result = await runAnalyzer(ctx, analyzerFor('report').name, { duration: DURATION }, { record: false });
  const files = await writeReportFiles(result, OUT, { cluster: bedEnv.PROM_URL, profile: 'generic', thresholds: ctx.thresholds, baseName: 'report' });

  const bySeverity = (s: string) => result.findings.filter((f) => f.severity === s).length;
  console.log(`\n${result.title} — status ${result.status}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(result.summary);
  console.log(
    `findings: ${bySeverity('critical')} critical, ${bySeverity('warning')} warning, ${bySeverity('info')} info; ` +
      `${result.metrics.length} metric summaries; ${result.errors.length} failed queries`,
  );
  console.log(`\nreport: ${files.map((f) => relative(process.cwd(), f)).join(', ')}`);
  console.log(`\nThe cluster keeps running (Prometheus ${bedEnv.PROM_URL}). Try:`);
  console.log(`  node dist/cli.js run ${analyzerFor('diagnosis').name} --prometheus ${bedEnv.PROM_URL} --etcd-endpoints ${bedEnv.ETCD_ENDPOINTS}   (after npm run build)`);
  console.log(`Stop it:  BED=${BED} scripts/testbed/down.sh     (add WIPE=1 to delete its data)`);
  return result.status === 'failed' ? 1 : 0;
}

if (!existsSync(join(ROOT, 'scripts/testbed/up.sh'))) throw new Error('run from the project checkout');
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
