import { describe, expect, it } from 'vitest';
import { computeBudget, expandShorthand, parseAnyBudgetInput } from '../../shared/capacity/engine';
import { budgetToMarkdown } from '../../shared/capacity/markdown';
import { budgetInputSchema, type BudgetInput } from '../../shared/capacity/types';

const shorthand = (servers: number, threads: number, limit?: number) =>
  computeBudget(expandShorthand({ servers, threads, ...(limit !== undefined ? { limit } : {}) }));

describe('connection budget: the support article examples', () => {
  it('2 servers x 2 threads is over 3 and the fix is 2 servers x 1 thread', () => {
    const result = shorthand(2, 2);
    expect(result.allWithinLimit).toBe(false);
    expect(result.mailboxes[0]).toMatchObject({ connections: 4, limit: 3, withinLimit: false, headroom: -1, arithmetic: '2 servers x 2 threads = 4 > 3' });
    expect(result.plans[0]).toMatchObject({ title: '2 servers x 1 thread', emailServersAfter: 2 });
    expect(result.plans[0]!.changes).toEqual([
      expect.objectContaining({ kind: 'set-global-threads', parameter: 'Scheduler.NumberOfThreadsForEmails', from: 2, to: 1 }),
    ]);
    // The alternative stays listed with its trade-off in words.
    const alternative = result.plans.find((p) => p.title === '1 server x 3 threads');
    expect(alternative?.tradeOff).toMatch(/more connections.*no redundancy/i);
  });

  it('5 servers x 2 threads -> 3 servers x 1 thread, switching off the last listed servers', () => {
    const result = shorthand(5, 2);
    expect(result.plans[0]!.title).toBe('3 servers x 1 thread');
    const off = result.plans[0]!.changes.filter((c) => c.kind === 'disable-email').map((c) => c.server);
    expect(off).toEqual(['FE4', 'FE5']);
    expect(Object.values(result.plans[0]!.connectionsAfter)).toEqual([3]);
  });

  it('1 server x 4 threads -> 1 x 3', () => {
    const result = shorthand(1, 4);
    expect(result.plans[0]!.title).toBe('1 server x 3 threads');
    expect(result.plans[0]!.changes).toHaveLength(1);
  });

  it('within the limit: no plans and a verdict that says so', () => {
    const result = shorthand(3, 1);
    expect(result.allWithinLimit).toBe(true);
    expect(result.plans).toEqual([]);
    // The page and the Markdown put "Within the limit." before it: the sentence does not repeat it.
    expect(result.verdict).toBe('Mailbox of Environment uses 3 of 3 connections (3 servers x 1 thread = 3 <= 3).');
    expect(result.mailboxes[0]!.headroom).toBe(0);
  });

  it('the limit option replaces the preset', () => {
    expect(shorthand(2, 2, 4).allWithinLimit).toBe(true);
    expect(shorthand(2, 2, 4).provider.limit).toBe(4);
  });
});

describe('zones, per-host overrides and shared mailboxes', () => {
  it('keeps one email-sending server in every zone that has one', () => {
    const result = computeBudget({
      environments: [
        {
          name: 'PRD',
          emailThreads: 2,
          servers: [
            { name: 'A1', zone: 'Zone A' },
            { name: 'A2', zone: 'Zone A' },
            { name: 'A3', zone: 'Zone A' },
            { name: 'B1', zone: 'Zone B' },
            { name: 'X1', zone: 'Zone C', sendsEmail: false },
          ],
        },
      ],
    });
    for (const plan of result.plans) {
      const off = new Set(plan.changes.filter((c) => c.kind === 'disable-email').map((c) => c.server));
      expect(off.has('B1')).toBe(false);
      expect(['A1', 'A2', 'A3'].some((s) => !off.has(s))).toBe(true);
    }
    expect(result.plans[0]!.title).toBe('3 servers x 1 thread');
    expect(result.plans[0]!.changes.find((c) => c.kind === 'disable-email')?.server).toBe('A3');
  });

  it('no plan when more zones send email than the limit allows, with Microsoft’s ways out', () => {
    const result = computeBudget({
      environments: [{ name: 'PRD', emailThreads: 1, servers: ['A', 'B', 'C', 'D'].map((z) => ({ name: `FE-${z}`, zone: z })) }],
    });
    expect(result.plans).toEqual([]);
    expect(result.noPlan).toHaveLength(1);
    expect(result.noPlan[0]!.reason).toMatch(/4 deployment zones/);
    expect(result.noPlan[0]!.alternatives.join(' ')).toMatch(/own sending mailbox/);
    expect(result.noPlan[0]!.alternatives.join(' ')).toMatch(/relay connector/);
    expect(result.noPlan[0]!.alternatives.join(' ')).toMatch(/bulk email delivery service/);
    expect(result.verdict).toMatch(/alternatives/);
  });

  it('counts a per-host override for its server and says when a plan touches it', () => {
    const result = computeBudget({
      environments: [{ name: 'PRD', emailThreads: 1, servers: [{ name: 'FE1', emailThreads: 3 }, { name: 'FE2' }] }],
    });
    const loads = result.mailboxes[0]!.servers;
    expect(loads.find((s) => s.server === 'FE1')).toMatchObject({ threads: 3, threadsSource: 'per-host override', connections: 3 });
    expect(result.mailboxes[0]!.connections).toBe(4);
    expect(result.mailboxes[0]!.arithmetic).toBe('1 server x 1 thread + FE1 x 3 threads (per-host) = 4 > 3');
    const best = result.plans[0]!;
    expect(best.title).toBe('2 servers x 1 thread');
    expect(best.touchesOverrides).toBe(true);
    expect(best.changes).toEqual([expect.objectContaining({ kind: 'remove-host-override', server: 'FE1', from: 3 })]);
    expect(best.tradeOff).toMatch(/per-host/);
  });

  it('environments on the same mailbox (any letter case) share and split its limit', () => {
    const result = computeBudget({
      environments: [
        { name: 'QA', mailbox: 'noreply@contoso.com', emailThreads: 2, servers: [{ name: 'Q1' }, { name: 'Q2' }] },
        { name: 'PRD', mailbox: 'NoReply@Contoso.com', emailThreads: 2, servers: [{ name: 'P1' }, { name: 'P2' }] },
        { name: 'DEV', emailThreads: 3, servers: [{ name: 'D1' }] },
      ],
    });
    expect(result.mailboxes).toHaveLength(2);
    expect(result.mailboxes[0]).toMatchObject({ mailbox: 'noreply@contoso.com', environments: ['QA', 'PRD'], connections: 8 });
    expect(result.mailboxes[1]).toMatchObject({ mailbox: 'Mailbox of DEV', withinLimit: true });
    const best = result.plans[0]!;
    expect(best.connectionsAfter['noreply@contoso.com']).toBe(3);
    expect(best.emailServersAfter).toBe(4); // 3 on the shared mailbox + DEV's one
    // Both environments keep sending: the split gives each at least one server.
    expect(best.title).toMatch(/QA: .*PRD: /);
    expect(best.changes.every((c) => c.environment !== 'DEV')).toBe(true);
  });

  it('no plan on the shared mailbox when its environments cannot split it: moving non-production off it is the plan', () => {
    const result = computeBudget({
      environments: ['DEV', 'QA', 'PRD', 'LifeTime'].map((name) => ({ name, mailbox: 'noreply@contoso.com', emailThreads: 1, servers: [{ name: 'S1' }] })),
    });
    expect(result.noPlan[0]!.reason).toMatch(/DEV, QA, PRD and LifeTime share noreply@contoso.com/);
    expect(result.plans.map((p) => p.title.split(':')[0])).toEqual([
      'Give DEV, QA and LifeTime (non-production) a mailbox of their own',
      'Give each environment its own mailbox',
    ]);
    expect(result.plans[0]!.connectionsAfter).toEqual({ 'noreply@contoso.com': 1, 'New mailbox for DEV, QA and LifeTime': 3 });
  });

  it('a server that does not send email opens no connection', () => {
    const result = computeBudget({ environments: [{ name: 'PRD', emailThreads: 3, servers: [{ name: 'FE1' }, { name: 'FE2', sendsEmail: false }] }] });
    expect(result.mailboxes[0]!.servers.map((s) => s.connections)).toEqual([3, 0]);
    expect(result.allWithinLimit).toBe(true);
  });
});

describe('throughput', () => {
  it('messages per minute are capped at 30 for Exchange Online and the backlog drain time follows', () => {
    const result = computeBudget({ ...expandShorthand({ servers: 2, threads: 2 }), throughput: { avgSendSeconds: 6, backlog: 1200 } });
    const best = result.plans[0]!;
    // Before: 4 connections but the 4th is refused, so 3 x 60/6 = 30; after: 2 x 10 = 20 per minute.
    expect(best.throughput).toEqual({
      before: { messagesPerMinute: 30, minutesToDrain: 40 },
      after: { messagesPerMinute: 20, minutesToDrain: 60 },
    });
  });

  it('no backlog means no drain time', () => {
    const result = computeBudget({ ...expandShorthand({ servers: 2, threads: 2 }), throughput: { avgSendSeconds: 1.5 } });
    expect(result.plans[0]!.throughput?.after.minutesToDrain).toBeNull();
  });
});

describe('input validation', () => {
  const base: BudgetInput = { environments: [{ name: 'PRD', emailThreads: 2, servers: [{ name: 'FE1' }, { name: 'FE2' }] }] };
  const firstIssue = (input: unknown) => {
    const parsed = budgetInputSchema.safeParse(input);
    return parsed.success ? null : { path: parsed.error.issues[0]!.path.join('.'), message: parsed.error.issues[0]!.message };
  };

  it('names the field of negative or fractional threads', () => {
    expect(firstIssue({ environments: [{ ...base.environments[0], emailThreads: -1 }] })).toEqual({
      path: 'environments.0.emailThreads',
      message: 'Email threads cannot be negative',
    });
    expect(firstIssue({ environments: [{ ...base.environments[0], emailThreads: 1.5 }] })?.message).toBe('Email threads must be a whole number');
    expect(firstIssue({ environments: [{ ...base.environments[0], servers: [{ name: 'FE1', emailThreads: 0.5 }] }] })?.path).toBe(
      'environments.0.servers.0.emailThreads',
    );
  });

  it('refuses empty and duplicate names', () => {
    expect(firstIssue({ environments: [{ ...base.environments[0], servers: [{ name: '  ' }] }] })).toEqual({
      path: 'environments.0.servers.0.name',
      message: 'Server name is required',
    });
    expect(firstIssue({ environments: [{ ...base.environments[0], servers: [{ name: 'FE1' }, { name: 'fe1' }] }] })).toEqual({
      path: 'environments.0.servers.1.name',
      message: 'Server name "fe1" is used twice in PRD',
    });
    expect(firstIssue({ environments: [base.environments[0], base.environments[0]] })?.path).toBe('environments.1.name');
  });

  it('asks for a limit when the provider publishes none', () => {
    expect(firstIssue({ ...base, provider: 'custom' })?.path).toBe('limit');
    expect(computeBudget({ ...base, provider: 'custom', limit: 10 }).allWithinLimit).toBe(true);
  });

  it('computeBudget throws on invalid input rather than guessing', () => {
    expect(() => computeBudget({ environments: [] })).toThrow(/At least one environment/);
  });

  it('accepts the shorthand where the full form is expected', () => {
    const parsed = parseAnyBudgetInput({ servers: 2, threads: 2 });
    expect(parsed.success && parsed.data.environments[0]!.servers.map((s) => s.name)).toEqual(['FE1', 'FE2']);
    const bad = parseAnyBudgetInput({ servers: 0, threads: 2 });
    expect(bad.success ? null : bad.error.issues[0]!.path).toEqual(['servers']);
  });
});

describe('Markdown', () => {
  it('carries the verdict, the arithmetic, the plans and their changes', () => {
    const markdown = budgetToMarkdown(shorthand(2, 2));
    expect(markdown).toContain('**Over the limit.**');
    expect(markdown).toContain('| 2 servers x 2 threads = 4 > 3 |');
    expect(markdown).toContain('### Recommended: 2 servers x 1 thread');
    expect(markdown).toContain('- Environment: set Scheduler.NumberOfThreadsForEmails 2 -> 1');
    expect(markdown).toContain('restart the Scheduler Service');
  });

  it('escapes table cells and lists the ways out when no plan exists', () => {
    const result = computeBudget({
      environments: [{ name: 'P|RD', emailThreads: 1, servers: ['A', 'B', 'C', 'D'].map((z) => ({ name: z, zone: z })) }],
    });
    const markdown = budgetToMarkdown(result);
    expect(markdown).toContain('Mailbox of P\\|RD');
    expect(markdown).toContain('## No plan for Mailbox of P|RD');
    expect(markdown).toContain('- Send through an Exchange Online SMTP relay connector');
  });
});
