// Kubeconfig side of "etcd: Configure Connection": list the contexts to pick from, and detect OpenShift
// (the config.openshift.io API group) on the current one so the wizard can pre-select the profile.
import { createKubeClient, isOpenShift, listContexts, loadKubeTarget } from '../../core/source/openshift';

export interface KubeContexts {
  contexts: string[];
  current?: string;
  /** Why the kubeconfig could not be read (shown as a hint), when it could not. */
  problem?: string;
}

export function readKubeContexts(kubeconfig?: string): KubeContexts {
  try {
    return listContexts(kubeconfig || undefined);
  } catch (err) {
    return { contexts: [], problem: err instanceof Error ? err.message : String(err) };
  }
}

/** True when the context's API server serves config.openshift.io; false on any failure (detection is a hint only). */
export async function detectOpenShift(kubeconfig: string | undefined, context: string | undefined, timeoutMs = 3000): Promise<boolean> {
  let client;
  try {
    client = createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig || undefined, context }), { timeoutMs });
    return await isOpenShift(client, AbortSignal.timeout(timeoutMs));
  } catch {
    return false;
  } finally {
    client?.close();
  }
}
