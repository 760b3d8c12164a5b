import type { sessionMethods } from '../../../shared/api/methods/sessions';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProbeService } from '../probes';
import type { ProfileService } from '../profiles';
import type { SettingsService } from '../settings';

export function createSessionService(
  _deps: ServiceDeps,
  _needs: { profiles: ProfileService; probes: ProbeService; settings: SettingsService },
) {
  const handlers: HandlersFor<typeof sessionMethods> = {};
  return { handlers };
}
export type SessionService = ReturnType<typeof createSessionService>;
