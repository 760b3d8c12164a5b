import type { reportMethods } from '../../../shared/api/methods/reports';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';

export function createReportService(
  _deps: ServiceDeps,
  _needs: { sessions: SessionService; profiles: ProfileService; settings: SettingsService },
) {
  const handlers: HandlersFor<typeof reportMethods> = {};
  return { handlers };
}
export type ReportService = ReturnType<typeof createReportService>;
