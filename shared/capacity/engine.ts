import { groupByMailbox, mailboxBudget, type MailboxModel } from './model';
import { rankPlans, sameMailboxParts, splitPlans, type PlanPart } from './plan-parts';
import { crossMailboxes, mailboxOptions, noPlanReason, sumScores, type MailboxOption } from './plans';
import { PROVIDERS } from './providers';
import { splitOptions } from './split-plans';
import { computeQuota } from './quota';
import { throughputFigures, type ThroughputSettings } from './throughput';
import { budgetInputSchema, type BudgetInput, type BudgetResult, type MailboxBudget, type NoPlanReason, type Plan } from './types';
import { listInWords, plural } from './wording';

export { expandShorthand, parseAnyBudgetInput } from './shorthand';

/**
 * The connection budget and, next to it, the recipients per 24 h quota (`quota`, ./quota.ts):
 * for each sending mailbox, how many concurrent SMTP connections the
 * farm opens against the provider's limit, and every sensible plan that brings each over-limit
 * mailbox within it (plans[0] is the recommendation). Pure; throws a ZodError on invalid input.
 */
export function computeBudget(input: BudgetInput): BudgetResult {
  const parsed = budgetInputSchema.parse(input);
  const preset = PROVIDERS[parsed.provider];
  // The schema refuses a missing limit for providers that publish none, so one of the two is set.
  const limit = parsed.limit ?? preset.limit ?? 1;
  const perMinuteCap = parsed.perMinuteCap ?? preset.perMinuteCap;

  const models = groupByMailbox(parsed);
  const mailboxes = models.map((m) => mailboxBudget(m, limit));
  const over = models.filter((_, i) => !mailboxes[i]!.withinLimit);

  const fixable: MailboxOption[][] = [];
  const noPlan: NoPlanReason[] = [];
  for (const model of over) {
    const options = mailboxOptions(model, limit);
    if (options.length > 0) fixable.push(options);
    else noPlan.push(noPlanReason(model, limit));
  }

  const throughput: ThroughputSettings | undefined = parsed.throughput && { ...parsed.throughput, perMinuteCap };
  const splits = over.map((model) => splitOptions(model, limit));
  const choices = rankPlans(crossMailboxes(fixable).map(sameMailboxParts), splitPlans(fixable, splits, models));
  const plans = describePlans(choices, { models, mailboxes, limit, throughput });

  return {
    provider: { id: preset.id, name: preset.name, limit, perMinuteCap },
    mailboxes,
    allWithinLimit: over.length === 0,
    plans,
    noPlan,
    verdict: verdictOf(mailboxes, plans, noPlan, limit),
    quota: computeQuota(parsed, models, mailboxes),
  };
}

interface PlanContext {
  models: MailboxModel[];
  mailboxes: MailboxBudget[];
  limit: number;
  throughput?: ThroughputSettings;
}

function describePlans(choices: PlanPart[][], context: PlanContext): Plan[] {
  const { models, mailboxes, limit, throughput } = context;
  const sendingToday = mailboxes.reduce((sum, m) => sum + m.servers.filter((s) => s.sendsEmail).length, 0);
  const before =
    throughput &&
    throughputFigures(
      mailboxes.map((m) => Math.min(m.connections, limit)),
      throughput,
    );
  const environmentCount = models.reduce((n, m) => n + m.environments.length, 0);

  const plans = choices.map((choice): Plan => {
    const byKey = new Map(choice.map((c) => [c.mailboxKey, c]));
    const connectionsAfter: Record<string, number> = {};
    let emailServersAfter = 0;
    models.forEach((model, i) => {
      const chosen = byKey.get(model.key);
      if (chosen) for (const { label, connections } of chosen.connections) connectionsAfter[label] = connections;
      else connectionsAfter[model.label] = mailboxes[i]!.connections;
      emailServersAfter += chosen ? chosen.score.servers : mailboxes[i]!.servers.filter((s) => s.sendsEmail).length;
    });
    const changes = choice.flatMap((c) => c.changes);
    const touchesOverrides = choice.some((c) => c.score.touchesOverrides);
    return {
      id: `plan-${hash(changes.map((c) => c.description).join('\n'))}`,
      title: choice.map((c) => c.title(environmentCount)).join('; '),
      tradeOff: '',
      changes,
      connectionsAfter,
      emailServersAfter,
      touchesOverrides,
      ...(throughput && before
        ? {
            throughput: {
              before,
              after: throughputFigures(
                Object.values(connectionsAfter).map((c) => Math.min(c, limit)),
                throughput,
              ),
            },
          }
        : {}),
    };
  });

  const scores = choices.map((choice) => sumScores(choice.map((c) => c.score)));
  const zonesToday = models.reduce(
    (sum, m) => sum + m.environments.reduce((s, e) => s + new Set(e.servers.filter((x) => x.sendsEmail).map((x) => x.zone)).size, 0),
    0,
  );
  const newMailboxes = (choice: PlanPart[]) => choice.flatMap((c) => c.newMailboxes);
  plans.forEach((plan, i) => {
    const overrideNote = plan.touchesOverrides ? 'changes servers that have a per-host threads value' : '';
    const created = newMailboxes(choices[i]!);
    const mailboxNote = created.length
      ? `needs ${listInWords(created.map((label) => label.replace(/^New/, 'a new')))} (created in Exchange Online and set in each environment's SMTP settings)`
      : '';
    if (i === 0) {
      const used = choices[0]!
        .flatMap((c) => c.connections)
        .map((c, _, all) => `${c.connections} of ${limit} connections${all.length > 1 || choices[0]!.length > 1 ? ` on ${c.label}` : ''}`);
      const parts = [`keeps ${emailServersOf(plan, sendingToday)}`, `uses ${listInWords(used)}`];
      if (plan.throughput) parts.push(`${plan.throughput.after.messagesPerMinute} messages per minute`);
      if (mailboxNote) parts.push(mailboxNote);
      if (overrideNote) parts.push(overrideNote);
      plan.tradeOff = `${capitalise(parts.join(', '))}.`;
      return;
    }
    const best = scores[0]!;
    const mine = scores[i]!;
    const parts: string[] = [];
    if (mailboxNote) parts.push(mailboxNote);
    else if (newMailboxes(choices[0]!).length) parts.push('no new mailbox');
    if (mine.connections !== best.connections) {
      parts.push(`${mine.connections > best.connections ? 'more' : 'fewer'} connections (${mine.connections} instead of ${best.connections})`);
    }
    if (plan.emailServersAfter < plans[0]!.emailServersAfter) {
      parts.push(
        plan.emailServersAfter <= zonesToday
          ? `no redundancy (one email-sending server${zonesToday > 1 ? ' per zone' : ''})`
          : `fewer email-sending servers (${plan.emailServersAfter} instead of ${plans[0]!.emailServersAfter})`,
      );
    }
    if (mine.changes !== best.changes) {
      parts.push(`${mine.changes > best.changes ? 'more' : 'fewer'} changes (${mine.changes} instead of ${best.changes})`);
    }
    if (overrideNote && !plans[0]!.touchesOverrides) parts.push(overrideNote);
    const rate = plan.throughput?.after.messagesPerMinute;
    const bestRate = plans[0]!.throughput?.after.messagesPerMinute;
    if (rate !== undefined && bestRate !== undefined && rate !== bestRate) {
      parts.push(`${rate > bestRate ? 'faster' : 'slower'} (${rate} instead of ${bestRate} messages per minute)`);
    }
    plan.tradeOff = parts.length ? capitalise(parts.join(', ')) : 'Equally good by every count: another choice of servers or split between environments';
  });
  return plans;
}

function emailServersOf(plan: Plan, today: number): string {
  return `${plan.emailServersAfter} of ${plural(today, 'email-sending server')}`;
}

function verdictOf(mailboxes: MailboxBudget[], plans: Plan[], noPlan: NoPlanReason[], limit: number): string {
  const over = mailboxes.filter((m) => !m.withinLimit);
  if (over.length === 0) {
    if (mailboxes.length === 1) {
      const m = mailboxes[0]!;
      return `${m.mailbox} uses ${m.connections} of ${limit} connections (${m.arithmetic}).`;
    }
    return `Each mailbox uses at most ${limit} connections: ${listInWords(mailboxes.map((m) => `${m.mailbox} (${m.connections})`))}.`;
  }
  const first =
    over.length === 1
      ? `${over[0]!.mailbox} needs ${over[0]!.connections} connections where ${limit} are allowed (${over[0]!.arithmetic}).`
      : `${listInWords(over.map((m) => `${m.mailbox} (${m.connections})`))} need more than the ${limit} connections allowed per mailbox.`;
  const parts = [first];
  if (plans.length > 0) parts.push(`Recommended: ${plans[0]!.title}.`);
  if (noPlan.length > 0) {
    parts.push(
      `No change of threads or email-sending servers brings ${listInWords(noPlan.map((n) => n.mailbox))} within the limit without leaving a deployment zone unable to send; see the alternatives.`,
    );
  }
  return parts.join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** FNV-1a: a short stable id for a plan, so the page can keep a plan selected while typing. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
