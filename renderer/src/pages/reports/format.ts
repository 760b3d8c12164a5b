import type { ReportOutcome } from '../../../../shared/report/model';
import { STATUS_BADGES } from '../troubleshoot/format';

// Times are written one way across the app (renderer/src/format-time.ts).
export { formatLocalDay as formatDay, formatLocalTime as formatDayTime } from '../../format-time';

/** A report's outcome is a session's: the same colours as the session list. */
export const OUTCOME_BADGE: Record<ReportOutcome, string> = STATUS_BADGES;
