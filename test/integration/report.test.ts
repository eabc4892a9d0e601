// The full report of the live cluster from the CLI, as a user runs it: `etcd-analyzer report --out r.html` writes
// the standalone HTML file with the live members in it (names read from etcd itself). Prints how long it took.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { liveBed } from '../helpers/testbed';
import { escapeHtml } from '../../src/core/util/html';
import { createContext } from '../../src/core/context';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { createFileReportWriter } from '../../src/core/report/saveReport';
import { buildReportModel } from '../../src/core/report/model';
import { openHistoryStore } from '../../src/core/history/store';

const ROOT = path.resolve(__dirname, '../..');
const bed = liveBed();
const run = promisify(execFile);
const EXIT_FINDINGS = 1;

/** Member names as etcd reports them (v3 JSON gateway), not as the report would: an independent source. */
async function liveMemberNames(): Promise<string[]> {
  const endpoint = bed.etcdEndpoints[0].startsWith('http') ? bed.etcdEndpoints[0] : `http://${bed.etcdEndpoints[0]}`;
  const res = await fetch(`${endpoint}/v3/cluster/member/list`, { method: 'POST', body: '{}' });
  const body = (await res.json()) as { members?: { name?: string }[] };
  return (body.members ?? []).map((m) => m.name ?? '').filter(Boolean).sort();
}

describe('etcd-analyzer report --out FILE.html (live cluster)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-report-cli-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes a self-contained HTML report naming the live members', async () => {
    const out = path.join(dir, 'r.html');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ETCD_ANALYZER_')));
    const t0 = Date.now();
    let code = 0;
    let stdout = '';
    let stderr = '';
    try {
      ({ stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'report', '--out', out, '--duration', '15m', '--prometheus', bed.promUrl, '--etcd-endpoints', bed.etcdEndpoints.join(',')],
        { cwd: ROOT, env, maxBuffer: 32 << 20 },
      ));
    } catch (err) {
      ({ code, stdout, stderr } = err as { code: number; stdout: string; stderr: string });
    }
    const ms = Date.now() - t0;
    console.log(`full report of the live cluster via the CLI (15m window, incl. node/tsx start-up): ${(ms / 1000).toFixed(2)} s`);

    assert.ok(code === 0 || code === EXIT_FINDINGS, `exit ${code}: ${stderr}`);
    assert.match(stdout, new RegExp(`wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);

    const members = await liveMemberNames();
    assert.equal(members.length, 3, `etcd lists 3 members: ${members.join(', ')}`);
    for (const m of members) assert.ok(html.includes(`<tr data-member="${escapeHtml(m)}">`), `member ${m} has a row in the comparison table`);

    // Live data, not an empty shell: key metrics graded, charts' data embedded, the chart script inlined.
    assert.match(html, /<tr data-verdict="(pass|warn|fail)" data-metric="wal_fsync_duration">/);
    const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    assert.equal(data.meta.cluster, bed.promUrl);
    assert.ok(data.charts.some((c: { lines: { t: number[] }[] }) => c.lines.some((l) => l.t.length > 10)), 'chart series embedded');
    assert.ok(data.queries.length > 20, `queries listed (${data.queries.length})`);
    assert.ok(/<script>[\s\S]{100000,}<\/script>\s*<\/body>/.test(html), 'Chart.js bundle inlined (run "npm run build" if this fails)');
    assert.doesNotMatch(html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ''), /\s(src|href)="(?!#)/, 'no external src/href');
  });

  test('generate_etcd_performance_report saves through ctx.reportWriter and returns data.htmlPath', async () => {
    const ctx = createContext({ profile: { profile: 'generic', prometheusUrl: bed.promUrl, etcdSelector: 'job="etcd"', nodeSelector: 'job="node"', etcdEndpoints: bed.etcdEndpoints } });
    const outDir = path.join(dir, 'tool');
    ctx.reportWriter = createFileReportWriter(outDir, { meta: { cluster: bed.promUrl } });
    const t0 = Date.now();
    const result = await runAnalyzer(ctx, 'generate_etcd_performance_report', { duration: '15m' }, { record: false });
    console.log(`full report of the live cluster in-process (analyzers + HTML/JSON/MD files): ${((Date.now() - t0) / 1000).toFixed(2)} s`);
    assert.notEqual(result.status, 'failed', result.summary);
    const htmlPath = result.data?.htmlPath as string;
    assert.ok(htmlPath && fs.existsSync(htmlPath), `data.htmlPath ${htmlPath} exists`);
    assert.equal(path.dirname(htmlPath), outDir);
    assert.ok(result.summary.includes(htmlPath), 'the summary names the saved file');
    assert.deepEqual(fs.readdirSync(outDir).map((f) => path.extname(f)).sort(), ['.html', '.json', '.md']);
    const html = fs.readFileSync(htmlPath, 'utf8');
    for (const m of await liveMemberNames()) assert.ok(html.includes(`<tr data-member="${escapeHtml(m)}">`), `member ${m} in the saved file`);
  });

  test('with history on, the report carries the baseline comparison itself (the same report from every face)', async () => {
    const store = await openHistoryStore(path.join(dir, 'history.sqlite'));
    try {
      const ctx = createContext({ profile: { profile: 'generic', prometheusUrl: bed.promUrl, etcdSelector: 'job="etcd"', nodeSelector: 'job="node"' }, history: store });
      const result = await runAnalyzer(ctx, 'generate_etcd_performance_report', { duration: '5m' }, { record: true });
      assert.notEqual(result.status, 'failed', result.summary);
      const comparison = result.data?.historyComparison as { comparisons?: unknown[] } | undefined;
      assert.ok(comparison && Array.isArray(comparison.comparisons), 'data.historyComparison holds the baseline rows');
      const model = buildReportModel([result]);
      assert.ok(model.history, 'the report model (HTML file, panel, CLI, MCP) has the history section');
      assert.ok(model.history.rows.length > 0, 'one row per compared metric and member');
    } finally {
      await store.close();
    }
  });
});

