import type { profileMethods } from '../../../shared/api/methods/profiles';
import type { HandlersFor, ServiceDeps } from '../context';

export function createProfileService(_deps: ServiceDeps) {
  const handlers: HandlersFor<typeof profileMethods> = {};
  return { handlers };
}
export type ProfileService = ReturnType<typeof createProfileService>;
