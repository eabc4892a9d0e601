// Profile factory and the default configuration a fresh connection starts from.
import type { Profile, ProfileConfig } from './types';
import { createGenericProfile, GENERIC_ETCD_SELECTOR, GENERIC_NODE_SELECTOR } from './generic';
import { createOpenShiftProfile } from './openshift';
import { ProfileConfigError } from './selector';

export { ProfileConfigError } from './selector';
export { GENERIC_ETCD_SELECTOR, GENERIC_NODE_SELECTOR } from './generic';
export { OPENSHIFT_ETCD_SELECTOR, OPENSHIFT_NODE_SELECTOR } from './openshift';

/** Throws ProfileConfigError (message + hint) for a malformed selector or an unknown profile id. */
export function createProfile(cfg: ProfileConfig): Profile {
  switch (cfg.profile) {
    case 'generic':
      return createGenericProfile(cfg);
    case 'openshift':
      return createOpenShiftProfile(cfg);
    default:
      throw new ProfileConfigError(`unknown profile "${String((cfg as { profile?: unknown }).profile).slice(0, 40)}"`, 'use --profile generic or --profile openshift');
  }
}

export function defaultProfileConfig(url: string): ProfileConfig {
  return {
    profile: 'generic',
    prometheusUrl: url,
    etcdSelector: GENERIC_ETCD_SELECTOR,
    nodeSelector: GENERIC_NODE_SELECTOR,
  };
}
