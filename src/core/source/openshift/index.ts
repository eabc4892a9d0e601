// OpenShift/Kubernetes access: kubeconfig, API client, discovery, ClusterApi, etcdctl-exec cluster status.
export { loadKubeTarget, listContexts, kubeconfigPaths, type KubeTarget } from './kubeconfig';
export { createKubeClient, type KubeClient } from './kubeClient';
export { discoverPrometheusUrl, isOpenShift } from './discovery';
export { createKubeClusterApi } from './clusterApi';
export { createEtcdctlExecStatus } from './etcdctlStatus';
export { execInPod } from './podExec';
export { connectOpenShift, type OpenShiftConnection, type OpenShiftConnectOptions } from './connect';
