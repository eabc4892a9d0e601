// Threshold overrides for the CLI and the MCP server: a --thresholds FILE, else inline JSON in
// ETCD_ANALYZER_THRESHOLDS (how the VS Code extension hands its etcdAnalyzer.thresholds setting to the MCP server).
import { readFileSync } from 'node:fs';
import { ConnectionError, ENV } from './connection';
import { ThresholdsError, validateThresholds } from '../analysis/thresholdsSchema';

/** The parsed and validated overrides, or undefined; ConnectionError names everything that is wrong. */
export function readThresholdsInput(file: string | undefined, env: NodeJS.ProcessEnv): unknown {
  const raw = readRaw(file, env);
  if (raw === undefined) return undefined;
  try {
    validateThresholds(raw);
  } catch (err) {
    if (err instanceof ThresholdsError) throw new ConnectionError(`${file ? `--thresholds ${file}` : ENV.thresholds}: ${err.problems.join('; ')}; see README "Thresholds"`);
    throw err;
  }
  return raw;
}

function readRaw(file: string | undefined, env: NodeJS.ProcessEnv): unknown {
  if (file) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new ConnectionError(`--thresholds ${file}: ${e.code ? `cannot read (${e.code})` : `not valid JSON (${e.message})`}; see README "Thresholds"`);
    }
  }
  const inline = env[ENV.thresholds]?.trim();
  if (!inline) return undefined;
  try {
    return JSON.parse(inline);
  } catch (err) {
    throw new ConnectionError(`${ENV.thresholds}: not valid JSON (${(err as Error).message}); set it to a JSON object like {"walFsyncP99Seconds": {"warning": 0.02}} or unset it (README "Thresholds")`);
  }
}
