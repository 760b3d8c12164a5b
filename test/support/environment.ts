import type { EnvironmentSnapshot } from '../../shared/wizard/session';

/** An offline session's environment, self-managed unless told otherwise. */
export function offlineEnvironment(hosting: EnvironmentSnapshot['hosting'] = 'self-managed'): EnvironmentSnapshot {
  return { profileId: null, name: 'PRD', role: 'Production', engine: 'manual', host: null, customer: 'Contoso', mailbox: null, hosting };
}
