import { describe, expectTypeOf, it } from 'vitest';
import { CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import type { ErrorsProbeResult, ParameterProbeResult } from '../../shared/probes/types';
import type { BudgetCapability, FixCapability, Playbook, ProbeResultOf, ProbeUse, SharedMailboxCapability } from '../../shared/wizard/playbook';

/**
 * The playbook kit's promises, checked by the type checker (`npm run typecheck` reads this file):
 * a probe takes exactly its own parameters, and a capability is stated whole or not at all. Each `@ts-expect-error` fails the type check the day
 * the line it guards compiles.
 */
const otherSender: SharedMailboxCapability['otherSender'] = { probes: [], row: (name) => ({ factKey: 'mailbox.others', row: { name } }) };

describe('the playbook kit', () => {
  it('takes each probe with exactly its own parameters', () => {
    const search: ProbeUse = { probe: 'error-log', label: 'Search the error log', matchers: CONCURRENCY_MATCHERS, errorName: '432 concurrency error' };
    const threads: ProbeUse = { probe: 'parameter', label: 'Read the threads', parameter: 'Scheduler.NumberOfThreadsForEmails' };
    expectTypeOf([search, threads]).toMatchTypeOf<ProbeUse[]>();
    // @ts-expect-error an error-log search without its matchers and name would count nobody's error.
    const unnamed: ProbeUse = { probe: 'error-log', label: 'Search the error log' };
    // @ts-expect-error a parameter probe without the parameter's name reads nothing.
    const nameless: ProbeUse = { probe: 'parameter', label: 'Read a parameter' };
    // @ts-expect-error the servers probe takes no parameter name.
    const wrong: ProbeUse = { probe: 'servers', label: 'Read the servers', parameter: 'Scheduler.NumberOfThreadsForEmails' };
    expectTypeOf([unnamed, nameless, wrong]).not.toBeAny();
  });

  it('says what each probe returns, by name', () => {
    expectTypeOf<ProbeResultOf<'error-log'>>().toEqualTypeOf<ErrorsProbeResult>();
    expectTypeOf<ProbeResultOf<'parameter'>>().toEqualTypeOf<ParameterProbeResult>();
  });

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
