import { describe, expect, it } from 'vitest';
import { judge } from '../../shared/wizard/criteria';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { fixEffectiveAt } from '../../shared/wizard/fix';
import type { Playbook } from '../../shared/wizard/playbook';
import type { Fact, Session, SessionAction } from '../../shared/wizard/session';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';

/**
 * The engine alone decides outcomes, the fix's time and what verification means, from what a
 * playbook declares. A small playbook (free disk space, with a stop-gap and a restart) walks every
 * outcome without a word of its own.
 */

const env = { profileId: null, name: 'Test farm', role: null, engine: 'manual' as const, host: null, customer: null, mailbox: null };
const START = Date.parse('2026-01-05T09:00:00Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

const playbook: Playbook = {
  ...diskFullPlaybook,
  fix: {
    takesEffect: 'restart',
    restart: { service: 'Cleanup service', servers: () => ['FE01', 'FE02'] },
    options: () => [
      { id: 'move', label: 'Move the deployments to a bigger disk', lasting: true, owner: 'The customer’s infrastructure team' },
      { id: 'purge', label: 'Purge old deployments', lasting: false, owner: 'The support engineer' },
    ],
  },
  verification: {
    probes: [],
    watchMinutes: 30,
    criteria: () => [
      { id: 'free', kind: 'holds', fact: 'disk.enough', failWhenFalse: true, label: 'At least 10% of the disk free' },
      { id: 'quiet', kind: 'none-since-fix', fact: 'after.errors', label: 'No "disk full" error since the fix' },
      { id: 'settled', kind: 'hours-since-fix', hours: 2, label: 'Two hours passed since the fix' },
    ],
  },
  steps: [
    ...diskFullPlaybook.steps.slice(0, 2),
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: () => '',
      facts: [{ key: 'after.errors', label: '"Disk full" errors since the fix', sources: ['engineer'], input: 'number' }],
      check: () => null,
    },
    diskFullPlaybook.steps[2]!,
  ],
};

function run(actions: Array<[number, SessionAction]>): Session {
  let session = createSession({ id: 's', playbook, environment: env, offline: true, now: at(0) });
  for (const [minute, action] of actions) session = reduceSession(session, action, playbook, at(minute));
  return session;
}

const fixed = (option: string): Array<[number, SessionAction]> => [
  [1, { type: 'answer', facts: { 'disk.freePercent': 40 } }],
  [2, { type: 'applied-manually', note: 'Done', actor: 'Ana', option }],
  [3, { type: 'tick', server: 'FE01', done: true }],
  [4, { type: 'tick', server: 'FE02', done: true, at: at(3) }],
  [5, { type: 'answer', facts: { 'after.errors': 0 } }],
];

describe('the fix, defined once', () => {
  it('takes effect when every server on the checklist is restarted, at the latest restart the engineer gave', () => {
    const half = run(fixed('move').slice(0, 3));
    expect(fixEffectiveAt(half, playbook)).toBeNull();
    const all = run(fixed('move'));
    // FE02 was ticked at minute 4 but said to be restarted at minute 3: the latest restart is FE01's at 3.
    expect(fixEffectiveAt(all, playbook)).toBe(at(3));
    expect(all.events.find((e) => e.summary.startsWith('Cleanup service restarted on FE02'))!.summary).toContain('at 05 Jan 2026, 09:03 UTC');
  });

  it('a restart or a change said to be done in the future is refused, and nothing is recorded', () => {
    const session = run(fixed('move').slice(0, 2));
    expect(() => reduceSession(session, { type: 'tick', server: 'FE01', done: true, at: at(90) }, playbook, at(3))).toThrow(/future/);
    expect(() => reduceSession(session, { type: 'applied-manually', note: 'x', actor: 'Ana', option: 'move', at: at(90) }, playbook, at(3))).toThrow(/future/);
  });

  it('asks which fix was made when the playbook offers a stop-gap and a lasting fix', () => {
    const session = run([[1, { type: 'answer', facts: { 'disk.freePercent': 40 } }]]);
    expect(() => reduceSession(session, { type: 'applied-manually', note: 'Done', actor: 'Ana' }, playbook, at(2))).toThrow(
      /Say which fix was made: Move the deployments to a bigger disk; or Purge old deployments/,
    );
  });
});

describe('outcomes, decided by the engine from the declared criteria', () => {
  it('no fix recorded: not resolved, whatever the facts say', () => {
    const done = run([
      [1, { type: 'answer', facts: { 'disk.freePercent': 40 } }],
      [2, { type: 'complete' }],
    ]);
    expect(done.status).toBe('not-resolved');
    expect(done.outcome?.reason).toBe('No fix was recorded in this session.');
  });

  it('a lasting fix whose criteria need more time: fix applied, not yet verified, with until when', () => {
    const done = run([...fixed('move'), [6, { type: 'complete' }]]);
    expect(done.status).toBe('applied-not-verified');
    expect(done.outcome?.judgement?.until).toBe(at(3 + 120));
    expect(done.outcome?.reason).toMatch(/^Not yet verified: two hours passed since the fix: 2 h after the fix end at 05 Jan 2026, 11:03 UTC\./);
    expect(done.outcome?.followUps[0]).toMatchObject({ owner: 'Support engineer', notBefore: at(123) });
  });

  it('the same fix checked after the window: resolved, with nothing left to do', () => {
    const done = run([...fixed('move'), [200, { type: 'complete' }]]);
    expect(done.status).toBe('resolved');
    expect(done.outcome?.followUps).toEqual([]);
  });

  it('only a stop-gap in place, every criterion passing: mitigated, the lasting fix a follow-up with who does it', () => {
    const done = run([...fixed('purge'), [200, { type: 'complete' }]]);
    expect(done.status).toBe('mitigated');
    expect(done.outcome?.followUps).toEqual([{ action: 'Move the deployments to a bigger disk', owner: 'The customer’s infrastructure team' }]);
    expect(done.events.at(-1)!.summary).toMatch(/^Session completed: mitigated\. Only a stop-gap is in place\./);
  });

  it('an error since the fix fails it: not resolved, the failing criterion named', () => {
    const done = run([...fixed('move'), [7, { type: 'answer', facts: { 'after.errors': 3 } }], [200, { type: 'complete' }]]);
    expect(done.status).toBe('not-resolved');
    expect(done.outcome?.reason).toMatch(/^Not fixed: no "disk full" error since the fix: 3 since 05 Jan 2026, 09:03 UTC/);
  });

  it('a figure nobody gave is "not known", never a pass', () => {
    const done = run([...fixed('move').slice(0, 4), [200, { type: 'complete' }]]);
    expect(done.status).toBe('applied-not-verified');
    expect(done.outcome?.judgement?.criteria.find((c) => c.id === 'quiet')).toMatchObject({ state: 'unknown' });
  });

  it('a reopened session forgets its decision and decides again when completed', () => {
    const done = run([...fixed('move'), [6, { type: 'complete' }]]);
    const reopened = reduceSession(done, { type: 'reopen' }, playbook, at(199));
    expect(reopened.outcome).toBeUndefined();
    expect(reduceSession(reopened, { type: 'complete' }, playbook, at(200)).status).toBe('resolved');
  });

  it('a count typed as words is refused before it reaches the session or its event log', () => {
    const session = run([]);
    expect(() => reduceSession(session, { type: 'answer', facts: { 'disk.freePercent': 'eleven' } }, playbook, at(1))).toThrow(
      'Free disk space (%): give a number of 0 or more, not "eleven".',
    );
  });
});

describe('criteria', () => {
  const fact = (key: string, value: Fact['value'], source: Fact['source'] = 'engineer'): Fact => ({ key, value, source, at: at(10), step: 'verify' });
  const facts = (...list: Fact[]) => Object.fromEntries(list.map((f) => [f.key, f]));

  it('traffic below what is needed is watched, never failed; above it passes, saying where the figure came from', () => {
    const c = [{ id: 't', kind: 'at-least-since-fix' as const, fact: 'sent', need: 4, what: 'emails sent', label: 'At least 4 emails sent' }];
    const low = judge(c, { facts: facts(fact('sent', 2)), fixAt: at(0), fixPending: null, now: at(10) });
    expect(low).toMatchObject({ result: 'watch', criteria: [{ state: 'watching' }] });
    const high = judge(c, { facts: facts(fact('sent', 9, 'probe')), fixAt: at(0), fixPending: null, now: at(10) });
    expect(high.result).toBe('pass');
    expect(high.criteria[0]!.seen).toBe('9 emails sent since 05 Jan 2026, 09:00 UTC (read from the database, 05 Jan 2026, 09:10 UTC)');
  });

  it('before the fix took effect nothing "since the fix" is known, and the reason says why', () => {
    const c = [{ id: 'q', kind: 'none-since-fix' as const, fact: 'errors', label: 'No error since the fix' }];
    const r = judge(c, { facts: facts(fact('errors', 0)), fixAt: null, fixPending: 'the service has not been restarted on FE02', now: at(10) });
    expect(r.criteria[0]).toMatchObject({ state: 'unknown', seen: 'not known: the service has not been restarted on FE02' });
  });

  it('any-of passes with one passing part and fails only when all fail', () => {
    const c = [
      {
        id: 'w',
        kind: 'any-of' as const,
        label: 'Back within the quota',
        of: [
          { id: 'h', kind: 'hours-since-fix' as const, hours: 24, label: 'The 24 h after the fix have passed' },
          {
            id: 'r',
            kind: 'at-most' as const,
            fact: 'recipients',
            limit: 10_000,
            what: 'recipients',
            label: 'The recipients counted now are within the limit',
          },
        ],
      },
    ];
    const soon = judge(c, { facts: facts(fact('recipients', 12_383)), fixAt: at(0), fixPending: null, now: at(10) });
    expect(soon).toMatchObject({ result: 'watch', until: at(24 * 60) });
    const within = judge(c, { facts: facts(fact('recipients', 9_000)), fixAt: at(0), fixPending: null, now: at(10) });
    expect(within.result).toBe('pass');
    const later = judge(c, { facts: facts(fact('recipients', 12_383)), fixAt: at(0), fixPending: null, now: at(24 * 60 + 1) });
    expect(later.result).toBe('pass');
  });
});

describe('optional evidence and evidence from after the fix', () => {
  const fact = (key: string, value: Fact['value'], at: string): Fact => ({ key, value, source: 'probe', at, step: 'verify', detail: 'smtp.office365.com:587' });
  const facts = (...list: Fact[]) => Object.fromEntries(list.map((f) => [f.key, f]));
  const live = [{ id: 'login', kind: 'holds-since-fix' as const, fact: 'login', optional: true, label: 'A live login to the mail server is accepted' }];
  const sent = { id: 'sent', kind: 'at-least-since-fix' as const, fact: 'sent', need: 1, what: 'emails sent', label: 'At least one email sent' };

  it('an optional check nobody ran blocks nothing and is listed as not checked', () => {
    const r = judge([sent, ...live], { facts: facts(fact('sent', 3, at(5))), fixAt: at(0), fixPending: null, now: at(10) });
    expect(r.result).toBe('pass');
    expect(r.criteria.find((c) => c.id === 'login')).toMatchObject({ state: 'skipped', seen: 'not checked' });
  });

  it('a refused live login after the fix fails it; one from before the fix proves nothing', () => {
    const refused = judge([sent, ...live], { facts: facts(fact('sent', 3, at(5)), fact('login', false, at(6))), fixAt: at(0), fixPending: null, now: at(10) });
    expect(refused.result).toBe('fail');
    const before = judge(live, { facts: facts(fact('login', true, at(-5))), fixAt: at(0), fixPending: null, now: at(10) });
    expect(before.criteria[0]).toMatchObject({ state: 'skipped' });
    const after = judge(live, { facts: facts(fact('login', true, at(6))), fixAt: at(0), fixPending: null, now: at(10) });
    expect(after).toMatchObject({ result: 'pass', criteria: [{ state: 'pass', seen: expect.stringMatching(/^smtp\.office365\.com:587 \(read from/) }] });
  });
});
