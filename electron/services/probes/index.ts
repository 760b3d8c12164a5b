import type { demoMethods } from '../../../shared/api/methods/demo';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import { createProbeApi, profileSourceFrom } from './service';

/**
 * Platform database probes, Apply/Undo with audit, and the demo reset. Probes, Apply and Undo are
 * internal: pages reach them only through a session (sessions.runProbe, sessions.apply,
 * sessions.undo), whose guards they pass, so the public API has one write path. Only the demo reset
 * is an API method.
 */
export function createProbeService(deps: ServiceDeps, needs: { profiles: ProfileService }) {
  const api = createProbeApi(deps, profileSourceFrom(needs.profiles));
  // Audit entries left pending by a crash are settled at start (and again whenever the audit is read).
  void api
    .reconcileAudit()
    .catch((error: unknown) => deps.notices.add(`The audit trail could not be checked at start: ${error instanceof Error ? error.message : String(error)}`));
  const demoHandlers: HandlersFor<typeof demoMethods> = {
    'demo.reset': async ({ scenario, utcOffsetMinutes, timeZone }) => {
      // The 432 incident is what "Reset demo" brings back unless another scenario is named, whatever was loaded before.
      await api.resetDemo({ scenario: scenario ?? 'concurrency', utcOffsetMinutes, ...(timeZone !== undefined ? { timeZone } : {}) });
      return { reset: true as const };
    },
  };
  return { ...api, handlers: demoHandlers };
}
export type ProbeService = ReturnType<typeof createProbeService>;
