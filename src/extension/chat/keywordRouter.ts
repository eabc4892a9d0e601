// With no language model, free questions are mapped to analyzers by the keywords each analyzer declares. Pure,
// unit-tested.
import { analyzerFor, analyzers } from '../../core/analyzers/registry';

/** Specific words first (fsync before latency), so a question about the WAL is not answered with the overview. */
const ROUTES = analyzers
  .filter((a) => a.keywords)
  .map((a) => ({ re: a.keywords!.pattern, analyzer: a.name, precedence: a.keywords!.precedence }))
  .sort((a, b) => a.precedence - b.precedence);

/** Analyzers for a question, most specific first, at most `max`; the diagnosis when nothing matches. */
export function routeByKeywords(question: string, known: readonly string[], max = 3): string[] {
  const picked: string[] = [];
  for (const { re, analyzer } of ROUTES) {
    if (re.test(question) && known.includes(analyzer) && !picked.includes(analyzer)) picked.push(analyzer);
  }
  const fallback = analyzerFor('diagnosis').name;
  if (!picked.length && known.includes(fallback)) picked.push(fallback);
  return picked.slice(0, max);
}
