// Tools that read only the local history file and never query Prometheus: no preflight, and no Prometheus URL
// needed (without one, trends cover every cluster recorded in the file).
export const NO_PROMETHEUS: ReadonlySet<string> = new Set(['get_etcd_history_trends']);
