import { between, seededRandom, spread } from '../random';
import { HOUR, WITHIN_LIMIT, type DemoSeed } from '../seed-model';
import { OTHER_MESSAGES, SEND_AS_DENIED_MESSAGE, SEND_AS_THROTTLED_MESSAGE } from '../texts';

/** When the From address changed: this long before now. */
export const SEND_AS_SINCE_MS = 6 * HOUR;
export const SEND_AS_DENIED_ERRORS = 40;
/** The last hours: the mailbox throttled after the continuous denials. */
export const SEND_AS_THROTTLED_MS = 2 * HOUR;
export const SEND_AS_THROTTLED_ERRORS = 25;

/**
 * Send As denied (domain.md 4e): six hours ago the default sender was changed to
 * alerts@contoso.com while the platform still logs in as noreply@contoso.com; Exchange Online
 * answers 554 5.2.252 SendAsDenied, and for the last two hours the mailbox is throttled (550
 * 5.2.252), so every email fails. Within the connection limit: the 432 playbook does not apply.
 */
export function sendAsSeed(now: Date): DemoSeed {
  const random = seededRandom(6101);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'sendAs',
    scenario: 'send-as',
    ...WITHIN_LIMIT,
    errors: [
      ...between(now, random, SEND_AS_DENIED_ERRORS, SEND_AS_SINCE_MS, SEND_AS_THROTTLED_MS, servers, [SEND_AS_DENIED_MESSAGE], 'EmailSender', 62000),
      ...between(now, random, SEND_AS_THROTTLED_ERRORS, SEND_AS_THROTTLED_MS, 5 * 60_000, servers, [SEND_AS_THROTTLED_MESSAGE], 'EmailSender', 63000),
      ...spread(now, random, 20, 13, servers, OTHER_MESSAGES, 'Orders'),
    ],
    emails: { failing: 45, pending: 10, sentLast24h: 120, sentOlder: 400, failingHours: { from: 6, to: 0 }, recentHours: { from: 24, to: 6 } },
  };
}
