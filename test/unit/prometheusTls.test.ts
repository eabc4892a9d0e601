// TLS behaviour of the Prometheus source against an HTTPS TEST DOUBLE on 127.0.0.1 with a self-signed certificate
// generated at test time: verified by default, trusted through the CA file, skipped only on explicit opt-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { SourceError } from '../../src/core/source/types';
import { startTestDouble, vector, type TestDouble } from '../helpers/httpTestDouble';
import { makeSelfSignedCert, type TestCert } from '../helpers/selfSignedCert';

let cert: TestCert;
let d: TestDouble;
before(async () => {
  cert = makeSelfSignedCert();
  d = await startTestDouble(() => ({ body: vector([{ labels: {}, value: '1' }]) }), { key: cert.key, cert: cert.cert });
});
after(async () => {
  await d.close();
  cert.cleanup();
});

test('an untrusted certificate fails with a hint naming the CA option and the insecure opt-in', async () => {
  await assert.rejects(createPrometheusSource({ url: d.url, retries: 0 }).instant('up'), (e: unknown) => {
    assert.ok(e instanceof SourceError);
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /TLS/);
    assert.match(e.hint, /--ca-file/);
    assert.match(e.hint, /--insecure-skip-tls-verify/);
    return true;
  });
});

test('the CA file makes it trusted', async () => {
  const rows = await createPrometheusSource({ url: d.url, tls: { caFile: cert.certFile } }).instant('up');
  assert.equal(rows[0].value, 1);
});

test('insecureSkipVerify is an explicit opt-in', async () => {
  const rows = await createPrometheusSource({ url: d.url, tls: { insecureSkipVerify: true } }).instant('up');
  assert.equal(rows[0].value, 1);
});

test('a missing CA file is a bad_input error naming the option', async () => {
  await assert.rejects(createPrometheusSource({ url: d.url, tls: { caFile: '/nonexistent/ca.pem' } }).instant('up'), (e: unknown) => {
    assert.ok(e instanceof SourceError);
    assert.equal(e.kind, 'bad_input');
    assert.match(e.message, /\/nonexistent\/ca\.pem/);
    assert.match(e.hint, /CA file/);
    return true;
  });
});
