// The dashboard's findings list as view nodes: one line per finding (severity and title), its evidence folded
// under it; the same badge and evidence wording as the report's finding cards.
import type { DashboardFinding } from '../dashboardTypes';
import type { Block } from './types';
import { empty } from './parts';
import { evidenceList, severityTitle } from './findingSections';

/** `notJudged`: the diagnosis could not judge every signal, so an empty list is not "healthy". */
export function findingsListView(findings: readonly DashboardFinding[], notJudged: boolean): Block {
  if (!findings.length) {
    return empty(notJudged ? 'No findings, but not every signal could be judged (see "Not judged").' : 'No findings: every evaluated metric is within its healthy target.');
  }
  return {
    kind: 'list',
    ordered: false,
    role: 'findings',
    items: findings.map((f) => {
      const evidence = evidenceList(f.evidence);
      return { runs: severityTitle(f.severity, f.title), children: evidence ? [evidence] : [], collapsible: true, data: { finding: f.id, severity: f.severity } };
    }),
  };
}
