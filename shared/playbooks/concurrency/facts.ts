import { num, text, isRecord } from '../common/facts';
import type { BudgetInput } from '../../capacity/types';
import type { FactMap, Session } from '../../wizard/session';
import { THREADS_PARAMETER } from '../../capacity/providers';

/**
 * The concurrency playbook's facts in typed form, and the budget input built from them. Facts are
 * plain JSON in the session; these readers are the one place that knows their shape.
 */

/** One name for the parameter everywhere: the what-if calculator's. */
export { THREADS_PARAMETER };

/** The playbook's probes by id (the keys of its probe map, the steps' `probes`). */
export const PROBE = {
  errors: 'errors',
  emailQueue: 'emailQueue',
  servers: 'servers',
  threads: 'threads',
  errorsAfter: 'errorsAfter',
  threadsAfter: 'threadsAfter',
  serversAfter: 'serversAfter',
  sentAfter: 'sentAfter',
} as const;

export interface ServerRow {
  name: string;
  /** null = not known yet (the probe could not tell). */
  sendsEmail: boolean | null;
  zone: string | null;
  active: boolean;
}

export interface OtherSender {
  name: string;
  servers: number;
  threads: number;
}

export function servers(facts: FactMap, key = 'servers'): ServerRow[] | null {
  const value = facts[key]?.value;
  if (!Array.isArray(value)) return null;
  return value.filter(isRecord).map((row) => ({
    name: String(row.name ?? '').trim(),
    sendsEmail: typeof row.sendsEmail === 'boolean' ? row.sendsEmail : null,
    zone: typeof row.zone === 'string' && row.zone.trim() ? row.zone.trim() : null,
    active: row.active !== false,
  }));
}

export function hostThreads(facts: FactMap, key = 'threads.hosts'): Record<string, number> {
  const value = facts[key]?.value;
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

export function otherSenders(facts: FactMap): OtherSender[] {
  const value = facts['mailbox.others']?.value;
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((row) => ({ name: String(row.name ?? '').trim(), servers: Number(row.servers), threads: Number(row.threads) }))
    .filter((row) => row.name && Number.isInteger(row.servers) && row.servers > 0 && Number.isInteger(row.threads) && row.threads >= 0);
}

/** What still stops the budget from being computed, in words; null when nothing does. */
export function budgetGap(facts: FactMap): string | null {
  const rows = servers(facts);
  if (!rows || rows.filter((r) => r.active).length === 0) return 'The front-end servers are not known yet (step "Servers").';
  const unknown = rows.filter((r) => r.active && (r.sendsEmail === null || r.zone === null));
  if (unknown.length > 0)
    return `Say whether ${unknown.map((r) => r.name).join(', ')} send${unknown.length === 1 ? 's' : ''} email and in which zone (step "Servers").`;
  if (num(facts, 'threads.global') === null) return `The value of ${THREADS_PARAMETER} is not known yet (step "Threads").`;
  if (!text(facts, 'mailbox')) return 'Say which mailbox this environment sends through (step "Shared mailbox").';
  return null;
}

/**
 * The budget input: this environment (active servers only, per-host overrides applied) plus every
 * other sender typed in on the same mailbox. `threadsKey`/`serversKey` let the verification build
 * the same input from the facts read after the change.
 */
export function budgetInput(session: Session, facts: FactMap, keys: { threads?: string; servers?: string; hosts?: string } = {}): BudgetInput | null {
  // The servers after a change are their own fact: never the list from before the fix.
  const rows = servers(facts, keys.servers ?? 'servers');
  const threads = num(facts, keys.threads ?? 'threads.global');
  const mailbox = text(facts, 'mailbox');
  if (!rows || threads === null || !mailbox) return null;
  const active = rows.filter((r) => r.active && r.name);
  if (active.length === 0 || active.some((r) => r.sendsEmail === null)) return null;
  const hosts = hostThreads(facts, keys.hosts ?? 'threads.hosts');
  const environment = session.environment.name;
  const others = otherSenders(facts).filter((o) => o.name.toLowerCase() !== environment.toLowerCase());
  return {
    provider: 'exchange-online',
    environments: [
      {
        name: environment,
        mailbox,
        emailThreads: threads,
        servers: active.map((r) => ({
          name: r.name,
          sendsEmail: r.sendsEmail === true,
          zone: r.zone ?? 'Global',
          ...(hosts[r.name] !== undefined ? { emailThreads: hosts[r.name] } : {}),
        })),
      },
      ...others.map((o) => ({
        name: o.name,
        mailbox,
        emailThreads: o.threads,
        servers: Array.from({ length: o.servers }, (_, i) => ({ name: `${o.name} server ${i + 1}`, sendsEmail: true, zone: 'Global' })),
      })),
    ],
  };
}
