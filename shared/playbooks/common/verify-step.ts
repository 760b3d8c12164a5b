import type { StepContext } from '../../wizard/playbook';

/**
 * Continue on a Verify step, the same for every playbook: the engine's judgement decides, the step
 * only says what is still open. A session that cannot be verified yet is finished as such from the
 * Report step, never passed off as verified.
 */
export function verificationCheck(ctx: StepContext): string | null {
  const v = ctx.session.verification;
  if (!v) return 'Verify the fix.';
  if (v.result === 'pass') return null;
  if (v.result === 'fail') return `${v.summary} Go back to the fix.`;
  return `${v.summary} Verify again later, or finish the session as not yet verified.`;
}
