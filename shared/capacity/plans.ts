import { bestFirstFront, describeKept, envOptions, envOptionScore, type EnvOption, type Score } from './env-options';
import type { MailboxModel } from './model';
import { MICROSOFT_ALTERNATIVES } from './providers';
import type { NoPlanReason } from './types';
import { listInWords, plural } from './wording';

/** Enough to show every sensible trade-off without burying the recommendation. */
export const MAX_PLANS = 20;
/** Bounds the search when many environments share one mailbox with a large custom limit. */
const MAX_COMBINATIONS = 20_000;

/** One way to bring one mailbox within its limit: an option per environment on it. */
export interface MailboxOption {
  mailbox: MailboxModel;
  options: EnvOption[];
  score: Score;
}

export function sumScores(scores: Score[]): Score {
  return scores.reduce<Score>(
    (sum, s) => ({
      servers: sum.servers + s.servers,
      connections: sum.connections + s.connections,
      changes: sum.changes + s.changes,
      touchesOverrides: sum.touchesOverrides || s.touchesOverrides,
    }),
    { servers: 0, connections: 0, changes: 0, touchesOverrides: false },
  );
}

/**
 * Picks one option per environment so that together they stay within the limit: environments
 * sharing a mailbox split its connections. Depth first, best options first, pruned by the least
 * the remaining environments need, so every branch explored ends in a fitting combination.
 */
function combine<T>(lists: T[][], cost: (item: T) => number, budget: number, cap: number): T[][] {
  const minRest: number[] = new Array(lists.length + 1).fill(0);
  for (let i = lists.length - 1; i >= 0; i--) {
    minRest[i] = minRest[i + 1]! + Math.min(...lists[i]!.map(cost));
  }
  const results: T[][] = [];
  const walk = (i: number, chosen: T[], used: number) => {
    if (results.length >= cap) return;
    if (i === lists.length) {
      results.push([...chosen]);
      return;
    }
    for (const item of lists[i]!) {
      const next = used + cost(item);
      if (next + minRest[i + 1]! > budget) continue;
      chosen.push(item);
      walk(i + 1, chosen, next);
      chosen.pop();
      if (results.length >= cap) return;
    }
  };
  if (lists.every((l) => l.length > 0)) walk(0, [], 0);
  return results;
}

/** Every sensible way to bring one mailbox within `limit`, best first; empty when none exists. */
export function mailboxOptions(mailbox: MailboxModel, limit: number): MailboxOption[] {
  const lists = mailbox.environments.map((env) => envOptions(env, limit));
  const combos = combine(lists, (o) => o.connections, limit, MAX_COMBINATIONS);
  const options = combos.map((options) => ({ mailbox, options, score: sumScores(options.map(envOptionScore)) }));
  return bestFirstFront(options, (o) => o.score);
}

/** Why no option fits a mailbox, and what Microsoft documents instead. */
export function noPlanReason(mailbox: MailboxModel, limit: number): NoPlanReason {
  const zonesPerEnv = mailbox.environments.map((env) => new Set(env.servers.filter((s) => s.sendsEmail).map((s) => s.zone)).size);
  const needed = zonesPerEnv.reduce((a, b) => a + b, 0);
  const sending = mailbox.environments.filter((_, i) => zonesPerEnv[i]! > 0);
  let reason: string;
  if (sending.length <= 1) {
    const env = sending[0]?.name ?? mailbox.environments[0]!.name;
    reason =
      `${env} has email-sending servers in ${plural(needed, 'deployment zone')}; each zone needs one server sending ` +
      `with at least 1 thread, so at least ${plural(needed, 'connection')}, more than the limit of ${limit}.`;
  } else {
    reason =
      `${listInWords(sending.map((e) => e.name))} share ${mailbox.label}: one email-sending server per environment ` +
      `and deployment zone, with 1 thread each, already needs ${plural(needed, 'connection')}, more than the limit of ${limit}.`;
  }
  return { mailbox: mailbox.label, reason, alternatives: [...MICROSOFT_ALTERNATIVES] };
}

/**
 * Crosses the options of several over-limit mailboxes into whole plans, best first. Each
 * mailbox's list is already best first, so the first plan is every mailbox's best option.
 */
export function crossMailboxes(perMailbox: MailboxOption[][]): MailboxOption[][] {
  if (perMailbox.length === 0) return [];
  // Keep the product small: enough per mailbox that the whole stays around MAX_PLANS x a few.
  const per = Math.max(2, Math.floor(Math.pow(MAX_PLANS * 4, 1 / perMailbox.length)));
  const lists = perMailbox.map((l) => l.slice(0, per));
  const combos = combine(lists, () => 0, 0, MAX_COMBINATIONS);
  return bestFirstFront(combos, (c) => sumScores(c.map((m) => m.score))).slice(0, MAX_PLANS);
}

/** "2 servers x 1 thread"; environments are named when the input has more than one. */
export function titleOf(choice: MailboxOption[], environmentCount: number): string {
  const options = choice.flatMap((m) => m.options);
  if (options.length === 1 && environmentCount === 1) return describeKept(options[0]!);
  return options.map((o) => `${o.env.name}: ${describeKept(o)}${o.changes.length === 0 ? ' (unchanged)' : ''}`).join('; ');
}
