import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../shared/capacity/engine';
import type { BudgetInputParsed, BudgetResult, Plan } from '../../shared/capacity/types';

/** Farms of 1-3 environments, 1-6 servers each, in up to 3 zones, sharing up to 2 mailboxes. */
const farm = fc
  .record({
    limit: fc.integer({ min: 1, max: 6 }),
    environments: fc.array(
      fc.record({
        mailbox: fc.constantFrom('noreply@contoso.com', 'alerts@contoso.com', undefined),
        emailThreads: fc.integer({ min: 0, max: 5 }),
        servers: fc.array(
          fc.record({
            sendsEmail: fc.boolean(),
            zone: fc.constantFrom('Global', 'Zone B', 'Zone C'),
            emailThreads: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ limit, environments }): BudgetInputParsed => ({
    provider: 'exchange-online',
    limit,
    environments: environments.map((env, e) => ({
      name: `ENV${e}`,
      mailbox: env.mailbox,
      emailThreads: env.emailThreads,
      servers: env.servers.map((s, i) => ({ name: `FE${i}`, sendsEmail: s.sendsEmail, zone: s.zone, emailThreads: s.emailThreads })),
    })),
  }));

/** Applies a plan's changes to the input, the way an engineer would in Service Center. */
function applyPlan(input: BudgetInputParsed, plan: Plan): BudgetInputParsed {
  return {
    ...input,
    environments: input.environments.map((env) => {
      const mine = plan.changes.filter((c) => c.environment === env.name);
      const threads = mine.find((c) => c.kind === 'set-global-threads')?.to;
      const moved = mine.find((c) => c.kind === 'move-to-mailbox')?.mailbox;
      return {
        ...env,
        mailbox: moved ?? env.mailbox,
        emailThreads: typeof threads === 'number' ? threads : env.emailThreads,
        servers: env.servers.map((s) => {
          const changes = mine.filter((c) => c.server === s.name);
          const off = changes.some((c) => c.kind === 'disable-email');
          const removed = changes.some((c) => c.kind === 'remove-host-override');
          return { ...s, sendsEmail: off ? false : s.sendsEmail, emailThreads: removed ? undefined : s.emailThreads };
        }),
      };
    }),
  };
}

const score = (plan: Plan) => ({
  servers: plan.emailServersAfter,
  connections: Object.values(plan.connectionsAfter).reduce((a, b) => a + b, 0),
  changes: plan.changes.length,
});

function zonesSending(input: BudgetInputParsed): Set<string> {
  return new Set(input.environments.flatMap((e) => e.servers.filter((s) => s.sendsEmail).map((s) => `${e.name}/${s.zone}`)));
}

/** Plans that keep every environment on its mailbox (a split onto a new mailbox is another kind of plan). */
const sameMailbox = (plans: Plan[]) => plans.filter((p) => !p.changes.some((c) => c.kind === 'move-to-mailbox'));

const fixable = (result: BudgetResult) => result.mailboxes.filter((m) => !result.noPlan.some((n) => n.mailbox === m.mailbox));

describe('connection budget invariants', () => {
  it('every plan brings each fixable mailbox within its limit, and applying it gives exactly what it promised', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const result = computeBudget(input);
        for (const plan of result.plans) {
          const after = computeBudget(applyPlan(input, plan));
          for (const mailbox of fixable(result)) {
            expect(plan.connectionsAfter[mailbox.mailbox]).toBeLessThanOrEqual(mailbox.limit);
            expect(after.mailboxes.find((m) => m.mailbox === mailbox.mailbox)!.connections).toBe(plan.connectionsAfter[mailbox.mailbox]);
          }
          expect(after.mailboxes.reduce((n, m) => n + m.servers.filter((s) => s.sendsEmail).length, 0)).toBe(plan.emailServersAfter);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no plan leaves a zone that sends email today without an email-sending server', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const before = zonesSending(input);
        for (const plan of computeBudget(input).plans) {
          const after = zonesSending(applyPlan(input, plan));
          for (const zone of before) expect(after.has(zone)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the first plan on the same mailboxes is at least as good as every other one: servers, then connections, then fewest changes', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const [best, ...others] = sameMailbox(computeBudget(input).plans);
        if (!best) return;
        const b = score(best);
        for (const other of others) {
          const o = score(other);
          const order = o.servers - b.servers || o.connections - b.connections || b.changes - o.changes;
          expect(order).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('connections are never negative, and a mailbox has no plan only when one server per zone already exceeds the limit', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const result = computeBudget(input);
        for (const mailbox of result.mailboxes) {
          expect(mailbox.connections).toBeGreaterThanOrEqual(0);
          for (const server of mailbox.servers) expect(server.connections).toBeGreaterThanOrEqual(0);
        }
        for (const plan of result.plans) for (const c of Object.values(plan.connectionsAfter)) expect(c).toBeGreaterThanOrEqual(0);
        for (const none of result.noPlan) {
          const mailbox = result.mailboxes.find((m) => m.mailbox === none.mailbox)!;
          const zones = new Set(mailbox.servers.filter((s) => s.sendsEmail).map((s) => `${s.environment}/${s.zone}`));
          expect(zones.size).toBeGreaterThan(mailbox.limit);
        }
        // Over-limit and fixable means at least one plan; within limit means none.
        expect(sameMailbox(result.plans).length > 0).toBe(!result.allWithinLimit && fixable(result).some((m) => !m.withinLimit));
      }),
      { numRuns: 300 },
    );
  });
});
