// The connection flags the CLI and `etcd-analyzer mcp` both accept: one list (in node:util parseArgs form) and one
// mapping onto ConnectionFlags, so the two faces cannot drift apart. No token flag on purpose: it would show in `ps`.
import type { ConnectionFlags } from './connection';

export const CONNECTION_OPTIONS = {
  prometheus: { type: 'string' },
  'token-file': { type: 'string' },
  'ca-file': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
  profile: { type: 'string' },
  'etcd-selector': { type: 'string' },
  'node-selector': { type: 'string' },
  'etcd-endpoints': { type: 'string' },
  history: { type: 'string' },
  kubeconfig: { type: 'string' },
  'kube-context': { type: 'string' },
  'max-reply-mb': { type: 'string' },
} as const;

/** What parseArgs returns for CONNECTION_OPTIONS. */
export type ConnectionFlagValues = {
  [K in keyof typeof CONNECTION_OPTIONS]?: (typeof CONNECTION_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/** Every key is set (undefined when the flag was not given), so callers see the full shape. */
export function connectionFlagsFrom(values: ConnectionFlagValues): ConnectionFlags {
  return {
    prometheus: values.prometheus,
    tokenFile: values['token-file'],
    caFile: values['ca-file'],
    insecureSkipTlsVerify: values['insecure-skip-tls-verify'],
    profile: values.profile,
    etcdSelector: values['etcd-selector'],
    nodeSelector: values['node-selector'],
    etcdEndpoints: values['etcd-endpoints'],
    history: values.history,
    kubeconfig: values.kubeconfig,
    kubeContext: values['kube-context'],
    maxReplyMb: values['max-reply-mb'],
  };
}
