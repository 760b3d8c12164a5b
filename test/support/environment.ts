import type { EnvironmentSnapshot } from '../../shared/wizard/types';

/** An offline session's environment, self-managed unless told otherwise. */
export function offlineEnvironment(hosting: EnvironmentSnapshot['hosting'] = 'self-managed'): EnvironmentSnapshot {
  return { profileId: null, name: 'PRD', role: 'Production', engine: 'manual', host: null, customer: 'Contoso', mailbox: null, hosting };
}
