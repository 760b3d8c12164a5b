import { THREADS_PARAMETER } from '../../../../shared/capacity/providers';
import { seededRandom, spread } from '../random';
import { PLATFORM_PARAMETERS, SEND_EMAILS_PARAMETER, type DemoSeed } from '../seed-model';
import { CONCURRENCY_MESSAGES, OTHER_MESSAGES } from '../texts';

/** The 432 concurrency incident and the farms its tests need. */

/** The incident: 2 front-ends sending email, 2 threads each (4 > 3), 432s over the last days, a backlog. */
export function incidentSeed(now: Date): DemoSeed {
  const random = seededRandom(432);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'incident',
    scenario: 'concurrency',
    layout: { sendEmailsColumn: true, zones: true, emailStatus: true },
    servers: [
      { name: 'FE01', ip: '10.0.1.11', active: true, sendsEmail: true, zone: 'Global' },
      { name: 'FE02', ip: '10.0.1.12', active: true, sendsEmail: true, zone: 'Global' },
    ],
    parameters: [{ name: THREADS_PARAMETER, val: '2' }, ...PLATFORM_PARAMETERS],
    errors: [...spread(now, random, 84, 6, servers, CONCURRENCY_MESSAGES, 'EmailSender'), ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders')],
    // 43 queued (pending or still retried): more than the limit + 1 that a restart must send.
    emails: { failing: 25, abandoned: 12, pending: 18, sentLast24h: 240, sentOlder: 500 },
  };
}

/**
 * A larger farm: 5 servers, 2 of them not sending email, a per-host thread override on FE03, a
 * second zone, "Send Emails" kept as per-host parameter rows, and a noisy log where other errors
 * arrive in the same minutes as the 432s.
 */
export function fiveServersSeed(now: Date): DemoSeed {
  const random = seededRandom(5);
  const senders = ['FE01', 'FE02', 'FE03'];
  const servers: DemoSeed['servers'] = [
    { name: 'FE01', ip: '10.0.2.11', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE02', ip: '10.0.2.12', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE03', ip: '10.0.2.13', active: true, sendsEmail: true, zone: 'DMZ' },
    { name: 'FE04', ip: '10.0.2.14', active: true, sendsEmail: false, zone: 'Global' },
    { name: 'FE05', ip: '10.0.2.15', active: false, sendsEmail: false, zone: 'DMZ' },
  ];
  const incident = spread(now, random, 40, 5, senders, CONCURRENCY_MESSAGES, 'EmailSender');
  const noise = incident.flatMap((row, i) => [
    {
      ...row,
      instant: new Date(row.instant.getTime() - 20_000),
      message: OTHER_MESSAGES[i % OTHER_MESSAGES.length]!.replace('{id}', String(i)),
      module: 'Orders',
    },
    {
      ...row,
      instant: new Date(row.instant.getTime() + 15_000),
      message: OTHER_MESSAGES[(i + 3) % OTHER_MESSAGES.length]!.replace('{id}', String(i)),
      module: 'Portal',
    },
  ]);
  return {
    name: 'fiveServers',
    layout: { sendEmailsColumn: false, zones: true, emailStatus: true },
    servers,
    parameters: [
      { name: THREADS_PARAMETER, val: '2' },
      { name: THREADS_PARAMETER, val: '1', host: 'FE03' },
      ...servers.map((s) => ({ name: SEND_EMAILS_PARAMETER, val: s.sendsEmail ? 'True' : 'False', host: s.name })),
      ...PLATFORM_PARAMETERS,
    ],
    errors: [...incident, ...noise],
    emails: { failing: 9, abandoned: 3, pending: 4, sentLast24h: 80, sentOlder: 100 },
  };
}

/** The incident without the Scheduler.NumberOfThreadsForEmails row: the wizard must ask. */
export function missingParameterSeed(now: Date): DemoSeed {
  const seed = incidentSeed(now);
  return { ...seed, name: 'missingParameter', parameters: seed.parameters.filter((p) => p.name !== THREADS_PARAMETER) };
}

/** A database where "Send Emails", zones and the email status table are nowhere to be found. */
export function unknownLayoutSeed(now: Date): DemoSeed {
  return { ...incidentSeed(now), name: 'unknownLayout', layout: { sendEmailsColumn: false, zones: false, emailStatus: false } };
}
