import { formatLocalTime, formatRelativeTime } from '../format-time';

/** Warned about this long before it lapses: a probe or an Apply started then may not finish. */
const SOON_MS = 2 * 3_600_000;

/**
 * What to say about a temporary database user (LifeTime makes them for 12 hours): null when it
 * does not expire, else the sentence and how loud to say it.
 */
export function userExpiry(expiresAt: string | null | undefined, now: Date = new Date()): { text: string; level: 'expired' | 'soon' | 'later' } | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  if (at <= now.getTime())
    return {
      text: `This database user expired ${formatRelativeTime(expiresAt, now)}: create a new one in LifeTime and update the password.`,
      level: 'expired',
    };
  if (at - now.getTime() <= SOON_MS) return { text: `This database user expires ${formatRelativeTime(expiresAt, now)}.`, level: 'soon' };
  return { text: `This database user expires ${formatLocalTime(expiresAt)}.`, level: 'later' };
}
