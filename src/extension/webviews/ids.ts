// The views' ids, apart from their implementations so registration (webviews/index.ts) loads no engine code.
export const DASHBOARD_VIEW_ID = 'etcdAnalyzer.dashboard';
export const REPORT_VIEW_TYPE = 'etcdAnalyzer.report';
export const HISTORY_VIEW_ID = 'etcdAnalyzer.history';
