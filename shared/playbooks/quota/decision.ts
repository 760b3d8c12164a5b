import { thousands } from '../../capacity/wording';
import { QUOTA_MATCHERS } from '../../incidents/quota-matchers';
import type { Criterion } from '../../wizard/criteria';
import type { StepContext, Verdict } from '../../wizard/playbook';
import { num } from '../common/facts';
import type { NewFact } from '../common/probe-facts';
import { pastedIsError } from '../common/symptom';
import { ownVolume, quotaFigures, quotaForms, RECIPIENT_LIMIT, TENANT_LIMIT_SENTENCE, tenantLimitOnly } from './facts';
import { heaviestAlone } from './instructions';
import { EMAIL_SENT_SINCE_FIX, noErrorSinceFix } from '../common/criteria';

/** The decision: the mailbox's recipients in the rolling 24 h against the quota, or the tenant's limit by its form alone. */

export const recognised = (ctx: StepContext): boolean => pastedIsError(ctx, QUOTA_MATCHERS);

/** The verdict in words: the quota, or the compromised account, never "within limits, fine". */
export function verdictText(ctx: StepContext): string | null {
  // The tenant's external recipient limit is decided by its form alone: no mailbox figures change it (domain.md 4d).
  const tenant = `${TENANT_LIMIT_SENTENCE} The fix is in the tenant: the Microsoft 365 admin looks at who sends to external recipients and opens a service request with Microsoft; bulk email goes to a bulk email delivery service.`;
  if (tenantLimitOnly(ctx)) return tenant;
  const mailbox = mailboxVerdict(ctx);
  return mailbox && quotaForms(ctx).tenant ? `${mailbox} Besides: ${tenant}` : mailbox;
}

/** A relay is for self-managed platforms only (domain.md 4d). */
const relayOr = (ctx: StepContext) => (ctx.session.environment.hosting === 'outsystems-cloud' ? 'a bulk email service' : 'a relay or a bulk email service');

function mailboxVerdict(ctx: StepContext): string | null {
  const f = quotaFigures(ctx.session, ctx.facts);
  if (!f) return null;
  switch (f.case) {
    case 'over':
      return (
        `Over the daily recipient quota: ${f.arithmetic}. Exchange Online refuses every email from ${f.mailbox} until the oldest recipients leave the rolling 24 h window. ` +
        (heaviestAlone(f)
          ? `${heaviestAlone(f)!.environment} alone sends more than ${thousands(f.limit)}: to keep it from coming back, its bulk sending needs ${relayOr(ctx)}, or fewer recipients.`
          : `To keep it from coming back, the volume needs at least ${f.mailboxesNeeded} mailboxes, fewer recipients, or ${relayOr(ctx)}.`)
      );
    case 'low':
      return (
        `The volume does not explain the error: ${f.arithmetic}, under ${Math.round((f.total / f.limit) * 100)}% of the quota, yet Exchange Online refused with 554 5.2.0. ` +
        `Someone else is probably sending through ${f.mailbox}: treat it as a compromised account sending outbound spam. Check its sign-ins in Microsoft Entra, ` +
        'the outbound spam alerts and restricted users in Microsoft Defender, and reset its password.'
      );
    case 'below':
      return (
        `Below the quota by the figures given (${f.arithmetic}), yet Exchange Online refused with 554 5.2.0: the figures are incomplete. ` +
        'Compare with the message trace of the rolling 24 h and look for senders not listed; if the real count is low too, treat the mailbox as compromised (sign-ins in Microsoft Entra, outbound spam in Microsoft Defender, reset the password). ' +
        "If the errors read 550 5.7.233 or 5.7.232 instead, it is the tenant's daily limit for external recipients, which counts every mailbox of the tenant: paste one of them in step 'Symptom'."
      );
  }
}

/**
 * What must hold after the fix (domain.md 2 and 4b): no 554 5.2.0 since it, the failing emails
 * drained, traffic since it, and the quota window itself: either the 24 h after the fix have passed,
 * or the recipients counted in the rolling window now are within the limit. A check in the same
 * minute as the fix therefore stays "not yet verified", saying until when.
 */
export function criteria(ctx: StepContext): Criterion[] {
  const limit = quotaFigures(ctx.session, ctx.facts)?.limit ?? RECIPIENT_LIMIT;
  return [
    noErrorSinceFix('554 5.2.0 error'),
    { id: 'queue-drained', kind: 'at-most', fact: 'after.queue.failing', limit: 0, what: 'emails failing in the queue', label: 'The failing emails drained' },
    EMAIL_SENT_SINCE_FIX,
    {
      id: 'quota-window',
      kind: 'any-of',
      label: 'The mailbox back within the daily recipient quota',
      of: [
        { id: 'window-passed', kind: 'hours-since-fix', hours: 24, label: 'The 24 h after the fix have passed' },
        {
          id: 'recipients-within',
          kind: 'at-most',
          fact: 'after.mailbox.recipients',
          limit,
          what: 'recipients in the rolling 24 h',
          label: 'The recipients counted now are within the limit',
        },
      ],
    },
  ];
}

/** The mailbox's recipients in the rolling 24 h as counted after the fix: this environment now, plus the other senders as given. */
export function recipientsAfter(ctx: StepContext): NewFact[] {
  const own = num(ctx.facts, 'after.volume.recipients');
  const figures = quotaFigures(ctx.session, ctx.facts);
  const before = ownVolume(ctx.facts);
  if (own === null || !figures || !before) return [];
  const others = figures.total - before.recipients;
  return [
    {
      key: 'after.mailbox.recipients',
      value: own + others,
      detail: others > 0 ? `${thousands(own)} from this environment now, plus ${thousands(others)} from the other senders as given` : 'this environment now',
    },
  ];
}

/** The verdict banner: the quota, the tenant's limit, or the compromised account. */
export function verdictOf(ctx: StepContext): Verdict | null {
  const text = verdictText(ctx);
  if (!text) return null;
  if (tenantLimitOnly(ctx)) return { tone: 'problem', headline: "The tenant's daily limit for external recipients", text };
  const f = quotaFigures(ctx.session, ctx.facts);
  if (!f) return null;
  if (f.case === 'over') return { tone: 'problem', headline: 'Over the daily recipient quota', text };
  return f.case === 'low'
    ? { tone: 'problem', headline: 'The volume does not explain the error', text }
    : { tone: 'unclear', headline: 'Below the quota by the figures given', text };
}
