import { describe, expect, it } from 'vitest';
import { createPlaybookRegistry, BUILT_IN_PLAYBOOKS } from '../../shared/playbooks';
import { createSession, reduceSession, WizardRuleError } from '../../shared/wizard/engine';
import { stepViews } from '../../shared/wizard/queries';
import type { Playbook } from '../../shared/wizard/playbook';
import type { Session, SessionAction } from '../../shared/wizard/session';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';

const offlineEnvironment = { profileId: null, name: 'Test farm', role: null, engine: 'manual' as const, host: null, customer: null, mailbox: null };

/** A clock that moves one minute per action, so the event log has distinct, ordered times. */
function clock(start = Date.parse('2026-01-05T09:00:00Z')) {
  let t = start;
  return () => new Date((t += 60_000)).toISOString();
}

function walk(actions: SessionAction[], tick = clock()) {
  let session = createSession({ id: 's1', playbook: diskFullPlaybook, environment: offlineEnvironment, offline: true, now: tick() });
  for (const action of actions) session = reduceSession(session, action, diskFullPlaybook, tick());
  return session;
}

const fact = (session: Session, key: string) => session.facts.find((f) => f.key === key);

describe('session engine with a playbook written only for tests', () => {
  it('walks start -> answer -> continue -> complete with the outcome the playbook decides', () => {
    const session = walk([{ type: 'answer', facts: { 'disk.freePercent': 4 } }, { type: 'continue' }, { type: 'continue' }, { type: 'complete' }]);
    expect(session.status).toBe('not-resolved');
    expect(session.completedAt).not.toBeNull();
    expect(Object.values(session.steps).map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(fact(session, 'disk.verdict')).toMatchObject({ source: 'derived', step: 'judge', value: expect.stringMatching(/too little/i) });
    expect(fact(session, 'disk.freePercent')).toMatchObject({ source: 'engineer', step: 'measure', value: 4 });
  });

  it('refuses Continue while the step is incomplete and says what is missing', () => {
    expect(() => walk([{ type: 'continue' }])).toThrow(WizardRuleError);
    expect(() => walk([{ type: 'continue' }])).toThrow('Give the free disk space.');
  });

  it('going back and changing a fact re-derives later facts and re-opens the steps after it', () => {
    const before = walk([{ type: 'answer', facts: { 'disk.freePercent': 4 } }, { type: 'continue' }, { type: 'continue' }]);
    expect(before.current).toBe(2);
    const tick = clock(Date.parse('2026-01-05T10:00:00Z'));
    let session = reduceSession(before, { type: 'back' }, diskFullPlaybook, tick());
    session = reduceSession(session, { type: 'back' }, diskFullPlaybook, tick());
    expect(session.current).toBe(0);
    session = reduceSession(session, { type: 'answer', facts: { 'disk.freePercent': 40 } }, diskFullPlaybook, tick());
    expect(fact(session, 'disk.verdict')!.value).toBe('Enough free space.');
    expect(session.steps.judge!.status).toBe('pending');
    expect(session.steps.report!.status).toBe('pending');
    expect(session.events.at(-1)).toMatchObject({ type: 'rederived', summary: expect.stringContaining('Judge') });
  });

  it('an unchanged answer re-opens nothing', () => {
    const before = walk([{ type: 'answer', facts: { 'disk.freePercent': 4 } }, { type: 'continue' }, { type: 'continue' }]);
    const after = reduceSession(before, { type: 'answer', facts: { 'disk.freePercent': 4 } }, diskFullPlaybook, '2026-01-05T11:00:00.000Z');
    expect(after.steps.judge!.status).toBe('done');
    expect(after.events).toHaveLength(before.events.length);
  });

  it('skipping needs a reason, and the reason is kept in the step and the log', () => {
    expect(() => walk([{ type: 'skip', reason: '  ' }])).toThrow('Say why you skip this step.');
    const session = walk([{ type: 'skip', reason: 'Measured by the customer already' }]);
    expect(session.steps.measure).toMatchObject({ status: 'skipped', skipReason: 'Measured by the customer already' });
    expect(session.current).toBe(1);
    expect(session.events.at(-1)!.summary).toContain('Measured by the customer already');
  });

  it('does not jump ahead of the first open step', () => {
    expect(() => walk([{ type: 'goto', step: 'report' }])).toThrow('Finish "Measure" first.');
  });

  it('keeps a timestamped event for every change, in order', () => {
    const session = walk([{ type: 'answer', facts: { 'disk.freePercent': 12 } }, { type: 'continue' }, { type: 'back' }, { type: 'continue' }]);
    expect(session.events.map((e) => e.type)).toEqual(['started', 'fact', 'continued', 'back', 'continued']);
    const times = session.events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(session.updatedAt).toBe(times.at(-1));
  });

  it('refuses changes to a completed session until it is reopened', () => {
    const done = walk([
      { type: 'answer', facts: { 'disk.freePercent': 50 } },
      { type: 'continue' },
      { type: 'continue' },
      { type: 'applied-manually', note: 'Removed old deployments', actor: 'Ana' },
      { type: 'complete' },
    ]);
    expect(done.status).toBe('resolved');
    expect(() => reduceSession(done, { type: 'back' }, diskFullPlaybook, '2026-01-06T00:00:00.000Z')).toThrow(/reopen/);
    const reopened = reduceSession(done, { type: 'reopen' }, diskFullPlaybook, '2026-01-06T00:00:00.000Z');
    expect(reopened).toMatchObject({ status: 'in-progress', completedAt: null });
  });

  it('a change or restart after a verification drops it, so the fix is verified again', () => {
    const withVerify: Playbook = {
      ...diskFullPlaybook,
      fix: { takesEffect: 'restart', restart: { service: 'Test service', servers: () => ['FE01'] } },
    };
    const tick = clock();
    let session = createSession({ id: 'v1', playbook: withVerify, environment: offlineEnvironment, offline: true, now: tick() });
    session = reduceSession(session, { type: 'answer', facts: { 'disk.freePercent': 30 } }, withVerify, tick());
    session = reduceSession(session, { type: 'verify' }, withVerify, tick());
    expect(session.verification?.result).toBe('pass');
    session = reduceSession(session, { type: 'tick', server: 'FE01', done: true }, withVerify, tick());
    expect(session.verification).toBeNull();
    expect(session.events.at(-1)!.summary).toMatch(/verify again/);
    session = reduceSession(session, { type: 'verify' }, withVerify, tick());
    session = reduceSession(session, { type: 'applied-manually', note: 'Freed 20 GB', actor: 'Ana' }, withVerify, tick());
    expect(session.verification).toBeNull();
  });

  it('completing early ends the session without calling the open steps done', () => {
    const session = walk([{ type: 'answer', facts: { 'disk.freePercent': 4 } }, { type: 'complete' }]);
    expect(session.status).toBe('not-resolved');
    expect(Object.values(session.steps).map((s) => s.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('rejects facts the playbook does not declare', () => {
    expect(() => walk([{ type: 'answer', facts: { 'made.up': 1 } }])).toThrow(/no fact named "made.up"/);
  });

  it('step views carry guidance and what is missing, computed from the facts', () => {
    const views = stepViews(walk([{ type: 'answer', facts: { 'disk.freePercent': 4 } }]), diskFullPlaybook);
    expect(views.map((v) => v.missing)).toEqual([null, null, null]);
    expect(views[1]!.guidance).toMatch(/too little free space/i);
  });

  it('a registry with the test playbook recognises its text; the built-in one stays', () => {
    const registry = createPlaybookRegistry([...BUILT_IN_PLAYBOOKS, diskFullPlaybook]);
    expect(registry.recognise('write failed: No space left on device').map((p) => p.id)).toEqual(['test-disk-full']);
    expect(registry.recognise('432 4.3.2 Concurrent connections limit exceeded').map((p) => p.id)).toEqual(['exchange-432-concurrency']);
    expect(registry.recognise('Object reference not set to an instance of an object.')).toEqual([]);
    expect(() => createPlaybookRegistry([diskFullPlaybook, diskFullPlaybook])).toThrow(/share the id/);
  });
});
