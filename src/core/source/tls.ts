// Reads TLS material once for an https.Agent. Verification stays on unless insecureSkipVerify is set explicitly.
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { SourceError, type TlsOptions } from './types';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

function readPem(file: string, what: string, option: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SourceError('bad_input', `cannot read the ${what} file ${file} (${code})`, file, `fix the ${option} path or remove the option`);
  }
}

export function loadTls(tls?: TlsOptions): TlsMaterial {
  if ((tls?.certFile || tls?.certPem) && !(tls.keyFile || tls.keyPem)) {
    throw new SourceError('bad_input', 'a client certificate was given without its key', tls.certFile ?? 'client certificate', 'set the client key file (keyFile) too');
  }
  const pem = (text: string | undefined) => (text ? Buffer.from(text) : undefined);
  return {
    ca: tls?.caFile ? readPem(tls.caFile, 'CA', 'CA file (caFile / --ca-file)') : pem(tls?.caPem),
    cert: tls?.certFile ? readPem(tls.certFile, 'client certificate', 'certFile') : pem(tls?.certPem),
    key: tls?.keyFile ? readPem(tls.keyFile, 'client key', 'keyFile') : pem(tls?.keyPem),
    rejectUnauthorized: tls?.insecureSkipVerify !== true,
  };
}

/** A keep-alive agent for the URL's protocol, with the TLS material applied for https. */
export function createAgent(url: URL, tls: TlsMaterial, maxSockets: number): http.Agent {
  if (url.protocol === 'https:') {
    return new https.Agent({ keepAlive: true, maxSockets, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.rejectUnauthorized });
  }
  return new http.Agent({ keepAlive: true, maxSockets });
}
