import { judge, type Judgement } from './criteria';
import { fixEffectiveAt, fixOptions, fixPending, standingFixes } from './fix';
import type { Playbook, StepContext } from './playbook';
import type { Session, SessionOutcome, SessionStatus, Verification } from './session';

/**
 * How a session ends, decided once, here, for every playbook, from what the playbook declares (its
 * fix options, lasting or stop-gap, and its verification criteria) and what the session recorded.
 * No playbook writes an outcome word: the report the engineer signs can say no more than this.
 */

export const OUTCOME_LABELS: Record<SessionStatus, string> = {
  'in-progress': 'In progress',
  resolved: 'Resolved',
  mitigated: 'Mitigated',
  'applied-not-verified': 'Fix applied, not yet verified',
  'not-resolved': 'Not resolved',
  'within-limit-other-cause': 'No change needed, another cause',
};

/** What each outcome means, for the report's reader and the README. */
export const OUTCOME_MEANINGS: Record<SessionOutcome, string> = {
  resolved: 'A lasting fix is in place and every check the playbook declares for it passed after the fix took effect.',
  mitigated: 'A stop-gap is in place and its checks passed, so email flows again; the lasting fix is still open and listed as a follow-up.',
  'applied-not-verified':
    'A fix is in place, but a check still needs more time, more traffic or a figure nobody has read yet; the report says which, and from when it can pass.',
  'not-resolved': 'No fix is in place, or a check failed after the fix took effect.',
  'within-limit-other-cause': 'The facts show this environment within the limit, so nothing was changed; the errors have another cause.',
};

export interface FollowUp {
  /** What is still to do, in the customer's words. */
  action: string;
  /** Who does it. */
  owner: string;
  /** Not before this time (ISO), when time decides it. */
  notBefore?: string;
}

export interface OutcomeDecision {
  status: SessionOutcome;
  /** When the fix took effect; null when it has not. */
  fixAt: string | null;
  /** The criteria as judged when the outcome was decided; null when no fix stands. */
  judgement: Judgement | null;
  /** The fixes that stand, with whether each is lasting. */
  fixes: Array<{ description: string; at: string; lasting: boolean }>;
  followUps: FollowUp[];
  /** One or two sentences: why this outcome. */
  reason: string;
  decidedAt: string;
}

const ENGINEER = 'Support engineer';

/** The criteria judged now against the fix as the session recorded it. */
export function judgeVerification(session: Session, playbook: Playbook, ctx: StepContext, now: string): Judgement {
  return judge(playbook.verification.criteria(ctx), {
    facts: ctx.facts,
    fixAt: fixEffectiveAt(session, playbook),
    fixPending: fixPending(session, playbook),
    now,
  });
}

/** The Verify action's record: the judgement, the fix time it counted from, and what the playbook recomputes after the fix. */
export function verificationOf(session: Session, playbook: Playbook, ctx: StepContext, now: string, watchMinutes?: number): Verification {
  const judgement = judgeVerification(session, playbook, ctx, now);
  return {
    at: now,
    since: fixEffectiveAt(session, playbook),
    result: judgement.result,
    criteria: judgement.criteria,
    until: judgement.until,
    watchMinutes: judgement.result === 'watch' ? (watchMinutes ?? playbook.verification.watchMinutes) : undefined,
    budgetAfter: playbook.budget?.diagnosisAfter(ctx) ?? null,
    summary: judgement.summary,
  };
}

export function decideOutcome(session: Session, playbook: Playbook, ctx: StepContext, now: string): OutcomeDecision {
  const fixes = standingFixes(session, playbook, ctx);
  const fixAt = fixEffectiveAt(session, playbook);
  const base = { fixAt, decidedAt: now, fixes: fixes.map((f) => ({ description: f.description, at: f.at, lasting: f.lasting })) };
  if (fixes.length === 0) {
    const other = playbook.noChangeNeeded?.(ctx) ?? null;
    if (other) return { ...base, status: 'within-limit-other-cause', judgement: null, followUps: [{ action: other, owner: ENGINEER }], reason: other };
    return {
      ...base,
      status: 'not-resolved',
      judgement: null,
      followUps: [{ action: 'Apply the fix and verify it.', owner: ENGINEER }],
      reason: 'No fix was recorded in this session.',
    };
  }
  const judgement = judgeVerification(session, playbook, ctx, now);
  const stopGapOnly = fixes.every((f) => !f.lasting);
  // The lasting fixes not done yet, with who does them: what a stop-gap leaves open.
  const lastingOpen = stopGapOnly
    ? fixOptions(playbook, ctx)
        .filter((o) => o.lasting)
        .map((o) => ({ action: o.label, owner: o.owner ?? 'The customer' }))
    : [];
  const open = judgement.criteria.filter((c) => c.state === 'watching' || c.state === 'unknown');
  const checks = open.map((c) => ({
    action: `Check again: ${c.label.charAt(0).toLowerCase()}${c.label.slice(1)} (${c.seen}).`,
    owner: ENGINEER,
    ...(c.until ? { notBefore: c.until } : {}),
  }));
  switch (judgement.result) {
    case 'fail':
      return {
        ...base,
        status: 'not-resolved',
        judgement,
        followUps: [
          ...judgement.criteria
            .filter((c) => c.state === 'fail')
            .map((c) => ({ action: `Investigate: ${c.label} did not hold (${c.seen}).`, owner: ENGINEER })),
          ...lastingOpen,
        ],
        reason: judgement.summary,
      };
    case 'pass':
      return stopGapOnly
        ? { ...base, status: 'mitigated', judgement, followUps: lastingOpen, reason: `Only a stop-gap is in place. ${judgement.summary}` }
        : { ...base, status: 'resolved', judgement, followUps: [], reason: judgement.summary };
    case 'watch':
      return { ...base, status: 'applied-not-verified', judgement, followUps: [...checks, ...lastingOpen], reason: judgement.summary };
  }
}
