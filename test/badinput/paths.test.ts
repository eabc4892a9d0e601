// History and report paths: only a regular file (or a path to create) is written. Devices, FIFOs, sockets,
// directories and read-only files are refused with a message naming the path and what it is; they are left exactly
// as they were; the analysis still completes and is printed. Special files are made in a temp dir (the real
// /dev/null is only stat'ed, to show it is refused and untouched).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, promFlags, tempDir } from './harness';
import { writeFileAtomic } from '../../src/core/util/atomicWrite';
import { checkDirTarget, checkFileTarget, PathRefused } from '../../src/core/util/safePath';

let prom: FakePrometheus;
const tmp = tempDir('etcd-badinput-paths-');
let sock: Server;
const FIFO = join(tmp.dir, 'fifo');
const SOCKET = join(tmp.dir, 'sock');
const DIR = join(tmp.dir, 'a-dir');
const RO = join(tmp.dir, 'readonly.sqlite');
const LINK = join(tmp.dir, 'link-to-fifo');
const WAL = 'get_etcd_disk_wal_fsync';

before(async () => {
  prom = await startFakePrometheus();
  execFileSync('mkfifo', [FIFO]);
  sock = createServer();
  await new Promise<void>((r) => sock.listen(SOCKET, r));
  mkdirSync(DIR);
  writeFileSync(RO, 'not touched');
  chmodSync(RO, 0o444);
  symlinkSync(FIFO, LINK);
});
after(async () => {
  await prom?.close();
  await new Promise<void>((r) => sock.close(() => r()));
  tmp.remove();
});

function snapshot(p: string): string {
  const st = statSync(p);
  return `${st.mode.toString(8)} ${st.ino} ${st.uid} ${st.size} ${st.rdev}`;
}

const SPECIAL: [string, () => string, RegExp][] = [
  ['/dev/null', () => '/dev/null', /character device/],
  ['a FIFO', () => FIFO, /named pipe/],
  ['a socket', () => SOCKET, /socket/],
  ['a directory', () => DIR, /a directory/],
  ['a symlink to a FIFO', () => LINK, /named pipe/],
  ['a read-only file', () => RO, /read-only/],
];

describe('--history refuses special and read-only files; the analysis still prints', () => {
  for (const [name, path, kind] of SPECIAL) {
    test(`--history ${name}`, async () => {
      const before = snapshot(path());
      const r = await cli(['run', WAL, ...promFlags(prom.url), '--history', path()]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /WAL fsync p99/, 'the analysis is printed');
      assert.match(r.stderr, /warning: history skipped/);
      assert.match(r.stderr, kind);
      assert.equal(snapshot(path()), before, `${path()} unchanged`);
      if (path() === RO) assert.equal(readFileSync(RO, 'utf8'), 'not touched');
    });
  }

  test('an existing 0640 history file keeps its mode after a recorded run', async () => {
    const file = join(tmp.dir, 'h0640.sqlite');
    const r1 = await cli(['run', WAL, ...promFlags(prom.url), '--history', file]);
    assert.equal(r1.code, 0, r1.stderr);
    chmodSync(file, 0o640);
    const r2 = await cli(['run', WAL, ...promFlags(prom.url), '--history', file]);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });
});

describe('report --out refuses special paths: exit 2, the report printed instead', () => {
  const outs: [string, () => string, RegExp][] = [
    ['/dev/null (folder expected)', () => '/dev/null', /character device/],
    ['a FIFO named .html', () => join(tmp.dir, 'f.html'), /named pipe/],
    ['a read-only .md', () => join(tmp.dir, 'ro.md'), /read-only/],
    ['a directory named .json', () => join(tmp.dir, 'd.json'), /a directory/],
    ['a folder that is a regular file', () => RO, /not a directory/],
    ['a read-only folder', () => join(tmp.dir, 'ro-dir'), /not writable/],
    ['a path under a regular file', () => join(RO, 'sub'), /not a directory|parent of it is a file/],
  ];
  before(() => {
    execFileSync('mkfifo', [join(tmp.dir, 'f.html')]);
    writeFileSync(join(tmp.dir, 'ro.md'), 'keep');
    chmodSync(join(tmp.dir, 'ro.md'), 0o444);
    mkdirSync(join(tmp.dir, 'd.json'));
    mkdirSync(join(tmp.dir, 'ro-dir'));
    chmodSync(join(tmp.dir, 'ro-dir'), 0o555);
  });
  for (const [name, path, kind] of outs) {
    test(`--out ${name}`, async () => {
      const before = snapshot(path().replace(/\/sub$/, ''));
      const r = await cli(['report', ...promFlags(prom.url), '--duration', '15m', '--out', path()]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stdout, /etcd performance report|Bottleneck|WAL/i, 'the report is printed');
      assert.match(r.stderr, kind);
      assert.match(r.stderr, /printed above instead/);
      assert.equal(snapshot(path().replace(/\/sub$/, '')), before);
    });
  }
});

describe('the writers themselves refuse special files', () => {
  test('writeFileAtomic onto a FIFO throws PathRefused, the FIFO stays', async () => {
    const before = snapshot(FIFO);
    await assert.rejects(writeFileAtomic(FIFO, Buffer.from('x')), PathRefused);
    assert.equal(snapshot(FIFO), before);
  });
  test('checkFileTarget accepts a new file in a writable folder and an existing regular file', () => {
    checkFileTarget(join(tmp.dir, 'new', 'deeper', 'x.html'), 'report file');
    writeFileSync(join(tmp.dir, 'plain.html'), '');
    checkFileTarget(join(tmp.dir, 'plain.html'), 'report file');
  });
  test('checkDirTarget refuses /dev/null as a report folder', () => {
    assert.throws(() => checkDirTarget('/dev/null', 'report folder'), /report folder \/dev\/null is a character device/);
  });
});
