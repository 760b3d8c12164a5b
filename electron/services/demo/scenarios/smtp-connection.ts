import { matchesAny } from '../../../../shared/incidents/matcher';
import { SMTP_CONNECTION_MATCHERS } from '../../../../shared/incidents/smtp-connection-matchers';
import { between, seededRandom, spread } from '../random';
import { DAY, WITHIN_LIMIT, type DemoSeed } from '../seed-model';
import { OTHER_MESSAGES, SMTP_TLS_LEGACY_MESSAGE, SMTP_TRANSPORT_CLOSED_MESSAGE } from '../texts';

/** When the TLS failures began: this long before now. */
export const SMTP_CONNECTION_SINCE_MS = 2 * DAY;
export const SMTP_TLS_LEGACY_ERRORS = 120;
export const SMTP_TRANSPORT_CLOSED_ERRORS = 20;
/** The Platform Server version the demo farm runs: older than 11.38.0. */
export const SMTP_CONNECTION_VERSION = '11.31.0';

/** The log's other errors, without a connection failure of this playbook's own (it would count as another form). */
const NOISE = OTHER_MESSAGES.filter((m) => !matchesAny(SMTP_CONNECTION_MATCHERS, m));

/**
 * SMTP connection and TLS (domain.md 4e): two days ago Exchange Online started refusing the
 * front-ends' TLS 1.0/1.1 (421 4.7.66), and some handshakes end with the transport stream closed.
 * Nothing was sent since; the failing emails pile up. The platform's version row is there for the
 * version probe. Within the connection limit: the 432 playbook does not apply.
 */
export function smtpConnectionSeed(now: Date): DemoSeed {
  const random = seededRandom(7103);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'smtpConnection',
    scenario: 'smtp-connection',
    ...WITHIN_LIMIT,
    parameters: [...WITHIN_LIMIT.parameters, { name: 'Version', val: SMTP_CONNECTION_VERSION }],
    errors: [
      ...between(now, random, SMTP_TLS_LEGACY_ERRORS, SMTP_CONNECTION_SINCE_MS, 10 * 60_000, servers, [SMTP_TLS_LEGACY_MESSAGE], 'EmailSender', 64000),
      ...between(
        now,
        random,
        SMTP_TRANSPORT_CLOSED_ERRORS,
        SMTP_CONNECTION_SINCE_MS,
        10 * 60_000,
        servers,
        [SMTP_TRANSPORT_CLOSED_MESSAGE],
        'EmailSender',
        65000,
      ),
      ...spread(now, random, 20, 13, servers, NOISE, 'Orders'),
    ],
    emails: { failing: 50, pending: 12, sentLast24h: 0, sentOlder: 400, failingHours: { from: 47, to: 0 }, olderFromDays: 2 },
  };
}
