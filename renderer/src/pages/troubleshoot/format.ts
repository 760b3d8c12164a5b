import type { SessionStatus } from '../../../../shared/wizard/types';

// Times are written one way across the app (renderer/src/format-time.ts); these names stay for the
// pages that import them from here.
export { formatLocalTime as formatDateTime } from '../../format-time';

export const STATUS_LABELS: Record<SessionStatus, { label: string; badge: string }> = {
  'in-progress': { label: 'In progress', badge: 'badge' },
  resolved: { label: 'Resolved', badge: 'badge badge-success' },
  'applied-not-verified': { label: 'Fix applied, not yet verified', badge: 'badge badge-warning' },
  'not-resolved': { label: 'Not resolved', badge: 'badge badge-danger' },
  'within-limit-other-cause': { label: 'Within limit: other cause', badge: 'badge badge-warning' },
};
