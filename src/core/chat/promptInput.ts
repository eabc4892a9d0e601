// Reads analyzer input out of a slash command's free text ("/wal 6h member m2"). Pure, unit-tested.
import { parseAnalysisDuration } from '../util/duration';

export function inputFromPrompt(prompt: string, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const kv = /^(\w+)=(.+)$/.exec(w);
    if (kv && fields.includes(kv[1])) {
      out[kv[1]] = kv[2];
      continue;
    }
    if (fields.includes('duration') && !out.duration && isDuration(w)) out.duration = w;
    else if (fields.includes('member') && /^member$/i.test(w) && words[i + 1]) out.member = words[++i];
    else if (fields.includes('metric') && !out.metric && /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(w)) out.metric = w;
  }
  return out;
}

function isDuration(w: string): boolean {
  try {
    parseAnalysisDuration(w);
    return true;
  } catch {
    return false;
  }
}
