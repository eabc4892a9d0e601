// Server identity reported to MCP clients; the version follows package.json (esbuild inlines only this field).
import { version } from '../../package.json';

export const SERVER_NAME = 'etcd-performance-analyzer';
export const SERVER_VERSION: string = version;
