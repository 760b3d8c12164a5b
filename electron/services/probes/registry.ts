import { ApiError } from '../../../shared/api/errors';
import type { ProbeName, ProbeResultOf, ProbeUse } from '../../../shared/wizard/playbook';
import type { ProbeCallOptions, ProbeServiceApi } from './types';

/**
 * The probe registry: a playbook names a probe (`ProbeUse.probe`) and its parameters; this runs it.
 * Probes are shared: the error-log search takes the playbook's matchers, the parameter probe the
 * parameter's name, and "since the fix" windows the time the session computed.
 */
export async function runProbeUse(
  probes: ProbeServiceApi,
  use: ProbeUse,
  profileId: string,
  opts: ProbeCallOptions & { since?: string; days?: number },
): Promise<ProbeResultOf<ProbeName>> {
  const call = { signal: opts.signal, progress: opts.progress };
  switch (use.probe) {
    case 'error-log':
      return probes.readErrors(profileId, {
        ...call,
        matchers: use.matchers,
        errorName: use.errorName,
        ...(opts.since ? { since: opts.since } : { days: opts.days ?? 7 }),
      });
    case 'parameter':
      return probes.readParameter(profileId, { ...call, name: use.parameter });
    case 'servers':
      return probes.readServers(profileId, call);
    case 'email-queue':
      return probes.readEmailQueue(profileId, call);
    case 'emails-sent':
      if (!opts.since)
        throw new ApiError('invalid_input', 'Record the fix first (tick the restarts, or record the change): only what happens after it counts.');
      return probes.readEmailsSent(profileId, { ...call, since: opts.since });
    case 'recipients':
      return probes.readRecipients(profileId, call);
    case 'smtp-check':
      throw new ApiError('invalid_input', 'The live check of the mail server needs the server and the login typed for it: run it from its form in the step.');
  }
}
