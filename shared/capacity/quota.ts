import type { MailboxModel } from './model';
import { PROVIDERS, RELAY_OR_BULK } from './providers';
import type { BudgetInputParsed, EnvironmentInput, MailboxBudget, MailboxQuota, QuotaMailboxAfter, QuotaOption, QuotaResult, RecipientSender } from './types';
import { listInWords, thousands } from './wording';

/**
 * The recipients per 24 h quota (Exchange Online: 10,000 per mailbox per rolling 24 h, then
 * 554 5.2.0 SubmissionQuotaExceededException; domain.md sections 2, 4 and 4b), next to the
 * connection budget: the recipients of every sender on a mailbox add up against the limit.
 * Pure. The options are the ways a person would weigh, in words and numbers; they never
 * touch the connection plans.
 */

/** Below this share of the limit, a quota error is not explained by the volume. */
export const FAR_BELOW = 0.5;
/** Exact search for the fewest mailboxes up to this many environments on one mailbox; greedy above. */
const EXACT_SPLIT_MAX = 10;

interface Group {
  label: string;
  environments: string[];
}

export function computeQuota(input: BudgetInputParsed, models: MailboxModel[], budgets: MailboxBudget[]): QuotaResult {
  const preset = PROVIDERS[input.provider];
  const limit = input.recipientLimit ?? preset.recipients.limit;
  const limitSource = input.recipientLimit !== undefined ? 'input' : preset.recipients.limit !== null ? 'preset' : 'none';
  const scope = preset.recipients.scope;
  const envs = new Map(input.environments.map((e) => [e.name.toLowerCase(), e]));
  const senderOf = (name: string): RecipientSender => sender(envs.get(name.toLowerCase())!);
  const connectionsOf = (name: string) =>
    budgets
      .flatMap((b) => b.servers)
      .filter((s) => s.environment === name)
      .reduce((sum, s) => sum + s.connections, 0);

  const groups: Group[] =
    scope === 'account'
      ? [{ label: `${preset.name} account (every sender)`, environments: input.environments.map((e) => e.name) }]
      : models.map((m) => ({ label: m.label, environments: m.environments.map((e) => e.name) }));
  const mailboxes = groups.map((g) => mailboxQuota(g, g.environments.map(senderOf), limit));
  const anyVolume = mailboxes.some((m) => m.senders.some((s) => s.recipientsPerDay !== null));
  const checked = limit !== null && anyVolume;

  const options: QuotaOption[] = [];
  if (limit !== null) {
    for (const mailbox of mailboxes.filter((m) => m.status === 'over')) {
      options.push(...optionsFor(mailbox, limit, { provider: input.provider, scope, connectionsOf }));
    }
  }
  const result: QuotaResult = {
    limit,
    limitSource,
    rule: preset.recipients.rule,
    scope,
    checked,
    mailboxes,
    allWithinLimit: mailboxes.every((m) => m.status !== 'over'),
    options,
    warnings: [],
    verdict: '',
  };
  result.verdict = verdictOf(result, anyVolume);
  if (input.quotaErrorSeen) result.warnings.push(quotaErrorNote(result, anyVolume));
  return result;
}

function sender(env: EnvironmentInput): RecipientSender {
  if (env.recipientsPerDay !== undefined) return { environment: env.name, recipientsPerDay: env.recipientsPerDay };
  if (env.emailsPerDay !== undefined && env.recipientsPerEmail !== undefined) {
    return {
      environment: env.name,
      recipientsPerDay: env.emailsPerDay * env.recipientsPerEmail,
      emailsPerDay: env.emailsPerDay,
      recipientsPerEmail: env.recipientsPerEmail,
    };
  }
  return { environment: env.name, recipientsPerDay: null };
}

function term(s: RecipientSender): string {
  if (s.recipientsPerDay === null) return `${s.environment} not given`;
  if (s.emailsPerDay !== undefined && s.recipientsPerEmail !== undefined) {
    return `${s.environment} ${thousands(s.emailsPerDay)} emails x ${thousands(s.recipientsPerEmail)}`;
  }
  return `${s.environment} ${thousands(s.recipientsPerDay)}`;
}

/** "PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000" */
export function quotaArithmetic(senders: RecipientSender[], limit: number | null): string {
  const given = senders.filter((s) => s.recipientsPerDay !== null);
  if (given.length === 0) return 'no daily volume given';
  const total = given.reduce((sum, s) => sum + s.recipientsPerDay!, 0);
  const partial = given.length < senders.length;
  const plainSingle = senders.length === 1 && senders[0]!.emailsPerDay === undefined;
  const left = plainSingle
    ? `${senders[0]!.environment} ${thousands(total)}`
    : `${senders.map(term).join(' + ')} = ${partial ? 'at least ' : ''}${thousands(total)}`;
  const right = limit === null ? ' (no limit to check against)' : ` ${total > limit ? '>' : '<='} ${thousands(limit)}`;
  return `${left} recipients per 24 h${right}`;
}

function mailboxQuota(group: Group, senders: RecipientSender[], limit: number | null): MailboxQuota {
  const given = senders.filter((s) => s.recipientsPerDay !== null);
  const recipients = given.reduce((sum, s) => sum + s.recipientsPerDay!, 0);
  const status = limit === null || given.length === 0 ? 'not-checked' : recipients > limit ? 'over' : 'within';
  return {
    mailbox: group.label,
    environments: group.environments,
    senders,
    recipients,
    missing: senders.filter((s) => s.recipientsPerDay === null).map((s) => s.environment),
    limit,
    status,
    headroom: status === 'not-checked' ? null : limit! - recipients,
    arithmetic: quotaArithmetic(senders, limit),
  };
}

interface OptionContext {
  provider: BudgetInputParsed['provider'];
  scope: 'mailbox' | 'account';
  connectionsOf(environment: string): number;
}

function afterOf(label: string, senders: RecipientSender[], limit: number, ctx: OptionContext): QuotaMailboxAfter {
  const recipients = senders.reduce((sum, s) => sum + (s.recipientsPerDay ?? 0), 0);
  return {
    mailbox: label,
    environments: senders.map((s) => s.environment),
    recipients,
    connections: senders.reduce((sum, s) => sum + ctx.connectionsOf(s.environment), 0),
    withinLimit: recipients <= limit,
  };
}

/** "noreply@contoso.com: PRD 6,000 (4,000 to spare)" */
function carries(after: QuotaMailboxAfter, limit: number): string {
  const spare = after.withinLimit ? `${thousands(limit - after.recipients)} to spare` : `${thousands(after.recipients - limit)} over`;
  return `${after.mailbox} carries ${thousands(after.recipients)} (${spare})`;
}

function optionsFor(mailbox: MailboxQuota, limit: number, ctx: OptionContext): QuotaOption[] {
  const total = mailbox.recipients;
  const needed = Math.ceil(total / limit);
  const withVolume = mailbox.senders.filter((s) => s.recipientsPerDay !== null);
  const notGiven = mailbox.missing.length
    ? ` ${listInWords(mailbox.missing)} gave no volume and ${mailbox.missing.length === 1 ? 'is' : 'are'} counted as 0.`
    : '';
  const moves: QuotaOption[] = [];
  const rest: QuotaOption[] = [];
  let splitFits = false;

  if (ctx.scope === 'mailbox') {
    // Move one environment to a mailbox of its own: what each mailbox then carries.
    if (mailbox.senders.length > 1) {
      for (const moved of withVolume) {
        const stays = mailbox.senders.filter((s) => s !== moved);
        const after = [afterOf(mailbox.mailbox, stays, limit, ctx), afterOf(`${moved.environment}'s own mailbox`, [moved], limit, ctx)];
        const fits = after.every((a) => a.withinLimit);
        moves.push({
          id: `quota-move-${mailbox.mailbox}-${moved.environment}`,
          kind: 'own-mailbox',
          mailbox: mailbox.mailbox,
          title: `Move ${moved.environment} to its own mailbox`,
          fits,
          detail:
            `${after.map((a) => carries(a, limit)).join('; ')}${fits ? '' : `: still over ${thousands(limit)}`}. ` +
            `Each mailbox also has its own connection limit.${notGiven}`,
          after,
        });
      }
      // Best first: fitting ones, then the one that leaves the most to spare on its fullest mailbox.
      const fullest = (o: QuotaOption) => Math.max(...o.after!.map((a) => a.recipients));
      // Among equals, moving the smaller sender is the smaller change.
      const moved = (o: QuotaOption) => o.after![1]!.recipients;
      moves.sort((a, b) => Number(b.fits) - Number(a.fits) || fullest(a) - fullest(b) || moved(a) - moved(b));
    }

    // Split the senders over as few mailboxes as the limit allows.
    const heaviest = withVolume.reduce<RecipientSender | undefined>((max, s) => (!max || s.recipientsPerDay! > max.recipientsPerDay! ? s : max), undefined);
    const least = `${thousands(total)} recipients per 24 h need at least ${needed} mailboxes of ${thousands(limit)} (ceil(${thousands(total)} / ${thousands(limit)}) = ${needed})`;
    if (heaviest && heaviest.recipientsPerDay! > limit) {
      rest.push({
        id: `quota-split-${mailbox.mailbox}`,
        kind: 'split-mailboxes',
        mailbox: mailbox.mailbox,
        title: `Split the senders over at least ${needed} mailboxes`,
        fits: false,
        mailboxesNeeded: needed,
        detail:
          `${least}. But ${heaviest.environment} alone sends ${thousands(heaviest.recipientsPerDay!)} > ${thousands(limit)}, and an environment sends ` +
          `all its email through the one mailbox of its email settings, so no split by environment fits.`,
      });
    } else if (mailbox.senders.length > 1) {
      const groups = fewestMailboxes(mailbox.senders, limit);
      const after = groups.map((g, i) => afterOf(i === 0 ? mailbox.mailbox : `New mailbox ${i + 1}`, g, limit, ctx));
      splitFits = true;
      rest.unshift({
        id: `quota-split-${mailbox.mailbox}`,
        kind: 'split-mailboxes',
        mailbox: mailbox.mailbox,
        title: `Split the senders over ${groups.length} mailboxes`,
        fits: true,
        mailboxesNeeded: needed,
        detail:
          `${least}${groups.length > needed ? `; by whole environments it takes ${groups.length}` : ''}. ` +
          `${after.map((a) => `${carries(a, limit)}: ${listInWords(a.environments)}`).join('; ')}.${notGiven}`,
        after,
      });
    }
  }

  // Fewer recipients: distribution lists and digests, per environment whose emails and recipients per email are known.
  const cut = total - limit;
  const ways: string[] = [];
  for (const s of mailbox.senders) {
    if (s.emailsPerDay === undefined || s.recipientsPerEmail === undefined || s.emailsPerDay === 0) continue;
    const room = limit - (total - s.recipientsPerDay!);
    const perEmail = Math.floor(room / s.emailsPerDay);
    const emails = Math.floor(room / s.recipientsPerEmail);
    if (perEmail >= 1 && perEmail < s.recipientsPerEmail) {
      ways.push(
        `${s.environment}: at most ${thousands(perEmail)} ${perEmail === 1 ? 'recipient' : 'recipients'} per email (today ${thousands(s.recipientsPerEmail)})`,
      );
    }
    if (emails >= 1 && emails < s.emailsPerDay) {
      ways.push(`${s.environment}: at most ${thousands(emails)} emails per day (today ${thousands(s.emailsPerDay)})`);
    }
  }
  const list =
    ctx.provider === 'exchange-online'
      ? 'Address a distribution list instead of its members (Exchange Online counts a distribution group as one recipient when the message is submitted)'
      : 'Address a distribution list instead of its members';
  rest.push({
    id: `quota-fewer-${mailbox.mailbox}`,
    kind: 'fewer-recipients',
    mailbox: mailbox.mailbox,
    title: `Send to ${thousands(cut)} fewer recipients per 24 h`,
    // Cutting that many fits by definition; the numbers per environment say how, when known.
    fits: true,
    detail:
      `${list}, or batch notifications into fewer emails (a digest). ` +
      (ways.length
        ? `Each of these alone brings ${mailbox.mailbox} to ${thousands(limit)} or less: ${ways.join('; ')}.`
        : 'Give emails per day and recipients per email to see the numbers per environment.'),
  });

  if (ctx.scope === 'account') {
    rest.push({
      id: `quota-raise-${mailbox.mailbox}`,
      kind: 'raise-quota',
      mailbox: mailbox.mailbox,
      title: 'Ask for a higher sending quota',
      fits: true,
      detail: `The quota counts the whole account, so more mailboxes do not help: request an increase of the 24 h sending quota to at least ${thousands(total)} in the SES console.`,
    });
  } else if (!splitFits && !moves.some((m) => m.fits)) {
    rest.push({
      id: `quota-relay-${mailbox.mailbox}`,
      kind: 'relay-or-bulk',
      mailbox: mailbox.mailbox,
      title: 'A relay connector or a bulk email service',
      fits: true,
      detail: `No split of the senders brings ${mailbox.mailbox} within ${thousands(limit)}. ${RELAY_OR_BULK}`,
    });
  }
  return [...moves.filter((m) => m.fits), ...rest.filter((o) => o.fits), ...rest.filter((o) => !o.fits), ...moves.filter((m) => !m.fits)];
}

/**
 * Groups the senders into as few mailboxes as the limit allows (each sender <= limit); the group
 * of the first sender keeps the mailbox. Exact for up to EXACT_SPLIT_MAX senders, first fit
 * decreasing above. Senders without a volume count as 0.
 */
export function fewestMailboxes(senders: RecipientSender[], limit: number): RecipientSender[][] {
  const volume = (s: RecipientSender) => s.recipientsPerDay ?? 0;
  const first = senders[0]!;
  const order = [...senders].sort((a, b) => volume(b) - volume(a));
  let best = null as RecipientSender[][] | null;
  if (senders.length <= EXACT_SPLIT_MAX) {
    const lower = Math.ceil(senders.reduce((sum, s) => sum + volume(s), 0) / limit);
    const bins: { load: number; senders: RecipientSender[] }[] = [];
    const walk = (i: number) => {
      if (best && (bins.length >= best.length || best.length === Math.max(1, lower))) return;
      if (i === order.length) {
        best = bins.map((b) => [...b.senders]);
        return;
      }
      const s = order[i]!;
      for (const bin of bins) {
        if (bin.load + volume(s) > limit) continue;
        bin.load += volume(s);
        bin.senders.push(s);
        walk(i + 1);
        bin.senders.pop();
        bin.load -= volume(s);
      }
      bins.push({ load: volume(s), senders: [s] });
      walk(i + 1);
      bins.pop();
    };
    walk(0);
  } else {
    const bins: { load: number; senders: RecipientSender[] }[] = [];
    for (const s of order) {
      const bin = bins.find((b) => b.load + volume(s) <= limit);
      if (bin) {
        bin.load += volume(s);
        bin.senders.push(s);
      } else bins.push({ load: volume(s), senders: [s] });
    }
    best = bins.map((b) => b.senders);
  }
  const groups: RecipientSender[][] = best!;
  // Input order inside each group, and the first sender's group first (it keeps the mailbox).
  const index = new Map(senders.map((s, i) => [s, i]));
  for (const g of groups) g.sort((a, b) => index.get(a)! - index.get(b)!);
  groups.sort((a, b) => Number(b.includes(first)) - Number(a.includes(first)) || index.get(a[0]!)! - index.get(b[0]!)!);
  return groups;
}

function verdictOf(result: QuotaResult, anyVolume: boolean): string {
  const { limit, mailboxes } = result;
  if (!anyVolume) return 'Recipients per 24 h not checked: no daily volume given.';
  if (limit === null) return `Recipients per 24 h not checked: no limit known. ${result.rule}`;
  const over = mailboxes.filter((m) => m.status === 'over');
  const missing = mailboxes.flatMap((m) => m.missing);
  const missingNote = missing.length ? ` ${listInWords(missing)} gave no daily volume and ${missing.length === 1 ? 'is' : 'are'} not counted.` : '';
  if (over.length === 0) {
    const checked = mailboxes.filter((m) => m.status === 'within');
    if (checked.length === 1) return `Within the recipients per 24 h limit: ${checked[0]!.arithmetic}.${missingNote}`;
    return `Every mailbox is within the recipients per 24 h limit of ${thousands(limit)}.${missingNote}`;
  }
  const first =
    over.length === 1
      ? `${over[0]!.mailbox} is over the recipients per 24 h limit: ${over[0]!.arithmetic}.`
      : `${over.length} mailboxes are over the recipients per 24 h limit of ${thousands(limit)}: ${listInWords(over.map((m) => `${m.mailbox} (${thousands(m.recipients)})`))}.`;
  const fitting = result.options.find((o) => o.fits);
  return `${first}${fitting ? ` Simplest way out: ${fitting.title}.` : ''}${missingNote}`;
}

/** The engineer saw the quota error: does the volume explain it, or does it point to a compromised account? */
function quotaErrorNote(result: QuotaResult, anyVolume: boolean): string {
  const { limit } = result;
  const lowVolume =
    'A low volume with the quota error points to a compromised account: check the mailbox’s sign-ins and its outbound mail (message trace) for spam it did not send on purpose.';
  if (limit === null || !anyVolume) {
    return `The quota error (554 5.2.0 SubmissionQuotaExceededException) was seen, but the volume could not be checked: give the daily volume${limit === null ? ' and the limit' : ''}. ${lowVolume}`;
  }
  const checked = result.mailboxes.filter((m) => m.status !== 'not-checked');
  const over = checked.filter((m) => m.status === 'over');
  if (over.length > 0)
    return `The quota error fits the volume: ${listInWords(over.map((m) => m.mailbox))} ${over.length === 1 ? 'is' : 'are'} over ${thousands(limit)}.`;
  const figures = listInWords(checked.map((m) => `${m.mailbox} ${thousands(m.recipients)} of ${thousands(limit)}`));
  const missing = checked.flatMap((m) => m.missing);
  const unless = missing.length ? ` (unless ${listInWords(missing)}, whose volume was not given, sends the rest)` : '';
  if (checked.every((m) => m.recipients < limit * FAR_BELOW)) {
    return `The quota error was seen, yet the volume is far below the limit (${figures})${unless}. ${lowVolume}`;
  }
  return (
    `The quota error was seen and the volume is below the limit by the figures given (${figures})${unless}. The window is a rolling 24 h, ` +
    `so a busy day counts: compare with the message trace. If the real count is low too, suspect a compromised account (check sign-ins and outbound spam).`
  );
}
