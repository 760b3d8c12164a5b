import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../shared/capacity/engine';
import { budgetToMarkdown } from '../../shared/capacity/markdown';
import { fewestMailboxes } from '../../shared/capacity/quota';
import { budgetInputSchema, type BudgetInput, type EnvironmentInput } from '../../shared/capacity/types';

type Volume = Pick<EnvironmentInput, 'emailsPerDay' | 'recipientsPerEmail' | 'recipientsPerDay'>;
const env = (name: string, mailbox: string | undefined, volume: Volume = {}) => ({
  name,
  ...(mailbox !== undefined ? { mailbox } : {}),
  emailThreads: 1,
  servers: [{ name: 'FE1' }],
  ...volume,
});
const quotaOf = (input: BudgetInput) => computeBudget(input).quota;

describe('recipients per 24 h: the sum over the senders on one mailbox', () => {
  it('PRD 6,000 + QA 5,200 on one mailbox (any case) is over 10,000, and says it in words', () => {
    const quota = quotaOf({
      environments: [env('PRD', 'noreply@contoso.com', { recipientsPerDay: 6000 }), env('QA', 'NoReply@Contoso.com', { recipientsPerDay: 5200 })],
    });
    expect(quota).toMatchObject({ limit: 10_000, limitSource: 'preset', checked: true, allWithinLimit: false });
    expect(quota.mailboxes).toHaveLength(1);
    expect(quota.mailboxes[0]).toMatchObject({
      mailbox: 'noreply@contoso.com',
      environments: ['PRD', 'QA'],
      recipients: 11_200,
      status: 'over',
      headroom: -1200,
      arithmetic: 'PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000',
    });
    expect(quota.verdict).toContain('noreply@contoso.com is over the recipients per 24 h limit: PRD 6,000 + QA 5,200 = 11,200');
  });

  it('emails per day x recipients per email, and each mailbox on its own', () => {
    const quota = quotaOf({
      environments: [
        env('PRD', 'noreply@contoso.com', { emailsPerDay: 2000, recipientsPerEmail: 3 }),
        env('QA', 'qa@contoso.com', { recipientsPerDay: 9000 }),
        env('DEV', undefined, { recipientsPerDay: 10_000 }),
      ],
    });
    expect(quota.allWithinLimit).toBe(true);
    expect(quota.mailboxes.map((m) => [m.mailbox, m.recipients, m.status, m.headroom])).toEqual([
      ['noreply@contoso.com', 6000, 'within', 4000],
      ['qa@contoso.com', 9000, 'within', 1000],
      ['Mailbox of DEV', 10_000, 'within', 0],
    ]);
    expect(quota.mailboxes[0]!.arithmetic).toBe('PRD 2,000 emails x 3 = 6,000 recipients per 24 h <= 10,000');
    expect(quota.verdict).toBe('Every mailbox is within the recipients per 24 h limit of 10,000.');
    expect(quota.options).toEqual([]);
  });

  it('a sender without a volume makes the sum a lower bound, named as such', () => {
    const quota = quotaOf({ environments: [env('PRD', 'a@x.com', { recipientsPerDay: 4000 }), env('QA', 'A@x.com')] });
    expect(quota.mailboxes[0]).toMatchObject({ recipients: 4000, missing: ['QA'], status: 'within' });
    expect(quota.mailboxes[0]!.arithmetic).toBe('PRD 4,000 + QA not given = at least 4,000 recipients per 24 h <= 10,000');
    expect(quota.verdict).toContain('QA gave no daily volume and is not counted');
  });

  it('no volume anywhere: not checked, said so; the connection result is unchanged', () => {
    const result = computeBudget({ environments: [env('PRD', 'a@x.com')] });
    expect(result.quota).toMatchObject({ checked: false, allWithinLimit: true, options: [] });
    expect(result.quota.mailboxes[0]).toMatchObject({ status: 'not-checked', headroom: null, arithmetic: 'no daily volume given' });
    expect(result.quota.verdict).toBe('Recipients per 24 h not checked: no daily volume given.');
    expect(result.allWithinLimit).toBe(true);
  });

  it('unknown limit (custom, relay, Amazon SES without a quota): not checked, said so; a given limit is checked', () => {
    const custom = quotaOf({ provider: 'custom', limit: 5, environments: [env('PRD', 'a@x.com', { recipientsPerDay: 50_000 })] });
    expect(custom).toMatchObject({ limit: null, limitSource: 'none', checked: false, allWithinLimit: true });
    expect(custom.mailboxes[0]).toMatchObject({ status: 'not-checked', recipients: 50_000 });
    expect(custom.verdict).toMatch(/^Recipients per 24 h not checked: no limit known/);
    expect(quotaOf({ provider: 'exchange-relay', limit: 5, environments: [env('PRD', 'a@x.com', { recipientsPerDay: 50_000 })] }).verdict).toMatch(
      /not bound by the per-mailbox SMTP AUTH recipient limit; the tenant's limits still apply/,
    );
    const given = quotaOf({ provider: 'custom', limit: 5, recipientLimit: 40_000, environments: [env('PRD', 'a@x.com', { recipientsPerDay: 50_000 })] });
    expect(given).toMatchObject({ limit: 40_000, limitSource: 'input', checked: true, allWithinLimit: false });
  });

  it('Google Workspace relay: 10,000 per user; Amazon SES: the whole account counts together', () => {
    expect(quotaOf({ provider: 'google-relay', limit: 5, environments: [env('PRD', 'a@x.com', { recipientsPerDay: 10_001 })] }).allWithinLimit).toBe(false);
    const ses = quotaOf({
      provider: 'amazon-ses',
      limit: 5,
      recipientLimit: 50_000,
      environments: [env('PRD', 'a@x.com', { recipientsPerDay: 30_000 }), env('QA', 'b@x.com', { recipientsPerDay: 30_000 })],
    });
    expect(ses.scope).toBe('account');
    expect(ses.mailboxes).toHaveLength(1);
    expect(ses.mailboxes[0]).toMatchObject({ environments: ['PRD', 'QA'], recipients: 60_000, status: 'over' });
    expect(ses.options.map((o) => o.kind)).toEqual(['fewer-recipients', 'raise-quota']);
  });
});

describe('recipients per 24 h: the ways out', () => {
  it('two senders over: move either one, or split over ceil(11,200 / 10,000) = 2 mailboxes', () => {
    const result = computeBudget({
      environments: [env('PRD', 'noreply@contoso.com', { recipientsPerDay: 6000 }), env('QA', 'noreply@contoso.com', { recipientsPerDay: 5200 })],
    });
    const { options } = result.quota;
    expect(options[0]).toMatchObject({ kind: 'own-mailbox', title: 'Move QA to its own mailbox', fits: true });
    expect(options[0]!.detail).toContain("noreply@contoso.com carries 6,000 (4,000 to spare); QA's own mailbox carries 5,200 (4,800 to spare)");
    const split = options.find((o) => o.kind === 'split-mailboxes')!;
    expect(split).toMatchObject({ title: 'Split the senders over 2 mailboxes', fits: true, mailboxesNeeded: 2 });
    expect(split.after!.map((a) => [a.mailbox, a.environments, a.recipients])).toEqual([
      ['noreply@contoso.com', ['PRD'], 6000],
      ['New mailbox 2', ['QA'], 5200],
    ]);
    // Each mailbox then opens its own connections: PRD's 1 and QA's 1.
    expect(split.after!.map((a) => a.connections)).toEqual([1, 1]);
    expect(options.find((o) => o.kind === 'fewer-recipients')!.title).toBe('Send to 1,200 fewer recipients per 24 h');
    // No relay or bulk service while a split fits; the connection plans are untouched.
    expect(options.some((o) => o.kind === 'relay-or-bulk')).toBe(false);
    expect(result.allWithinLimit).toBe(true);
    expect(result.plans).toEqual([]);
    expect(result.quota.verdict).toContain('Simplest way out: Move QA to its own mailbox.');
  });

  it('three senders of 7,000: no single move fits, the split needs 3 mailboxes', () => {
    const { options } = computeBudget({
      environments: ['PRD', 'QA', 'DEV'].map((n) => env(n, 'noreply@contoso.com', { recipientsPerDay: 7000 })),
    }).quota;
    const split = options.find((o) => o.kind === 'split-mailboxes')!;
    expect(split).toMatchObject({ fits: true, mailboxesNeeded: 3, title: 'Split the senders over 3 mailboxes' });
    expect(options.filter((o) => o.kind === 'own-mailbox').every((o) => !o.fits)).toBe(true);
    expect(options.filter((o) => o.kind === 'own-mailbox')[0]!.detail).toContain('still over 10,000');
  });

  it('one sender over the limit alone: no split fits; a relay connector or a bulk service, and the numbers for fewer recipients', () => {
    const { options, verdict } = computeBudget({
      environments: [
        env('PRD', 'noreply@contoso.com', { emailsPerDay: 5000, recipientsPerEmail: 3 }),
        env('QA', 'noreply@contoso.com', { recipientsPerDay: 500 }),
      ],
    }).quota;
    const split = options.find((o) => o.kind === 'split-mailboxes')!;
    expect(split).toMatchObject({ fits: false, mailboxesNeeded: 2 });
    expect(split.detail).toContain('PRD alone sends 15,000 > 10,000');
    expect(options.find((o) => o.kind === 'relay-or-bulk')!.detail).toMatch(/relay connector.*bulk email delivery service/);
    expect(options.find((o) => o.kind === 'fewer-recipients')!.detail).toContain(
      'PRD: at most 1 recipient per email (today 3); PRD: at most 3,166 emails per day (today 5,000)',
    );
    expect(verdict).toContain('Simplest way out: Send to 5,500 fewer recipients per 24 h.');
  });

  it('fewest mailboxes is exact where first fit would waste one', () => {
    // First fit decreasing into 9: [4,4] [3,3,2] [2] = 3 mailboxes; exact: [4,3,2] [4,3,2] = 2.
    const senders = [2, 4, 3, 4, 3, 2].map((v, i) => ({ environment: `E${i}`, recipientsPerDay: v }));
    const groups = fewestMailboxes(senders, 9);
    expect(groups).toHaveLength(2);
    expect(groups[0]![0]!.environment).toBe('E0'); // the first sender's group keeps the mailbox
    for (const g of groups) expect(g.reduce((s, x) => s + x.recipientsPerDay!, 0)).toBe(9);
  });
});

describe('the quota error seen', () => {
  const seen = (recipientsPerDay?: number) =>
    quotaOf({ quotaErrorSeen: true, environments: [env('PRD', 'a@x.com', recipientsPerDay === undefined ? {} : { recipientsPerDay })] }).warnings.join(' ');

  it('a volume far below the limit points to a compromised account', () => {
    expect(seen(300)).toMatch(
      /far below the limit \(a@x.com 300 of 10,000\).*points to a compromised account: check the mailbox’s sign-ins and its outbound mail/,
    );
  });
  it('near the limit: compare with the message trace; over: the error fits; no volume: asks for it', () => {
    expect(seen(8000)).toMatch(/rolling 24 h.*message trace/);
    expect(seen(12_000)).toBe('The quota error fits the volume: a@x.com is over 10,000.');
    expect(seen()).toMatch(/could not be checked: give the daily volume\..*compromised account/);
  });
  it('says nothing when the error was not seen', () => {
    expect(quotaOf({ environments: [env('PRD', 'a@x.com', { recipientsPerDay: 300 })] }).warnings).toEqual([]);
  });
});

describe('field errors name the environment and the field', () => {
  const issues = (volume: Record<string, unknown>) => {
    const parsed = budgetInputSchema.safeParse({ environments: [env('PRD', 'a@x.com'), { ...env('QA', 'a@x.com'), ...volume }] });
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('whole numbers, at least 1 recipient per email, one way to give the volume', () => {
    expect(issues({ emailsPerDay: 10, recipientsPerEmail: 1.5 })).toEqual([
      'environments.1.recipientsPerEmail: QA: recipients per email must be a whole number of at least 1',
    ]);
    expect(issues({ emailsPerDay: 10, recipientsPerEmail: 0 })).toEqual([
      'environments.1.recipientsPerEmail: QA: recipients per email must be a whole number of at least 1',
    ]);
    expect(issues({ recipientsPerDay: -1 })).toEqual(['environments.1.recipientsPerDay: QA: recipients per day must be a whole number of 0 or more']);
    expect(issues({ emailsPerDay: Number.NaN, recipientsPerEmail: 1 })).toEqual([
      'environments.1.emailsPerDay: QA: emails per day must be a whole number of 0 or more',
    ]);
    expect(issues({ emailsPerDay: '12', recipientsPerEmail: 1 })).toEqual([
      'environments.1.emailsPerDay: QA: emails per day must be a whole number of 0 or more',
    ]);
    expect(issues({ emailsPerDay: 10 })).toEqual([
      'environments.1.recipientsPerEmail: QA: give the recipients per email too (1 when each email goes to one address)',
    ]);
    expect(issues({ recipientsPerEmail: 2 })).toEqual(['environments.1.emailsPerDay: QA: give the emails per day too']);
    expect(issues({ recipientsPerDay: 5, emailsPerDay: 1, recipientsPerEmail: 5 })).toEqual([
      'environments.1.recipientsPerDay: QA: give recipients per day, or emails per day and recipients per email, not both',
    ]);
    const limit = budgetInputSchema.safeParse({ recipientLimit: 0, environments: [env('PRD', 'a@x.com')] });
    expect(limit.success ? '' : limit.error.issues[0]!.message).toBe('Recipients per 24 h limit must be a whole number of at least 1');
  });
});

describe('Markdown', () => {
  it('has the recipients table, the ways out and the warning', () => {
    const markdown = budgetToMarkdown(
      computeBudget({
        quotaErrorSeen: true,
        environments: [env('PRD', 'noreply@contoso.com', { recipientsPerDay: 6000 }), env('QA', 'noreply@contoso.com', { recipientsPerDay: 5200 })],
      }),
    );
    expect(markdown).toContain('## Recipients per 24 hours');
    expect(markdown).toContain('**Over the quota.** noreply@contoso.com is over');
    expect(markdown).toContain('| noreply@contoso.com | PRD, QA | 11,200 | 10,000 | -1,200 | PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000 |');
    expect(markdown).toContain('- **Split the senders over 2 mailboxes** (fits): 11,200 recipients per 24 h need at least 2 mailboxes');
    expect(markdown).toContain('> **Note:** The quota error fits the volume');
    expect(budgetToMarkdown(computeBudget({ environments: [env('PRD', 'a@x.com')] }))).toContain(
      '**Not checked.** Recipients per 24 h not checked: no daily volume given.',
    );
  });
});
