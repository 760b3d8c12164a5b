import type { reportMethods } from '../../../shared/api/methods/reports';
import { ApiError } from '../../../shared/api/errors';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';

export function createReportService(
  _deps: ServiceDeps,
  _needs: { sessions: SessionService; profiles: ProfileService; settings: SettingsService },
) {
  const notYet = async (): Promise<never> => {
    throw new ApiError('unavailable', 'Reports need troubleshooting sessions, which this build cannot read yet.');
  };
  const handlers: HandlersFor<typeof reportMethods> = {
    'reports.preview': notYet,
    'reports.export': notYet,
    'reports.list': async () => [],
    'reports.open': notYet,
    'reports.delete': notYet,
  };
  return { handlers };
}
export type ReportService = ReturnType<typeof createReportService>;
