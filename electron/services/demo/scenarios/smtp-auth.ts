import { between, seededRandom, spread } from '../random';
import { DAY, WITHIN_LIMIT, type DemoSeed } from '../seed-model';
import { OTHER_MESSAGES, SMTP_AUTH_BASIC_RETIRED_MESSAGE, SMTP_AUTH_TENANT_MESSAGE } from '../texts';

/** When the SMTP authentication incident began: this long before now. */
export const SMTP_AUTH_SINCE_MS = 2 * DAY;
export const SMTP_AUTH_TENANT_ERRORS = 150;
export const SMTP_AUTH_BASIC_RETIRED_ERRORS = 30;

/**
 * SMTP authentication refused: two days ago Exchange Online started answering 535 5.7.139
 * (SMTP AUTH disabled for the tenant) and, for some attempts, 550 5.7.30 (Basic auth retired).
 * Nothing was sent since; the failing emails pile up. Threads 1 on 2 servers: within the
 * connection limit, so the 432 playbook does not apply.
 */
export function smtpAuthSeed(now: Date): DemoSeed {
  const random = seededRandom(5739);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'smtpAuth',
    scenario: 'smtp-auth',
    ...WITHIN_LIMIT,
    errors: [
      ...between(now, random, SMTP_AUTH_TENANT_ERRORS, SMTP_AUTH_SINCE_MS, 10 * 60_000, servers, [SMTP_AUTH_TENANT_MESSAGE], 'EmailSender', 60000),
      ...between(
        now,
        random,
        SMTP_AUTH_BASIC_RETIRED_ERRORS,
        SMTP_AUTH_SINCE_MS,
        10 * 60_000,
        servers,
        [SMTP_AUTH_BASIC_RETIRED_MESSAGE],
        'EmailSender',
        61000,
      ),
      ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders'),
    ],
    emails: { failing: 60, pending: 15, sentLast24h: 0, sentOlder: 400, failingHours: { from: 47, to: 0 }, olderFromDays: 2 },
  };
}
