import type { ReportOutcome } from '../../../../shared/report/model';

// Times are written one way across the app (renderer/src/format-time.ts).
export { formatLocalDay as formatDay, formatLocalTime as formatDayTime } from '../../format-time';

export const OUTCOME_BADGE: Record<ReportOutcome, string> = {
  resolved: 'badge badge-success',
  'applied-not-verified': 'badge badge-warning',
  'not-resolved': 'badge badge-danger',
  'within-limit': 'badge',
  unverified: 'badge badge-warning',
};
