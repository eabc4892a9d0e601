// Source files under a folder of the project, for tests that read the code itself (what faces import or name).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/** Files below `dir` (relative to the project) whose names match `pattern`; bounded depth. */
export function sourceFiles(dir: string, pattern = /\.(ts|mts|cts|js|mjs|cjs)$/): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 8) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, depth + 1);
      else if (pattern.test(name)) out.push(p);
    }
  };
  walk(join(PROJECT_ROOT, dir), 0);
  return out;
}
