import type { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import type { Playbook } from '../../shared/wizard/playbook';
import type { FactValue, Session, SessionAction } from '../../shared/wizard/session';

/**
 * One offline walk for any playbook, the way an engineer without a database walks it: the facts of
 * each step typed in, the first plan chosen, the fix recorded by hand, every restart ticked, the
 * values after the fix typed in and verified, then completed. A script names only the facts.
 */
export interface WalkScript {
  /** Facts typed in, by step id. */
  answers: Record<string, Record<string, FactValue>>;
  /** The fix recorded by hand: which option (when the playbook has several) and the note. */
  fix: { note: string; option?: string };
  /** The values after the fix, typed in on the Verify step. */
  after: Record<string, FactValue>;
  /** Minutes after the fix at which the session is completed (default 10). */
  completeAfterMinutes?: number;
  /** Stop at the diagnosis and complete there (no fix). */
  stopAtDiagnosis?: boolean;
}

export const WALK_START = '2026-12-07T08:00:00.000Z';

const environment = { profileId: null, name: 'Fabrikam PRD', role: 'Production', engine: 'manual' as const, host: null, customer: 'Fabrikam', mailbox: null };

export function walkOffline(playbook: Playbook, script: WalkScript): Session {
  let minute = 0;
  const now = () => new Date(Date.parse(WALK_START) + minute++ * 60_000).toISOString();
  let session = createSession({ id: `walk-${playbook.id}`, playbook, environment, offline: true, now: now(), ticket: 'CS-1001' });
  const act = (action: SessionAction) => (session = reduceSession(session, action, playbook, now()));
  for (let guard = 0; guard < 40 && !session.completedAt; guard++) {
    const step = playbook.steps[session.current]!;
    const answers = script.answers[step.id];
    if (answers && step.kind !== 'verify') act({ type: 'answer', facts: answers });
    if (step.kind === 'diagnose' && script.stopAtDiagnosis) break;
    if (step.kind === 'choose-plan' && !session.plan) act({ type: 'choose-plan', planId: session.diagnosis!.plans[0]!.id, reason: '' });
    if (step.kind === 'apply' && session.manualApplies.length === 0)
      act({ type: 'applied-manually', note: script.fix.note, actor: 'Ana Souza', option: script.fix.option });
    if (step.kind === 'restart-checklist') for (const r of session.restart) if (!r.at) act({ type: 'tick', server: r.server, done: true });
    if (step.kind === 'verify') {
      act({ type: 'answer', facts: script.after });
      act({ type: 'verify' });
      break;
    }
    if (step.kind === 'report') break;
    act({ type: 'continue' });
  }
  minute += script.completeAfterMinutes ?? 10;
  act({ type: 'complete' });
  return session;
}

/** The API a walk needs: the in-process client every host's transport stands for. */
export type WalkApi = Pick<ReturnType<typeof createInProcessClient>, 'sessions.create' | 'sessions.act'>;

/**
 * The same walk through the API (sessions.create and sessions.act, as the pages call them), with
 * the services' clock moved on by `advance` between actions, so "24 h after the fix" can pass.
 */
export async function walkThroughApi(api: WalkApi, playbook: Playbook, script: WalkScript, advance: (minutes: number) => void): Promise<Session> {
  const created = await api['sessions.create']({ playbookId: playbook.id, profileId: null, environmentName: 'Fabrikam PRD', ticket: 'CS-1001' });
  const id = created.session.id;
  let session = created.session;
  const act = async (action: EngineerAction) => {
    advance(1);
    session = (await api['sessions.act']({ id, action })).session;
  };
  for (let guard = 0; guard < 40 && !session.completedAt; guard++) {
    const step = playbook.steps[session.current]!;
    const answers = script.answers[step.id];
    if (answers && step.kind !== 'verify') await act({ type: 'answer', facts: answers });
    if (step.kind === 'diagnose' && script.stopAtDiagnosis) break;
    if (step.kind === 'choose-plan' && !session.plan) await act({ type: 'choose-plan', planId: session.diagnosis!.plans[0]!.id, reason: '' });
    if (step.kind === 'apply' && session.manualApplies.length === 0)
      await act({ type: 'applied-manually', note: script.fix.note, ...(script.fix.option ? { option: script.fix.option } : {}) });
    if (step.kind === 'restart-checklist') for (const r of session.restart) if (!r.at) await act({ type: 'tick', server: r.server, done: true });
    if (step.kind === 'verify') {
      await act({ type: 'answer', facts: script.after });
      await act({ type: 'verify' });
      break;
    }
    if (step.kind === 'report') break;
    await act({ type: 'continue' });
  }
  advance(script.completeAfterMinutes ?? 10);
  await act({ type: 'complete' });
  return session;
}
