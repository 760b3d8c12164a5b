import { OUTCOME_LABELS } from '../../../../shared/wizard/outcome';
import { SESSION_STATUSES, type SessionStatus } from '../../../../shared/wizard/session';

// Times are written one way across the app (renderer/src/format-time.ts); these names stay for the
// pages that import them from here.
export { formatLocalTime as formatDateTime } from '../../format-time';

/** Outcome words are the engine's (shared/wizard/outcome.ts); the page adds only the badge's colour. */
export const STATUS_BADGES: Record<SessionStatus, string> = {
  'in-progress': 'badge',
  resolved: 'badge badge-success',
  mitigated: 'badge badge-warning',
  'applied-not-verified': 'badge badge-warning',
  'not-resolved': 'badge badge-danger',
  'within-limit-other-cause': 'badge badge-warning',
};

export const STATUS_LABELS: Record<SessionStatus, { label: string; badge: string }> = Object.fromEntries(
  SESSION_STATUSES.map((status) => [status, { label: OUTCOME_LABELS[status], badge: STATUS_BADGES[status] }]),
) as Record<SessionStatus, { label: string; badge: string }>;
