import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concurrencyPlaybook } from '../../shared/playbooks/concurrency';
import { smtpAuthPlaybook } from '../../shared/playbooks/smtp-auth';
import { reduceSession } from '../../shared/wizard/engine';
import type { Playbook } from '../../shared/wizard/playbook';
import type { Session } from '../../shared/wizard/session';
import { upgradeSession } from '../../shared/wizard/upgrade';
import { sessionView } from '../../shared/wizard/view';

/** Sessions saved before every playbook said 'plan' for choosing a plan and 'fix' for making the fix. */
const saved = (playbook: Playbook): Session =>
  JSON.parse(readFileSync(path.join(__dirname, '../fixtures/saved-sessions', `${playbook.id}.json`), 'utf8')) as Session;

describe.each([
  ['the 432 playbook (its fix step was "apply")', concurrencyPlaybook, 'apply'],
  ['SMTP authentication (its fix step was "plan")', smtpAuthPlaybook, 'plan'],
] as const)('a saved session of %s', (_name, playbook, oldId) => {
  it('is read with the current step ids: its steps, facts and events all say "fix"', () => {
    const before = saved(playbook);
    expect(Object.keys(before.steps)).toContain(oldId);
    const upgraded = upgradeSession(before, playbook);
    expect(Object.keys(upgraded.steps).sort()).toEqual(playbook.steps.map((s) => s.id).sort());
    expect(upgraded.steps.fix).toEqual(before.steps[oldId]);
    const fixEvents = before.events.filter((e) => e.step === oldId && e.type === 'applied-manually');
    expect(fixEvents.length).toBeGreaterThan(0);
    expect(upgraded.events.filter((e) => e.step === 'fix' && e.type === 'applied-manually')).toHaveLength(fixEvents.length);
    expect(upgraded.facts.every((f) => playbook.steps.some((s) => s.id === f.step))).toBe(true);
    // Idempotent: a session read twice is the same session.
    expect(upgradeSession(upgraded, playbook)).toEqual(upgraded);
  });

  it('shows every step done as it was, and the fix step opens once reopened', () => {
    const upgraded = upgradeSession(saved(playbook), playbook);
    const view = sessionView(upgraded, playbook);
    expect(view.steps.find((s) => s.id === 'fix')!.state.status).toBe('done');
    const reopened = reduceSession(upgraded, { type: 'reopen' }, playbook, '2026-12-08T09:00:00.000Z');
    const opened = reduceSession(reopened, { type: 'goto', step: 'fix' }, playbook, '2026-12-08T09:01:00.000Z');
    expect(playbook.steps[opened.current]!.id).toBe('fix');
  });
});
