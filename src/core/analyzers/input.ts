// The input every analyzer accepts. Tool schemas (LM tools, MCP) are generated from these zod schemas.
import { z } from 'zod';
import { parseAnalysisDuration } from '../util/duration';
import { parseTime } from '../util/timeRange';

const isoOrEpoch = z
  .string()
  .max(40)
  // The same parser the range resolver uses, so what validates here is what runs (epoch ms would be read as seconds).
  .refine(
    (v) => {
      try {
        parseTime(v, 'time');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an ISO 8601 time (2026-01-31T12:00:00Z) or epoch seconds' },
  );

export const durationField = z
  .string()
  .max(20)
  .refine(
    (v) => {
      try {
        parseAnalysisDuration(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a duration between 5m and 7d, like 15m, 1h, 6h, 1d' },
  )
  .describe('How far back to analyse, e.g. 15m, 1h, 6h, 1d (5m..7d). Default 1h. Ignored when start and end are given.');

export const commonInputShape = {
  duration: durationField.optional(),
  member: z
    .string()
    .max(253)
    .optional()
    .describe('Only this etcd member (as named in the results, e.g. m1 or etcd-master-0). Omit for all members.'),
  start: isoOrEpoch.optional().describe('Window start (ISO 8601 or epoch seconds). Use with end instead of duration.'),
  end: isoOrEpoch.optional().describe('Window end (ISO 8601 or epoch seconds). Defaults to now.'),
};

export const commonInput = z.object(commonInputShape);
export type CommonInput = z.infer<typeof commonInput>;
