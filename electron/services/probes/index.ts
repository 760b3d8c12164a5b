import type { probeMethods } from '../../../shared/api/methods/probes';
import { ApiError } from '../../../shared/api/errors';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import type { ProbeServiceApi } from './types';

export function createProbeService(_deps: ServiceDeps, _needs: { profiles: ProfileService }) {
  const notYet = async (): Promise<never> => {
    throw new ApiError('unavailable', 'Platform probes are not available yet');
  };
  const api: ProbeServiceApi = {
    readThreads: notYet,
    readServers: notYet,
    readErrors: notYet,
    readEmailQueue: notYet,
    previewApplyThreads: notYet,
    applyThreads: notYet,
    undoApply: notYet,
    resetDemo: notYet,
    listAudit: notYet,
  };
  const handlers: HandlersFor<typeof probeMethods> = {
    'probes.threads': ({ profileId }, ctx) => api.readThreads(profileId, ctx),
    'probes.servers': ({ profileId }, ctx) => api.readServers(profileId, ctx),
    'probes.errors': ({ profileId, ...window }, ctx) => api.readErrors(profileId, { ...window, signal: ctx.signal, progress: ctx.progress }),
    'probes.emailQueue': ({ profileId }, ctx) => api.readEmailQueue(profileId, ctx),
    'probes.previewApply': ({ profileId, ...request }) => api.previewApplyThreads(profileId, request),
    'probes.apply': ({ profileId, ...request }, ctx) => api.applyThreads(profileId, request, ctx),
    'probes.undo': ({ auditId, actor }, ctx) => api.undoApply(auditId, { actor, signal: ctx.signal, progress: ctx.progress }),
    'probes.audit': () => api.listAudit(),
    'demo.reset': async () => {
      await api.resetDemo();
      return { reset: true as const };
    },
  };
  return { ...api, handlers };
}
export type ProbeService = ReturnType<typeof createProbeService>;
