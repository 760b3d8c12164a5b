import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../shared/capacity/engine';
import type { BudgetInputParsed } from '../../shared/capacity/types';

/** 1-6 environments on up to 3 mailboxes (written in any case), each with a volume given one way, or none. */
const farm = fc
  .record({
    recipientLimit: fc.integer({ min: 1, max: 20_000 }),
    environments: fc.array(
      fc.record({
        mailbox: fc.constantFrom('noreply@contoso.com', 'NoReply@Contoso.com', 'alerts@contoso.com', undefined),
        volume: fc.oneof(
          fc.constant({}),
          fc.record({ recipientsPerDay: fc.integer({ min: 0, max: 25_000 }) }),
          fc.record({ emailsPerDay: fc.integer({ min: 0, max: 5_000 }), recipientsPerEmail: fc.integer({ min: 1, max: 6 }) }),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ recipientLimit, environments }): BudgetInputParsed => ({
    provider: 'exchange-online',
    recipientLimit,
    environments: environments.map((env, e) => ({
      name: `ENV${e}`,
      mailbox: env.mailbox,
      emailThreads: 1,
      servers: [{ name: 'FE1', sendsEmail: true, zone: 'Global' }],
      ...env.volume,
    })),
  }));

const volumeOf = (env: BudgetInputParsed['environments'][number]): number | null =>
  env.recipientsPerDay ?? (env.emailsPerDay !== undefined ? env.emailsPerDay * env.recipientsPerEmail! : null);

describe('recipients per 24 h invariants', () => {
  it('the recipients on a mailbox are the sum of its senders (mailboxes compared case-insensitively), every sender counted once', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const { quota } = computeBudget(input);
        const seen = quota.mailboxes.flatMap((m) => m.environments);
        expect([...seen].sort()).toEqual(input.environments.map((e) => e.name).sort());
        for (const mailbox of quota.mailboxes) {
          const senders = input.environments.filter((e) => mailbox.environments.includes(e.name));
          const keys = new Set(senders.map((e) => e.mailbox?.toLowerCase() ?? `own:${e.name}`));
          expect(keys.size).toBe(1);
          const sum = senders.reduce((total, e) => total + (volumeOf(e) ?? 0), 0);
          expect(mailbox.recipients).toBe(sum);
          expect(mailbox.missing).toEqual(senders.filter((e) => volumeOf(e) === null).map((e) => e.name));
          if (mailbox.status !== 'not-checked') {
            expect(mailbox.status).toBe(sum > input.recipientLimit! ? 'over' : 'within');
            expect(mailbox.headroom).toBe(input.recipientLimit! - sum);
          }
        }
        expect(quota.allWithinLimit).toBe(quota.mailboxes.every((m) => m.status !== 'over'));
      }),
      { numRuns: 300 },
    );
  });

  it('a split or move that fits never leaves a mailbox over the limit, keeps every sender, and uses at least ceil(total / limit) mailboxes', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const { quota } = computeBudget(input);
        const limit = input.recipientLimit!;
        for (const option of quota.options.filter((o) => o.kind === 'split-mailboxes' || o.kind === 'own-mailbox')) {
          const mailbox = quota.mailboxes.find((m) => m.mailbox === option.mailbox)!;
          expect(mailbox.status).toBe('over');
          if (option.kind === 'split-mailboxes') expect(option.mailboxesNeeded).toBe(Math.ceil(mailbox.recipients / limit));
          if (!option.fits) continue;
          const after = option.after!;
          for (const a of after) expect(a.recipients).toBeLessThanOrEqual(limit);
          expect(after.flatMap((a) => a.environments).sort()).toEqual([...mailbox.environments].sort());
          expect(after.reduce((sum, a) => sum + a.recipients, 0)).toBe(mailbox.recipients);
          if (option.kind === 'split-mailboxes') expect(after.length).toBeGreaterThanOrEqual(option.mailboxesNeeded!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a split fits exactly when the mailbox has several senders and none is over the limit alone; otherwise a relay or bulk service is offered', () => {
    fc.assert(
      fc.property(farm, (input) => {
        const { quota } = computeBudget(input);
        for (const mailbox of quota.mailboxes.filter((m) => m.status === 'over')) {
          const options = quota.options.filter((o) => o.mailbox === mailbox.mailbox);
          const heaviest = Math.max(...mailbox.senders.map((s) => s.recipientsPerDay ?? 0));
          const splits = heaviest <= input.recipientLimit! && mailbox.senders.length > 1;
          expect(options.some((o) => o.kind === 'split-mailboxes' && o.fits)).toBe(splits);
          expect(options.some((o) => o.kind === 'relay-or-bulk')).toBe(!splits);
        }
        // The quota never changes the connection plans.
        const withoutVolume = {
          ...input,
          environments: input.environments.map(({ emailsPerDay: _e, recipientsPerEmail: _r, recipientsPerDay: _d, ...env }) => env),
        };
        expect(computeBudget(input).plans).toEqual(computeBudget(withoutVolume).plans);
      }),
      { numRuns: 300 },
    );
  });
});
