import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../shared/capacity/engine';
import { planInstructions } from '../../shared/playbooks/concurrency/instructions';

const shared = 'noreply@contoso.com';
const env = (name: string, threads: number, servers: number) => ({
  name,
  mailbox: shared,
  emailThreads: threads,
  servers: Array.from({ length: servers }, (_, i) => ({ name: `${name}${i + 1}` })),
});

describe('plans that keep production redundant by moving other environments off its mailbox', () => {
  it('PRD 2 x 2, QA and DEV 1 x 1 on one mailbox: non-production on its own mailbox first, production cut to one server last', () => {
    const result = computeBudget({ environments: [env('PRD', 2, 2), env('QA', 1, 1), env('DEV', 1, 1)] });
    const titles = result.plans.map((p) => p.title);
    expect(titles[0]).toBe(
      'Give QA and DEV (non-production) a mailbox of their own: PRD: 2 servers x 1 thread; QA: 1 server x 1 thread (unchanged); DEV: 1 server x 1 thread (unchanged)',
    );
    expect(titles[1]).toMatch(/^Give each environment its own mailbox: /);
    expect(titles.at(-1)).toBe('PRD: 1 server x 1 thread; QA: 1 server x 1 thread (unchanged); DEV: 1 server x 1 thread (unchanged)');
    expect(result.plans.at(-1)!.tradeOff).toMatch(/no redundancy/);
    expect(result.verdict).toMatch(/Recommended: Give QA and DEV \(non-production\) a mailbox of their own/);

    const [best] = result.plans;
    expect(best!.connectionsAfter).toEqual({ [shared]: 2, 'New mailbox for QA and DEV': 2 });
    expect(best!.emailServersAfter).toBe(4);
    expect(best!.tradeOff).toMatch(/needs a new mailbox for QA and DEV/);
    expect(best!.changes.map((c) => [c.kind, c.environment, c.mailbox ?? c.to])).toEqual([
      ['move-to-mailbox', 'QA', 'New mailbox for QA and DEV'],
      ['move-to-mailbox', 'DEV', 'New mailbox for QA and DEV'],
      ['set-global-threads', 'PRD', 1],
    ]);
    // The wizard's steps say where the move is made.
    expect(planInstructions(best!, ['PRD1', 'PRD2'])[0]!.text).toBe(
      "Send QA's emails through a new mailbox for QA and DEV: create it in Exchange Online (SMTP AUTH allowed) if it does not exist yet, then set it in QA's email settings.",
    );
  });

  it('a plan on the shared mailbox that keeps production’s servers stays first; the split is still offered after it', () => {
    const result = computeBudget({ environments: [env('Contoso PRD', 2, 2), env('Contoso QA', 1, 1)] });
    expect(result.plans[0]!.title).toBe('Contoso PRD: 2 servers x 1 thread; Contoso QA: 1 server x 1 thread (unchanged)');
    expect(result.plans.map((p) => p.title)).toContain(
      'Give Contoso QA (non-production) its own mailbox: Contoso PRD: 2 servers x 1 thread; Contoso QA: 1 server x 1 thread (unchanged)',
    );
    // Two environments: "each its own mailbox" is the same split, offered once.
    expect(result.plans.filter((p) => p.changes.some((c) => c.kind === 'move-to-mailbox'))).toHaveLength(1);
  });

  it('one environment on its mailbox, or the others sending nothing: no split is offered', () => {
    expect(computeBudget({ environments: [env('PRD', 2, 2)] }).plans.some((p) => p.changes.some((c) => c.kind === 'move-to-mailbox'))).toBe(false);
    const quiet = computeBudget({
      environments: [env('PRD', 2, 2), { name: 'QA', mailbox: shared, emailThreads: 1, servers: [{ name: 'Q1', sendsEmail: false }] }],
    });
    expect(quiet.plans.some((p) => p.changes.some((c) => c.kind === 'move-to-mailbox'))).toBe(false);
  });
});
