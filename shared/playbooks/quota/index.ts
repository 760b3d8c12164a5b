import { QUOTA_MATCHERS } from '../../incidents/quota-matchers';
import type { RecipientsProbeResult } from '../../probes/types';
import { thousands } from '../../capacity/wording';
import { fixRecorded } from '../../wizard/fix';
import type { Playbook } from '../../wizard/playbook';
import { num, text } from '../common/facts';
import { recognisedFacts } from '../common/symptom';
import { verificationCheck } from '../common/verify-step';
import { criteria, recipientsAfter, recognised, verdictOf, verdictText } from './decision';
import { figuresGap, ownVolume, PROBE, quotaFigures, RECIPIENT_LIMIT, sendersSentence, tenantLimitOnly, volumeGap } from './facts';
import { fixInstructions } from './instructions';
import { QUOTA_PROBES, quotaFactsFromProbe } from './probes';
import { quotaReport } from './report';

/**
 * Playbook: Exchange Online "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException"
 * (domain.md sections 2 and 4b): more than 10,000 recipients in a rolling 24 h from one mailbox.
 * The quota counts every sender on the mailbox, so the other environments and applications on it
 * are asked for, never assumed absent; a volume far below the quota with the error points to a
 * compromised account, and says so. The fix is made outside the app (Exchange Online, Microsoft 365,
 * Service Center): the engineer records it, and the verification a day later reads the errors, the
 * email queue and the emails sent since.
 */

export const QUOTA_PLAYBOOK_ID = 'exchange-recipient-quota';

const WATCH_MINUTES = 60;

export const quotaPlaybook: Playbook = {
  id: QUOTA_PLAYBOOK_ID,
  title: 'Daily recipient quota exceeded (554 5.2.0)',
  summary:
    'Emails fail with "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException" (Exchange Online): more than 10,000 recipients in 24 h from one mailbox, or a compromised account sending spam; or "550 5.7.233", the tenant\'s daily limit for external recipients, which no split over mailboxes fixes.',
  matchers: QUOTA_MATCHERS,
  probes: QUOTA_PROBES,
  report: quotaReport,
  verdict: verdictOf,
  // Made in Exchange Online, Microsoft 365 or Service Center: it counts from the moment it is recorded.
  fix: { takesEffect: 'apply' },
  verification: { probes: [PROBE.errorsAfter, PROBE.queueAfter, PROBE.sentAfter, PROBE.recipientsAfter], watchMinutes: WATCH_MINUTES, criteria },
  sharedMailbox: {
    mailboxFact: 'mailbox',
    otherSender: {
      probes: [PROBE.recipients24h],
      row: (name, results) => {
        const r = results[PROBE.recipients24h] as RecipientsProbeResult | undefined;
        const recipients = r?.known && typeof r.recipients === 'number' ? r.recipients : null;
        const emails = r?.known && typeof r.emails === 'number' ? r.emails : null;
        return { factKey: 'mailbox.others', row: { name, recipients, ...(recipients === null && emails !== null ? { emails } : {}) } };
      },
    },
    candidatesMessage: (stepId, candidates) =>
      stepId === 'mailbox' && candidates.length
        ? `Saved environments on the same mailbox: ${candidates.join(', ')}. Add them as other senders with their recipients per 24 h (or read them), or say that they do not send through it.`
        : null,
  },
  applyFromApp: () => ({
    unavailable:
      "Nothing to write in the platform database: the quota lives in Exchange Online. The customer's Microsoft 365 admin (or the application team) makes the change; record what was done below.",
  }),
  factsFromProbe: (probe, result) => quotaFactsFromProbe(probe, result),
  steps: [
    {
      id: 'symptom',
      kind: 'confirm-symptom',
      title: 'Symptom',
      guidance: () =>
        'Confirm the incident: emails fail with "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException" (the NDR says 5.1.90, "submission quota exceeded"), or with "550 5.7.233" (5.7.232 on a trial tenant), the tenant\'s daily limit for external recipients. Search the error log, read the email queue, or paste the error you saw in Service Center > Monitoring > Errors.',
      probes: [PROBE.errors, PROBE.emailQueue],
      facts: [
        {
          key: 'errors.count',
          label: '554 5.2.0 errors found',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'How many 554 5.2.0 errors the error log shows',
        },
        { key: 'errors.firstSeen', label: 'First seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
        { key: 'errors.lastSeen', label: 'Last seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
        { key: 'errors.perHour', label: 'Errors per hour', sources: ['probe'], optional: true },
        { key: 'errors.perServer', label: 'Per server', sources: ['probe', 'engineer'], input: 'text', optional: true },
        { key: 'queue.summary', label: 'Email queue', sources: ['probe'], optional: true },
        { key: 'queue.failing', label: 'Emails failing (still retried)', sources: ['probe', 'engineer'], input: 'number', optional: true },
        { key: 'queue.abandoned', label: 'Emails abandoned (no longer retried)', sources: ['probe', 'engineer'], input: 'number', optional: true },
        { key: 'symptom.evidence', label: 'Pasted error or screenshot note', sources: ['engineer'], input: 'textarea', optional: true },
        { key: 'symptom.recognised', label: 'Recognised as the 554 5.2.0 quota error', sources: ['derived'], optional: true },
      ],
      derive: (ctx) => recognisedFacts(ctx, QUOTA_MATCHERS),
      check: (ctx) => {
        const count = num(ctx.facts, 'errors.count');
        if ((count ?? 0) > 0 || recognised(ctx)) return null;
        if (count === 0) return 'No 554 5.2.0 errors were found. Paste the error you saw, or search a longer window before going on.';
        if (text(ctx.facts, 'symptom.evidence'))
          return 'The pasted text is not the 554 5.2.0 submission quota error. Paste the exact error, or give the count from the error log.';
        return 'Search the error log, or paste the error you saw.';
      },
    },
    {
      id: 'volume',
      kind: 'collect-facts',
      title: 'Recipients in 24 h',
      guidance: () =>
        `Exchange Online counts recipients, not emails: every To, Cc and Bcc address, ${thousands(RECIPIENT_LIMIT)} per mailbox in a rolling 24 h. Count this environment's recipients of the last 24 h. ` +
        'When the database does not show them, give the emails sent and the average recipients per email (ask the application team, or open a few emails in Service Center > Monitoring > Emails), or the count from the message trace. ' +
        'An environment with "Redirect Emails to Test List" on sends every email, CC and BCC included, to the test list: the recipients stored with the emails are then not what Exchange Online counted, so take the count from the message trace.',
      probes: [PROBE.recipients24h],
      facts: [
        {
          key: 'volume.recipients',
          label: 'Recipients in the last 24 h',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'From the probe, or the message trace of the mailbox (Exchange admin center > Mail flow > Message trace)',
        },
        { key: 'volume.emails', label: 'Emails sent in the last 24 h', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'volume.perEmail',
          label: 'Average recipients per email',
          sources: ['engineer'],
          input: 'number',
          hint: 'To + Cc + Bcc; 1 when each email goes to one address',
        },
        { key: 'volume.total', label: "This environment's recipients in 24 h", sources: ['derived'] },
      ],
      derive: (ctx) => {
        const own = ownVolume(ctx.facts);
        return own ? [{ key: 'volume.total', value: own.recipients, detail: own.source }] : [];
      },
      check: (ctx) => (tenantLimitOnly(ctx) ? null : volumeGap(ctx.facts)),
    },
    {
      id: 'mailbox',
      kind: 'collect-facts',
      title: 'Shared mailbox',
      guidance: () =>
        'The quota is per mailbox: the recipients of every environment (DEV, QA, PRD, LifeTime) and every application or script that sends through the same mailbox add up. Name the mailbox, then add the other senders with their recipients per 24 h, or say that there is no other sender.',
      facts: [
        { key: 'mailbox', label: 'Sending mailbox', sources: ['engineer', 'derived'], input: 'text', hint: 'e.g. noreply@contoso.com' },
        {
          key: 'mailbox.others',
          label: 'Other senders on this mailbox (recipients per 24 h)',
          sources: ['engineer'],
          input: 'senders',
          columns: [{ key: 'recipients', label: 'Recipients per 24 h' }],
        },
      ],
      derive: (ctx) =>
        !ctx.facts.mailbox && ctx.session.environment.mailbox
          ? [{ key: 'mailbox', value: ctx.session.environment.mailbox, detail: 'from the saved environment' }]
          : [],
      check: (ctx) => {
        if (!text(ctx.facts, 'mailbox')) return 'Say which mailbox this environment sends email through.';
        if (tenantLimitOnly(ctx)) return null;
        // Not answered is not "none": an unlisted sender is exactly how the count comes out too low.
        return figuresGap(ctx);
      },
    },
    {
      id: 'diagnosis',
      kind: 'diagnose',
      title: 'Diagnosis',
      guidance: () =>
        `The recipients of every sender on the mailbox in a rolling 24 h against ${thousands(RECIPIENT_LIMIT)}. Over it, the quota explains the error; far below it, the error points to someone else sending through the mailbox.`,
      facts: [
        { key: 'diagnosis.verdict', label: 'Verdict', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.arithmetic', label: 'Arithmetic', sources: ['derived'] },
        { key: 'diagnosis.total', label: 'Recipients in 24 h on the mailbox', sources: ['derived'] },
        { key: 'diagnosis.senders', label: 'Senders on the mailbox', sources: ['derived'] },
      ],
      derive: (ctx) => {
        const f = quotaFigures(ctx.session, ctx.facts);
        const verdict = verdictText(ctx);
        if (verdict && tenantLimitOnly(ctx)) return [{ key: 'diagnosis.verdict', value: verdict, detail: 'by the form of the error: a tenant-wide limit' }];
        if (!f || !verdict) return [];
        return [
          { key: 'diagnosis.verdict', value: verdict, detail: `recipients per rolling 24 h against ${thousands(f.limit)}` },
          { key: 'diagnosis.arithmetic', value: `${f.mailbox}: ${f.arithmetic}`, detail: 'recipients per 24 h' },
          { key: 'diagnosis.total', value: f.total, detail: 'every sender on the mailbox' },
          { key: 'diagnosis.senders', value: sendersSentence(ctx), detail: 'as answered in step "Shared mailbox"' },
        ];
      },
      check: (ctx) =>
        tenantLimitOnly(ctx)
          ? null
          : (figuresGap(ctx) ??
            (quotaFigures(ctx.session, ctx.facts) ? null : 'The senders do not add up: check the names of the other senders for duplicates.')),
    },
    {
      id: 'fix',
      kind: 'apply',
      title: 'Fix',
      guidance: (ctx) => {
        const f = quotaFigures(ctx.session, ctx.facts);
        const lead =
          f?.case === 'over'
            ? 'Bring the volume within the quota, or spread it.'
            : f
              ? 'Secure the mailbox first: the volume does not explain the error.'
              : 'The fix depends on the figures.';
        return `${lead} The change is made outside the app, by the customer's Microsoft 365 admin or the application team: hand them the steps below, then record what was done with "I applied it myself". The verification counts from that moment.`;
      },
      instructions: fixInstructions,
      facts: [],
      check: (ctx) => (fixRecorded(ctx.session) ? null : 'Record what was done (I applied it myself): the verification counts from that moment.'),
    },
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: () =>
        'Verify counts the 554 5.2.0 errors since the fix, reads the email queue again, counts the emails sent since the fix and the recipients of the last 24 h. It passes with no new 554 5.2.0, the failing emails drained, at least one email sent, and either the 24 h after the fix passed or the recipients counted now within the quota; new 554 5.2.0 fail it; otherwise it says what is still missing and from when it can pass.',
      probes: [PROBE.errorsAfter, PROBE.queueAfter, PROBE.sentAfter, PROBE.recipientsAfter],
      facts: [
        { key: 'after.errors.count', label: '554 5.2.0 errors since the fix', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'after.queue.failing',
          label: 'Emails failing now',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails that failed and are still retried',
        },
        {
          key: 'after.emails.sent',
          label: 'Emails sent since the fix',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails sent after the fix',
        },
        {
          key: 'after.volume.recipients',
          label: "This environment's recipients in the last 24 h now",
          sources: ['probe', 'engineer'],
          input: 'number',
          optional: true,
          hint: 'From the probe, or the message trace of the mailbox for the last 24 h',
        },
        { key: 'after.mailbox.recipients', label: 'Recipients on the mailbox in the last 24 h now', sources: ['derived'], optional: true },
        { key: 'after.queue.summary', label: 'Email queue now', sources: ['probe'], optional: true },
      ],
      derive: recipientsAfter,
      check: verificationCheck,
    },
    {
      id: 'report',
      kind: 'report',
      title: 'Report',
      guidance: () => 'Complete the session and hand over the resolution report.',
      facts: [],
      check: () => null,
    },
  ],
};
