// The report page's window comes from its URL (`/report?duration=15m`): only a plain duration is accepted.
import { parseDuration } from '../../core/util/duration';

export function isValidDurationText(text: string): boolean {
  if (text.length > 12 || !/^\d+[smhdw]$/.test(text)) return false;
  try {
    const secs = parseDuration(text);
    return secs >= 60 && secs <= 30 * 86_400;
  } catch {
    return false;
  }
}
