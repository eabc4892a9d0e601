// The registry and the report both derive from WINDOW_ANALYZERS: pin the orders users see (tool list, report sections).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzerNames } from '../../src/core/analyzers/registry';
import { REPORT_SECTIONS } from '../../src/core/analyzers/performanceReport';
import { EXPECTED_TOOLS } from '../helpers/toolNames';

test('the registry lists the tools in the architecture order', () => {
  assert.deepEqual([...analyzerNames], EXPECTED_TOOLS);
});

test('report sections: bottleneck and deep drive first (their findings win de-duplication), then the listing order', () => {
  // After those two: the first ten listed tools (server health … network I/O), the other whole-window data tools.
  const rest = EXPECTED_TOOLS.slice(0, EXPECTED_TOOLS.indexOf('get_etcd_network_io') + 1);
  assert.equal(rest.length, 10);
  assert.deepEqual(REPORT_SECTIONS.map((a) => a.name), ['get_etcd_bottleneck_analysis', 'get_etcd_performance_deep_drive', ...rest]);
});
