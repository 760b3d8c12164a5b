import type { BudgetInputParsed, MailboxBudget, ServerLoad } from './types';
import { plural, serversTimesThreads } from './wording';

/** One environment as the engine works with it, after validation. */
export interface EnvModel {
  name: string;
  /** Case-insensitive mailbox key; environments with the same key share the limit. */
  mailboxKey: string;
  threads: number;
  servers: ServerModel[];
}

export interface ServerModel {
  name: string;
  zone: string;
  sendsEmail: boolean;
  /** Per-host threads override, when the input has one. */
  override?: number;
}

export interface MailboxModel {
  key: string;
  /** As the user wrote it, or "Mailbox of <environment>" when none was given. */
  label: string;
  environments: EnvModel[];
}

/** Groups environments by sending mailbox, in the order they first appear. */
export function groupByMailbox(input: BudgetInputParsed): MailboxModel[] {
  const mailboxes = new Map<string, MailboxModel>();
  for (const environment of input.environments) {
    const written = environment.mailbox?.trim() ?? '';
    const key = written ? `mailbox:${written.toLowerCase()}` : `own:${environment.name.toLowerCase()}`;
    const env: EnvModel = {
      name: environment.name,
      mailboxKey: key,
      threads: environment.emailThreads,
      servers: environment.servers.map((s) => ({
        name: s.name,
        zone: s.zone,
        sendsEmail: s.sendsEmail,
        ...(s.emailThreads !== undefined ? { override: s.emailThreads } : {}),
      })),
    };
    const existing = mailboxes.get(key);
    if (existing) existing.environments.push(env);
    else mailboxes.set(key, { key, label: written || `Mailbox of ${environment.name}`, environments: [env] });
  }
  return [...mailboxes.values()];
}

export function serverThreads(env: EnvModel, server: ServerModel): number {
  return server.override ?? env.threads;
}

export function serverLoads(env: EnvModel): ServerLoad[] {
  return env.servers.map((server) => {
    const threads = serverThreads(env, server);
    return {
      environment: env.name,
      server: server.name,
      zone: server.zone,
      sendsEmail: server.sendsEmail,
      threads,
      threadsSource: server.override !== undefined ? 'per-host override' : 'global',
      connections: server.sendsEmail ? threads : 0,
    };
  });
}

/**
 * "2 servers x 2 threads = 4 > 3"; per-host overrides are named ("FE1 x 4 threads (per-host)")
 * and environments sharing the mailbox are prefixed with their name.
 */
export function arithmeticOf(loads: ServerLoad[], environments: string[], limit: number): string {
  const shared = environments.length > 1;
  const terms: string[] = [];
  for (const environment of environments) {
    const sending = loads.filter((l) => l.environment === environment && l.sendsEmail);
    const prefix = shared ? `${environment} ` : '';
    if (sending.length === 0) {
      if (shared) terms.push(`${prefix}none`);
      continue;
    }
    const byThreads = new Map<number, number>();
    for (const load of sending.filter((l) => l.threadsSource === 'global')) {
      byThreads.set(load.threads, (byThreads.get(load.threads) ?? 0) + 1);
    }
    const parts = [...byThreads.entries()].map(([threads, count]) => serversTimesThreads(count, threads));
    for (const load of sending.filter((l) => l.threadsSource === 'per-host override')) {
      parts.push(`${load.server} x ${plural(load.threads, 'thread')} (per-host)`);
    }
    terms.push(`${prefix}${parts.join(' + ')}`);
  }
  const total = loads.reduce((sum, l) => sum + l.connections, 0);
  const left = terms.length ? terms.join(' + ') : 'no server sends email';
  return `${left} = ${total} ${total > limit ? '>' : '<='} ${limit}`;
}

export function mailboxBudget(mailbox: MailboxModel, limit: number): MailboxBudget {
  const servers = mailbox.environments.flatMap(serverLoads);
  const environments = mailbox.environments.map((e) => e.name);
  const connections = servers.reduce((sum, s) => sum + s.connections, 0);
  return {
    mailbox: mailbox.label,
    environments,
    servers,
    connections,
    limit,
    withinLimit: connections <= limit,
    headroom: limit - connections,
    arithmetic: arithmeticOf(servers, environments, limit),
  };
}
