import { computeBudget } from '../../capacity/engine';
import type { BudgetResult } from '../../capacity/types';
import { CONCURRENCY_MATCHERS } from '../../incidents/concurrency-matchers';
import type { Criterion } from '../../wizard/criteria';
import type { StepContext } from '../../wizard/playbook';
import { num } from '../common/facts';
import type { NewFact } from '../common/probe-facts';
import { pastedIsError } from '../common/symptom';
import { budgetInput, otherSenders, servers } from './facts';

/** The decision: the connection budget of every mailbox (the capacity engine), before and after the change. */

export function diagnosisOf(ctx: StepContext): BudgetResult | null {
  const input = budgetInput(ctx.session, ctx.facts);
  return input ? safeBudget(input) : null;
}

export function diagnosisAfterOf(ctx: StepContext): BudgetResult | null {
  if (num(ctx.facts, 'after.threads.global') === null) return null;
  const input = budgetInput(ctx.session, ctx.facts, { threads: 'after.threads.global', servers: 'after.servers', hosts: 'after.threads.hosts' });
  return input ? safeBudget(input) : null;
}

/** The engine refuses inconsistent input (e.g. two servers of the same name): no diagnosis then. */
function safeBudget(input: Parameters<typeof computeBudget>[0]): BudgetResult | null {
  try {
    return computeBudget(input);
  } catch {
    return null;
  }
}

/** The answer about other senders, as the diagnosis and the report state it. */
export function sendersSentence(ctx: StepContext): string {
  const others = otherSenders(ctx.facts);
  if (ctx.facts['mailbox.others'] === undefined) return 'Other senders on the mailbox: not answered.';
  if (others.length === 0) return `Only ${ctx.session.environment.name} sends through this mailbox (no other sender, as the engineer said).`;
  return `${ctx.session.environment.name} and ${others.map((o) => `${o.name} (${o.servers} x ${o.threads})`).join(', ')} send through this mailbox.`;
}

export const withinLimit = (ctx: StepContext) => ctx.session.diagnosis?.allWithinLimit === true;

export function frontEnds(ctx: StepContext): string[] {
  return (servers(ctx.facts) ?? []).filter((s) => s.active && s.name).map((s) => s.name);
}

export const recognised = (ctx: StepContext): boolean => pastedIsError(ctx, CONCURRENCY_MATCHERS);

/**
 * What must hold after the restart (domain.md 1 and 2): the budget recomputed from the values read
 * after the change is within the limit, no 432 since the restart, and traffic: at least limit + 1
 * emails sent since the restart, enough demand to have hit the limit before. Without that traffic
 * "no 432" proves nothing, so the engine keeps it "not yet verified".
 */
export function criteria(ctx: StepContext): Criterion[] {
  const limit = diagnosisAfterOf(ctx)?.provider.limit ?? ctx.session.diagnosis?.provider.limit ?? 3;
  return [
    {
      id: 'budget-after',
      kind: 'holds',
      fact: 'after.withinLimit',
      failWhenFalse: true,
      label: 'The connections to the mailbox after the change are within the limit',
    },
    { id: 'no-error-since-fix', kind: 'none-since-fix', fact: 'after.errors.count', label: 'No 432 error since the restart' },
    {
      id: 'traffic-since-fix',
      kind: 'at-least-since-fix',
      fact: 'after.emails.sent',
      need: limit + 1,
      what: 'emails sent',
      label: `At least ${limit + 1} emails sent since the restart (enough traffic to have hit the limit of ${limit} before)`,
    },
  ];
}

/** The budget after the change as a yes/no fact for the criteria; unknown says which value is missing. */
export function withinLimitAfter(ctx: StepContext): NewFact[] {
  const after = diagnosisAfterOf(ctx);
  if (after) return [{ key: 'after.withinLimit', value: after.allWithinLimit, detail: after.mailboxes.map((m) => `${m.mailbox}: ${m.arithmetic}`).join('; ') }];
  const missing = [
    num(ctx.facts, 'after.threads.global') === null ? 'the threads for emails now' : '',
    servers(ctx.facts, 'after.servers') ? '' : 'the front-end servers now',
  ].filter(Boolean);
  return [
    {
      key: 'after.withinLimit',
      value: null,
      detail: missing.length ? `${missing.join(' and ')} not known` : 'the budget after the change could not be computed',
    },
  ];
}
