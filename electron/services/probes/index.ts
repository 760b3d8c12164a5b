import type { probeMethods } from '../../../shared/api/methods/probes';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';

export function createProbeService(_deps: ServiceDeps, _needs: { profiles: ProfileService }) {
  const handlers: HandlersFor<typeof probeMethods> = {};
  return { handlers };
}
export type ProbeService = ReturnType<typeof createProbeService>;
