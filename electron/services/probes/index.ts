import type { probeMethods } from '../../../shared/api/methods/probes';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import { createProbeApi, profileSourceFrom } from './service';

/** Platform database probes, Apply/Undo with audit, and the demo reset, as a service and as API handlers. */
export function createProbeService(deps: ServiceDeps, needs: { profiles: ProfileService }) {
  const api = createProbeApi(deps, profileSourceFrom(deps, needs.profiles));
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
