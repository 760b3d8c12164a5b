import { describe, expectTypeOf, it } from 'vitest';
import type { BudgetCapability, FixCapability, Playbook, SharedMailboxCapability } from '../../shared/wizard/playbook';

/**
 * The playbook kit's promises, checked by the type checker (`npm run typecheck` reads this file):
 * a capability is stated whole or not at all. Each `@ts-expect-error` fails the type check the day
 * the line it guards compiles.
 */
const otherSender: SharedMailboxCapability['otherSender'] = { probes: [], row: (name) => ({ factKey: 'mailbox.others', row: { name } }) };

describe('the playbook kit', () => {
  it('takes a shared mailbox only whole: the fact, how another sender is read, and what Continue says', () => {
    const whole: SharedMailboxCapability = { mailboxFact: 'mailbox', otherSender, candidatesMessage: () => null };
    expectTypeOf(whole).toMatchTypeOf<NonNullable<Playbook['sharedMailbox']>>();
    // @ts-expect-error candidatesMessage is missing: saved environments could be offered but never named.
    const partial: SharedMailboxCapability = { mailboxFact: 'mailbox', otherSender };
    expectTypeOf(partial).not.toBeAny();
  });

  it('takes a budget only with its diagnosis after the change and its plans spelled out', () => {
    // @ts-expect-error planInstructions is missing: a plan could be chosen with no steps to follow.
    const partial: BudgetCapability = { diagnosis: () => null, diagnosisAfter: () => null };
    expectTypeOf(partial).not.toBeAny();
  });

  it('takes a fix that takes effect on a restart only with what is restarted, where', () => {
    const byRecording: FixCapability = { takesEffect: 'apply' };
    const byRestart: FixCapability = { takesEffect: 'restart', restart: { service: 'Scheduler Service', servers: () => ['FE01'] } };
    expectTypeOf(byRecording).toMatchTypeOf<Playbook['fix']>();
    expectTypeOf(byRestart).toMatchTypeOf<Playbook['fix']>();
    // @ts-expect-error a restart with no checklist could never be ticked, so the fix would never take effect.
    const noChecklist: FixCapability = { takesEffect: 'restart' };
    expectTypeOf(noChecklist).not.toBeAny();
  });
});
