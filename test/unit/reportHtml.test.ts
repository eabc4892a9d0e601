// The standalone HTML report: every section present, no external src/href, hostile label values escaped in the
// text and in the embedded JSON, a CSP that names exactly the inline blocks, files saved atomically, a bounded
// AI prompt. Pure: fake inline assets unless a test says otherwise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { buildReportModel } from '../../src/core/report/model';
import type { ReportModel } from '../../src/core/report/modelTypes';
import { renderReportHtml, REPORT_SECTION_IDS } from '../../src/core/report/html/index';
import { rootCauseChains } from '../../src/core/report/view/rootCauseChains';
import { buildNarrativePrompt, NARRATIVE_PROMPT_MAX_CHARS } from '../../src/core/report/narrative';
import { clusterSlug, createFileReportWriter, writeReportFiles } from '../../src/core/report/saveReport';
import { escapeHtml, jsonForScript } from '../../src/core/util/html';
import { baselineResult, HOSTILE, HOSTILE_JSON, HOSTILE_MEMBER, hostileReportResult } from '../helpers/reportFixtures';

const FAKE_SCRIPT = 'document.body.setAttribute("data-charts", "0"); var s = "</script>";';
const FAKE_ASSETS = { script: FAKE_SCRIPT, css: 'body { color: black; }' };

function hostileModel(): ReportModel {
  const report = hostileReportResult();
  return buildReportModel([report, baselineResult(report.range)], { cluster: `http://127.0.0.1:9090/${HOSTILE}`, profile: 'generic', generatedAt: '2026-11-24T18:16:01.295Z' });
}

/** The markup outside <script>/<style> bodies (what the HTML parser turns into elements). */
function markupOnly(html: string): string {
  return html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '<$1></$1>');
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of markupOnly(html).matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

function dataBlock(html: string): string {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the JSON data block is present');
  return m[1];
}

describe('standalone HTML report', () => {
  const model = hostileModel();
  const html = renderReportHtml(model, { assets: FAKE_ASSETS, narrative: { text: `First point.\n\n- do ${HOSTILE}\n- then this`, model: `gpt-test ${HOSTILE}` } });

  test('every section is present, in reading order, with its heading', () => {
    let last = -1;
    for (const id of REPORT_SECTION_IDS) {
      const at = html.indexOf(`id="${id}"`);
      assert.ok(at > 0, `section ${id} present`);
      assert.ok(at > last, `section ${id} after the previous one`);
      last = at;
    }
    for (const h of ['Executive summary', 'Key metrics against thresholds', 'Per-member comparison', 'Charts', 'Bottleneck analysis', 'Recommendations', 'Comparison with history', 'Appendix']) {
      assert.match(html, new RegExp(`<h2 id="[a-z-]+-h">${h}</h2>`), h);
    }
    // One placeholder card per chart; every key metric row and member row rendered.
    assert.equal((html.match(/<figure class="chart-card"/g) ?? []).length, model.charts.length);
    assert.equal((html.match(/<tr data-verdict="[a-z_]+" data-metric=/g) ?? []).length, model.keyMetrics.length);
    assert.equal((html.match(/<tr data-member=/g) ?? []).length, model.members.rows.length);
    assert.ok(model.members.rows.length >= 3);
  });

  test('header names cluster, profile, range, etcd version and generation time', () => {
    assert.match(html, /<dt>Profile<\/dt><dd data-field="profile">generic<\/dd>/);
    const r = model.meta.range;
    const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    assert.ok(html.includes(`<dd data-field="range">${utc(r.start)} – ${utc(r.end)} (${r.duration})</dd>`), 'range line');
    assert.match(html, /<dd data-field="generated-at">2026-11-24 18:16:01 UTC<\/dd>/);
    assert.match(html, /<dd data-field="etcd-version">/);
  });

  test('executive summary: health, counts by severity, priorities', () => {
    assert.match(html, /data-health="critical"/);
    const c = model.summary.counts;
    assert.ok(c.critical >= 1);
    for (const [sev, n] of Object.entries(c)) assert.ok(html.includes(`<span class="badge badge-${sev}">${n} ${sev}</span>`), `${n} ${sev}`);
    assert.match(html, /<ol class="priorities"><li>Disk is the bottleneck on /);
  });

  test('bottlenecks: evidence, root cause and the root-cause chain from related links', () => {
    const chains = rootCauseChains(model.bottlenecks);
    const disk = chains.find((ch) => ch.root.findingId === `disk_root_cause:${HOSTILE_MEMBER}`);
    assert.ok(disk, `the disk root cause heads a chain (${chains.map((ch) => ch.root.findingId).join(', ')})`);
    assert.deepEqual(disk.effects.map((e) => e.findingId).sort(), [`node_iowait_high:node-a`, `wal_fsync_p99_high:${HOSTILE_MEMBER}`].sort());
    // Every linked finding is in exactly one chain.
    const inChains = chains.flatMap((ch) => [ch.root, ...ch.effects].map((b) => b.findingId));
    assert.equal(new Set(inChains).size, inChains.length);
    assert.match(html, /<h3>Root-cause chains<\/h3>/);
    // Chain links point at the finding cards' ids (internal fragments only).
    const ids = new Set(tags(html).map((t) => t.attrs.id).filter(Boolean));
    const chainLinks = tags(html).filter((t) => t.name === 'a' && t.attrs.href.startsWith('#finding-'));
    assert.ok(chainLinks.length >= 3);
    for (const a of chainLinks) assert.ok(ids.has(a.attrs.href.slice(1)), `${a.attrs.href} resolves`);
    assert.match(html, /<strong>Root cause: <\/strong>/);
    assert.match(html, /wal_fsync_duration: 42 ms \(threshold 10 ms\)/);
  });

  test('recommendations are ordered by priority', () => {
    const priorities = [...html.matchAll(/<li data-priority="(\d+)">/g)].map((m) => Number(m[1]));
    assert.ok(priorities.length >= 2);
    assert.deepEqual(priorities, [...priorities].sort((a, b) => a - b));
    assert.equal(priorities[0], 1);
  });

  test('history comparison from compare_etcd_to_baseline, regressions first', () => {
    assert.ok(model.history, 'model carries the history section');
    const rows = [...html.matchAll(/<tr data-verdict="(regression|improvement|unchanged|no_data_now|too_few_runs)">/g)].map((m) => m[1]);
    assert.deepEqual(rows, ['regression', 'improvement', 'unchanged', 'no_data_now']);
    assert.match(html, /\+120 %/);
    assert.match(html, /Baseline: 12 stored run\(s\)/);
    const noHistory = renderReportHtml(buildReportModel(hostileReportResult()), { assets: FAKE_ASSETS });
    assert.match(noHistory, /No history comparison/);
  });

  test('appendix lists every query used and every failed query with its hint', () => {
    const appendix = html.slice(html.indexOf('id="appendix"'));
    assert.equal((appendix.match(/<li><code>/g) ?? []).length, model.queries.length);
    assert.ok(model.queries.length > 50, 'the live fixture has many queries');
    assert.match(appendix, /Failed queries \(2\)/);
    assert.match(appendix, /What to do: retry with a shorter window/);
  });

  test('no external src or href anywhere: only #fragment links, no src attribute, no remote CSS', () => {
    const all = tags(html);
    assert.ok(all.length > 100);
    for (const t of all) {
      assert.equal(t.attrs.src, undefined, `<${t.name} src=…> present`);
      if ('href' in t.attrs) assert.match(t.attrs.href, /^#[A-Za-z0-9_-]+$/, `<${t.name} href="${t.attrs.href}">`);
      for (const [k, v] of Object.entries(t.attrs)) {
        assert.ok(!k.startsWith('on'), `event handler attribute ${k} on <${t.name}>`);
        if (k !== 'content') assert.doesNotMatch(v, /^\s*(https?:|\/\/|javascript:|data:)/i, `${k}="${v}"`);
      }
    }
    assert.equal(all.filter((t) => t.name === 'link' || t.name === 'img' || t.name === 'iframe').length, 0);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    assert.doesNotMatch(css, /@import|url\(\s*['"]?(https?:)?\/\//i);
  });

  test('hostile label values are escaped in the text', () => {
    const markup = markupOnly(html);
    assert.ok(!markup.includes('<img'), 'no <img> element');
    assert.ok(!markup.includes('onerror="'), 'no onerror attribute');
    assert.ok(markup.includes(escapeHtml(HOSTILE_MEMBER)), 'member name shown escaped');
    assert.ok(markup.includes(`data-member="${escapeHtml(HOSTILE_MEMBER)}"`), 'escaped in attributes too');
    assert.ok(markup.includes(`AI analysis (generated by gpt-test ${escapeHtml(HOSTILE)})`), 'model name escaped in the AI label');
    // Exactly the two script elements the renderer writes.
    assert.equal((html.match(/<script\b/gi) ?? []).length, 2);
    assert.equal(tags(html).filter((t) => t.name === 'script').length, 2);
  });

  test('hostile label values are escaped in the JSON block, which round-trips to the model', () => {
    const block = dataBlock(html);
    assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
    assert.ok(!block.includes('</script'));
    assert.deepEqual(JSON.parse(block), JSON.parse(JSON.stringify(model)));
    assert.ok(JSON.parse(block).members.rows.some((r: { member: string }) => r.member === HOSTILE_MEMBER));
    assert.equal(JSON.parse(jsonForScript({ s: `a\u2028b${HOSTILE_JSON}<!--` })).s, `a\u2028b${HOSTILE_JSON}<!--`);
  });

  test('the CSP allows exactly the inline script and style by hash; </script inside the script is neutralised', () => {
    const meta = tags(html).find((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.ok(meta);
    const csp = meta.attrs.content.replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    const inline = /<script>([\s\S]*?)<\/script>\s*<\/body>/.exec(html)![1];
    assert.ok(!/<\/script/i.test(inline), 'inline script cannot close itself');
    const hash = createHash('sha256').update(inline).digest('base64');
    assert.match(csp, new RegExp(`script-src 'sha256-${hash.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  });

  test('a missing chart bundle still gives a report, saying why charts are missing', () => {
    const out = renderReportHtml(model, { assets: { css: '', scriptProblem: 'the chart bundle x is missing: run "npm run build"' } });
    assert.match(out, /Charts are not included: the chart bundle x is missing/);
    assert.equal((out.match(/<script\b/gi) ?? []).length, 1);
    assert.match(out, /script-src 'none'|script-src &#39;none&#39;/);
  });

  test('the real built bundle (when built) inlines without a closing tag or HTML comment opener', () => {
    const real = renderReportHtml(model);
    const inline = /<script>([\s\S]*?)<\/script>\s*<\/body>/.exec(real);
    if (inline) {
      assert.ok(inline[1].length > 100_000, 'Chart.js is inlined');
      assert.ok(!inline[1].includes('<!--'));
      assert.doesNotMatch(inline[1], /sourceMappingURL/);
    } else {
      assert.match(real, /Charts are not included: .*npm run build/);
    }
  });
});

describe('saving the report', () => {
  test('writes etcd-report-<cluster>-<timestamp>.{html,json,md} and nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-report-'));
    try {
      const result = hostileReportResult();
      const saved = await writeReportFiles(path.join(dir, 'sub'), result, { meta: { cluster: 'http://127.0.0.1:9090', generatedAt: '2026-11-24T18:16:01.295Z' }, assets: FAKE_ASSETS });
      const names = fs.readdirSync(path.join(dir, 'sub')).sort();
      assert.deepEqual(names, ['etcd-report-127.0.0.1-9090-20261124-181601.html', 'etcd-report-127.0.0.1-9090-20261124-181601.json', 'etcd-report-127.0.0.1-9090-20261124-181601.md']);
      assert.equal(saved.html, path.join(dir, 'sub', names[0]));
      assert.match(fs.readFileSync(saved.html!, 'utf8'), /^<!DOCTYPE html>/);
      assert.equal(JSON.parse(fs.readFileSync(saved.json!, 'utf8')).tool, 'generate_etcd_performance_report');
      // The saved markdown is the whole report (the same sections as the HTML file), not the chat answer.
      const md = fs.readFileSync(saved.md!, 'utf8');
      assert.match(md, /^# etcd performance report\n/);
      for (const title of ['Executive summary', 'Key metrics against thresholds', 'Per-member comparison', 'Bottleneck analysis', 'Appendix']) assert.ok(md.includes(`\n## ${title}\n`), title);

      const writer = createFileReportWriter(path.join(dir, 'w'), { assets: FAKE_ASSETS, formats: ['html'] });
      const { path: p } = await writer.write(result);
      assert.match(path.basename(p), /^etcd-report-cluster-\d{8}-\d{6}\.html$/);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'w')), [path.basename(p)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cluster names become safe file name parts', () => {
    assert.equal(clusterSlug('https://thanos-querier.openshift-monitoring.svc:9091/'), 'thanos-querier.openshift-monitoring.svc-9091');
    assert.equal(clusterSlug('../../etc/passwd'), 'etc-passwd');
    assert.equal(clusterSlug(HOSTILE), 'script-img-src-x-onerror-window.__pwned-1');
    assert.equal(clusterSlug(undefined), 'cluster');
    assert.ok(clusterSlug('x'.repeat(500)).length <= 60);
  });
});

describe('AI narrative prompt', () => {
  test('built from the structured data, bounded, without raw series', () => {
    const model = hostileModel();
    const prompt = buildNarrativePrompt(model);
    assert.ok(prompt.length <= NARRATIVE_PROMPT_MAX_CHARS + 40, `${prompt.length} chars`);
    assert.match(prompt, /Overall health: critical/);
    assert.match(prompt, /WAL fsync p99: /);
    assert.match(prompt, /Disk is the bottleneck on/);
    // No chart points (epoch ms timestamps) and no PromQL dumps.
    assert.doesNotMatch(prompt, /\b1[0-9]{12}\b/);
    assert.doesNotMatch(prompt, /histogram_quantile/);

    const huge = { ...model, bottlenecks: Array.from({ length: 500 }, () => model.bottlenecks[0]), recommendations: Array.from({ length: 200 }, () => model.recommendations[0]) };
    assert.ok(buildNarrativePrompt(huge).length <= NARRATIVE_PROMPT_MAX_CHARS + 40);
  });
});

describe('standalone report leads with the diagnosis', () => {
  test('executive summary: diagnosis line, causes with their recommendation, not-judged signals, hostile text escaped', () => {
    const r = hostileReportResult();
    const withD = {
      ...r,
      diagnosis: {
        verdict: 'critical' as const,
        headline: `Slow disk on ${HOSTILE_MEMBER}: WAL fsync latency p99 42 ms, 6× its peers`,
        incidents: [
          {
            id: `disk:${HOSTILE_MEMBER}`, rank: 1, severity: 'critical' as const, category: 'disk' as const, member: HOSTILE_MEMBER, confidence: 'high' as const,
            headline: `Slow disk on ${HOSTILE_MEMBER}: WAL fsync latency p99 42 ms, 6× its peers`, evidence: [], reasoning: 'r',
            causeFindings: [`wal_fsync_p99_high:${HOSTILE_MEMBER}`], consequences: ['x', 'y'], recommendation: 'Give etcd a dedicated SSD',
          },
        ],
        unexplained: [],
        unjudged: [{ signal: 'peer round-trip time', reason: `no series ${HOSTILE}` }],
      },
    };
    const html = renderReportHtml(buildReportModel(withD), { generator: 'test' });
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="key-metrics"'));
    assert.match(summary, /class="headline">Critical — Slow disk on m2/);
    assert.match(summary, /Causes, in the order to look at them/);
    assert.match(summary, /high confidence; explains 2 other findings/);
    assert.match(summary, /→ Give etcd a dedicated SSD/);
    assert.match(summary, /Not judged \(1\)/);
    assert.match(summary, /cannot judge peer round-trip time because no series/);
    assert.ok(!summary.includes(HOSTILE), 'hostile text is escaped');
  });
});
