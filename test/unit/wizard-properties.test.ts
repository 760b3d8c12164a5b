import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concurrencyPlaybook as playbook } from '../../shared/playbooks/concurrency';
import { stepOfFact } from '../../shared/wizard/context';
import { createSession, deriveSession, reduceSession } from '../../shared/wizard/engine';
import { BUILT_IN_PLAYBOOKS } from '../../shared/playbooks';
import type { FactDef } from '../../shared/wizard/playbook';
import type { FactValue, Session, SessionAction } from '../../shared/wizard/session';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';

/**
 * Any sequence of engineer actions, accepted or refused, keeps a session consistent: refusals
 * change nothing, the log only grows in time order, facts are unique and belong to their step,
 * and what is stored is exactly what re-deriving from the facts gives.
 */

const environment = { profileId: null, name: 'PRD', role: null, engine: 'manual' as const, host: null, customer: null, mailbox: null };
const serverRow = fc.record({
  name: fc.constantFrom('FE01', 'FE02', 'FE03', 'FE04'),
  sendsEmail: fc.constantFrom<boolean | null>(true, false, null),
  zone: fc.constantFrom<string | null>('Global', 'DMZ', null),
  active: fc.boolean(),
});

const action: fc.Arbitrary<SessionAction | { type: 'choose-first-plan' }> = fc.oneof(
  fc.constant<SessionAction>({ type: 'continue' }),
  fc.constant<SessionAction>({ type: 'back' }),
  fc.constantFrom(...playbook.steps.map((s) => ({ type: 'goto' as const, step: s.id }))),
  fc.constantFrom<SessionAction>({ type: 'skip', reason: 'Checked with the customer' }, { type: 'skip', reason: ' ' }),
  fc.integer({ min: 0, max: 20 }).map((n): SessionAction => ({ type: 'answer', facts: { 'errors.count': n } })),
  fc.integer({ min: 0, max: 4 }).map((n): SessionAction => ({ type: 'answer', facts: { 'threads.global': n } })),
  fc.integer({ min: 0, max: 4 }).map((n): SessionAction => ({ type: 'answer', facts: { 'after.threads.global': n, 'after.errors.count': n % 2 } })),
  fc
    .uniqueArray(serverRow, { selector: (r) => r.name, maxLength: 4 })
    .map((rows): SessionAction => ({ type: 'answer', facts: { servers: rows as unknown as FactValue } })),
  fc.constantFrom<SessionAction>(
    { type: 'answer', facts: { mailbox: 'noreply@contoso.com' } },
    { type: 'answer', facts: { 'symptom.evidence': '432 4.3.2 Concurrent connections limit exceeded' } },
  ),
  fc.constant({ type: 'choose-first-plan' as const }),
  fc.constantFrom<SessionAction>(
    { type: 'applied-manually', note: 'Threads set to 1', actor: 'Ana' },
    { type: 'tick', server: 'FE01', done: true },
    { type: 'tick', server: 'FE02', done: false },
  ),
  fc.constantFrom<SessionAction>({ type: 'verify' }, { type: 'verify', result: 'watch', watchMinutes: 5 }, { type: 'complete' }, { type: 'reopen' }),
);

/** A valid walk to the plan step; each run starts with a random part of it, so later steps are reached too. */
const WALK: SessionAction[] = [
  { type: 'answer', facts: { 'errors.count': 12 } },
  { type: 'continue' },
  {
    type: 'answer',
    facts: {
      servers: [
        { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
        { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
      ],
    },
  },
  { type: 'continue' },
  { type: 'answer', facts: { 'threads.global': 2 } },
  { type: 'continue' },
  { type: 'answer', facts: { mailbox: 'noreply@contoso.com' } },
  { type: 'continue' },
  { type: 'continue' },
];

describe('session engine properties', () => {
  it('stays consistent under any sequence of actions', () => {
    let diagnosed = 0;
    let completed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WALK.length }), fc.array(action, { maxLength: 40 }), (prefix, tail) => {
        const actions = [...WALK.slice(0, prefix), ...tail];
        let t = Date.parse('2026-03-01T08:00:00Z');
        const tick = () => new Date((t += 1000)).toISOString();
        let session: Session = createSession({ id: 'prop', playbook, environment, offline: true, now: tick() });
        for (const raw of actions) {
          const next: SessionAction =
            raw.type === 'choose-first-plan' ? { type: 'choose-plan', planId: session.diagnosis?.plans[0]?.id ?? 'none', reason: '' } : raw;
          const before = JSON.stringify(session);
          let after: Session;
          try {
            after = reduceSession(session, next, playbook, tick());
          } catch {
            // A refusal (rule or missing fact) leaves the session exactly as it was.
            expect(JSON.stringify(session)).toBe(before);
            continue;
          }
          expect(JSON.stringify(session)).toBe(before);
          expect(after.events.length).toBeGreaterThanOrEqual(session.events.length);
          expect(after.events.slice(0, session.events.length)).toEqual(session.events);
          session = after;
        }
        const times = session.events.map((e) => e.at);
        expect([...times].sort()).toEqual(times);
        expect(session.current).toBeGreaterThanOrEqual(0);
        expect(session.current).toBeLessThan(playbook.steps.length);
        const keys = session.facts.map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const fact of session.facts) expect(stepOfFact(playbook, fact.key)?.id).toBe(fact.step);
        expect(deriveSession(session, playbook)).toEqual(session);
        if (session.plan) expect(session.diagnosis?.plans.some((p) => p.id === session.plan!.id) || session.manualApplies.length > 0).toBe(true);
        expect(session.completedAt === null).toBe(session.status === 'in-progress');
        if (session.diagnosis) diagnosed++;
        if (session.completedAt) completed++;
      }),
      { numRuns: 300 },
    );
    // The runs reached the later steps, not only the first one.
    expect(diagnosed).toBeGreaterThan(30);
    expect(completed).toBeGreaterThan(0);
  });
});

/** Values for a fact as the engineer could type them, whatever the playbook: made from its FactDef. */
function answerFor(def: FactDef): fc.Arbitrary<FactValue> {
  switch (def.input) {
    case 'number':
      return fc.integer({ min: 0, max: 20_000 });
    case 'yes-no':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...(def.choices ?? [{ value: 'x', label: 'x' }]).map((c) => c.value));
    case 'datetime':
      return fc.integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
    case 'servers':
      return fc.uniqueArray(serverRow, { selector: (r) => r.name, maxLength: 3 }) as unknown as fc.Arbitrary<FactValue>;
    case 'senders':
      return fc.array(
        fc.record({
          name: fc.constantFrom('QA', 'DEV', 'LifeTime'),
          ...Object.fromEntries((def.columns ?? []).map((c) => [c.key, fc.integer({ min: 1, max: 12_000 })])),
        }),
        { maxLength: 2 },
      ) as unknown as fc.Arbitrary<FactValue>;
    case 'host-threads':
      return fc.dictionary(fc.constantFrom('FE01', 'FE02'), fc.integer({ min: 0, max: 4 }), { maxKeys: 2 }) as unknown as fc.Arbitrary<FactValue>;
    default:
      return fc.constantFrom<FactValue>('noreply@contoso.com', '11.38.0', 'Not known', 'Error sending email 1: something failed', '');
  }
}

describe.each([...BUILT_IN_PLAYBOOKS, diskFullPlaybook].map((p) => [p.id, p] as const))('engine properties for the playbook %s', (_id, pb) => {
  it('stays consistent under any sequence of actions, with answers made from its own facts', () => {
    const typed = pb.steps.flatMap((s) => s.facts.filter((f) => f.input && f.sources.includes('engineer')));
    const anyAction: fc.Arbitrary<SessionAction> = fc.oneof(
      fc.constant<SessionAction>({ type: 'continue' }),
      fc.constant<SessionAction>({ type: 'back' }),
      fc.constantFrom(...pb.steps.map((s) => ({ type: 'goto' as const, step: s.id }))),
      fc.constant<SessionAction>({ type: 'skip', reason: 'Checked with the customer' }),
      ...(typed.length
        ? [fc.constantFrom(...typed).chain((def) => answerFor(def).map((value): SessionAction => ({ type: 'answer', facts: { [def.key]: value } })))]
        : []),
      fc.constant<SessionAction>({ type: 'applied-manually', note: 'Done as the steps say', actor: 'Ana' }),
      fc.constantFrom<SessionAction>({ type: 'tick', server: 'FE01', done: true }, { type: 'verify' }, { type: 'complete' }, { type: 'reopen' }),
    );
    fc.assert(
      fc.property(fc.array(anyAction, { maxLength: 40 }), (actions) => {
        let t = Date.parse('2026-03-01T08:00:00Z');
        const tick = () => new Date((t += 1000)).toISOString();
        let session: Session = createSession({ id: 'prop', playbook: pb, environment, offline: true, now: tick() });
        for (const next of actions) {
          const before = JSON.stringify(session);
          try {
            session = reduceSession(session, next, pb, tick());
          } catch {
            expect(JSON.stringify(session)).toBe(before);
          }
        }
        const times = session.events.map((e) => e.at);
        expect([...times].sort()).toEqual(times);
        expect(session.current).toBeLessThan(pb.steps.length);
        const keys = session.facts.map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const fact of session.facts) expect(stepOfFact(pb, fact.key)?.id).toBe(fact.step);
        expect(deriveSession(session, pb)).toEqual(session);
        expect(session.completedAt === null).toBe(session.status === 'in-progress');
      }),
      { numRuns: 150 },
    );
  });
});
