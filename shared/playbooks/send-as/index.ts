import { SEND_AS_MATCHERS } from '../../incidents/send-as-matchers';
import { fixRecorded } from '../../wizard/fix';
import type { Playbook } from '../../wizard/playbook';
import { formEvidence, formsSentence, symptomCheck } from '../common/error-forms';
import { verificationCheck } from '../common/verify-step';
import { criteria, decide, fixOptionsOf, verdictOf } from './decision';
import { address, addressesInText, ANSWERS, FORMS, PROBE, VARIANT_WORDS, VARIANTS, WHERE } from './facts';
import { sendAsInstructions } from './instructions';
import { ERROR_WORDS, SEND_AS_PROBES, sendAsFactsFromProbe } from './probes';
import { sendAsReport } from './report';
import { formSymptomFacts } from '../common/symptom';

/**
 * Playbook: Exchange Online refuses the From address of the platform's emails (domain.md 4e):
 * 5.7.60, 554 5.2.252 SendAsDenied, and 550 5.2.252 "Sender throttled" when the denials go on. The
 * fix is made outside the app (Service Center, Service Studio or Exchange Online) and recorded with
 * "I applied it myself"; it counts from then. Both ways out last, so there is no stop-gap.
 */

export const SEND_AS_PLAYBOOK_ID = 'exchange-send-as';

const choice = (value: string, label: string) => ({ value, label });

export const sendAsPlaybook: Playbook = {
  id: SEND_AS_PLAYBOOK_ID,
  title: 'Send As denied (5.7.60 / 554 5.2.252)',
  summary:
    'Emails fail because their From address is not the mailbox the platform logs in as, and that mailbox has no Send As permission on it: 5.7.60, 554 5.2.252 SendAsDenied, and when it goes on the mailbox throttled (550 5.2.252), when every email fails for a while.',
  matchers: SEND_AS_MATCHERS,
  probes: SEND_AS_PROBES,
  report: sendAsReport,
  verdict: verdictOf,
  fix: { takesEffect: 'apply', options: fixOptionsOf },
  verification: { probes: [PROBE.errorsAfter, PROBE.sentAfter], watchMinutes: 5, criteria },
  applyFromApp: () => ({
    unavailable:
      'The fix is made in Service Center, Service Studio or Exchange Online, outside this app: follow the steps above, then record below what was changed.',
  }),
  factsFromProbe: (probe, result) => sendAsFactsFromProbe(probe, result),
  steps: [
    {
      id: 'symptom',
      kind: 'confirm-symptom',
      title: 'Symptom',
      guidance: () =>
        'Confirm the incident: Exchange Online refuses the From address of the emails (5.7.60, 554 5.2.252 SendAsDenied) or has throttled the mailbox after such denials (550 5.2.252 Sender throttled). Search the error log (up to 14 days), or paste the error from Service Center > Monitoring > Errors (a SendAsDenied line names both addresses), or choose the form.',
      probes: [PROBE.errors, PROBE.queue],
      facts: formSymptomFacts(
        'Send As denials found',
        VARIANTS.map((v) => VARIANT_WORDS[v]),
        [{ key: 'errors.perSender', label: 'Login mailbox and From address in the messages', sources: ['probe'], optional: true }],
      ),
      derive: (ctx) => {
        const forms = formsSentence(FORMS, formEvidence(FORMS, ctx));
        return forms ? [{ key: 'symptom.forms', value: forms, detail: 'from the error log, the pasted text and the form chosen' }] : [];
      },
      check: (ctx) => symptomCheck(FORMS, ctx, ERROR_WORDS),
    },
    {
      id: 'sender',
      kind: 'collect-facts',
      title: 'Login mailbox and From address',
      guidance: () =>
        `Name the two addresses that must agree: the mailbox the platform logs in as (the user name in ${WHERE.email}) and the default sender (the From address, same page). Say whether an application sets its own From address. A pasted "… not allowed to send as …" line names both; type "not known" for what nobody can tell yet.`,
      facts: [
        {
          key: 'smtp.user',
          label: 'Mailbox the platform logs in as',
          sources: ['engineer', 'derived'],
          input: 'text',
          hint: 'e.g. svc-outsystems@contoso.com',
        },
        { key: 'sender.default', label: 'Default sender (From address)', sources: ['engineer'], input: 'text', hint: 'e.g. noreply@contoso.com' },
        {
          key: 'sender.app',
          label: 'An application sets its own From address',
          sources: ['engineer'],
          input: 'choice',
          choices: [choice(ANSWERS.yes, 'Yes'), choice(ANSWERS.no, 'No'), choice(ANSWERS.unknown, 'Not known')],
          optional: true,
        },
        { key: 'sender.appAddress', label: "The application's From address", sources: ['engineer'], input: 'text', optional: true },
        { key: 'sender.refused', label: 'From address Exchange Online refused', sources: ['derived'], optional: true },
      ],
      derive: (ctx) => {
        const pair = addressesInText(ctx);
        if (!pair) return [];
        const detail = pair.where;
        return [...(ctx.facts['smtp.user'] ? [] : [{ key: 'smtp.user', value: pair.login, detail }]), { key: 'sender.refused', value: pair.from, detail }];
      },
      check: (ctx) => {
        if (!ctx.facts['smtp.user']) return `Name the mailbox the platform logs in as (${WHERE.email}), or type "not known".`;
        if (!ctx.facts['sender.default']) return `Name the default sender (${WHERE.email}), or type "not known".`;
        if (address(ctx, 'smtp.user') && !address(ctx, 'smtp.user')!.includes('@'))
          return 'The login mailbox is an email address, e.g. svc-outsystems@contoso.com.';
        return null;
      },
    },
    {
      id: 'diagnosis',
      kind: 'diagnose',
      title: 'Diagnosis',
      guidance: () =>
        'The decision: which From address Exchange Online refused for which login mailbox, where that From address is set, whether to align it or grant Send As, and what the throttling means for the emails queued meanwhile.',
      facts: [
        { key: 'diagnosis.cause', label: 'What Exchange Online refused', sources: ['derived'] },
        { key: 'diagnosis.verdict', label: 'Verdict', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.lasting', label: 'Fix', sources: ['derived'] },
        { key: 'diagnosis.throttling', label: 'Throttling and queued emails', sources: ['derived'] },
        { key: 'diagnosis.unknown', label: 'Not known', sources: ['derived'] },
      ],
      derive: (ctx) => {
        const d = decide(ctx);
        if (d.route === 'unknown') return [];
        return [
          { key: 'diagnosis.cause', value: d.cause, detail: 'from step "Symptom"' },
          { key: 'diagnosis.verdict', value: d.verdict, detail: 'by the form of the error and the two addresses' },
          { key: 'diagnosis.lasting', value: d.lasting, detail: 'by the two addresses' },
          {
            key: 'diagnosis.throttling',
            value: d.throttling ?? 'The mailbox is not throttled: no 550 5.2.252 "Sender throttled" was seen.',
            detail: 'by the form of the error',
          },
          {
            key: 'diagnosis.unknown',
            value: d.unknowns.length ? d.unknowns.join(' ') : 'Nothing the decision needs is missing.',
            detail: 'what nobody could tell yet',
          },
        ];
      },
      check: (ctx) => (decide(ctx).route === 'unknown' ? 'The form of the error is not known: go back to step "Symptom".' : null),
    },
    {
      id: 'fix',
      kind: 'apply',
      title: 'Fix',
      guidance: (ctx) =>
        `${decide(ctx).verdict} The fix is made outside this app: record it under "I applied it myself" once done; it counts from that moment.`,
      instructions: sendAsInstructions,
      facts: [],
      check: (ctx) => (fixRecorded(ctx.session) ? null : 'Record what was changed (I applied it myself) once the fix is made.'),
    },
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: () =>
        'Verify counts the Send As denials and the emails sent since the fix was recorded. It passes with no denial and at least one email sent since then; denials since the fix fail it; until an email goes out (a throttled mailbox sends nothing for a while) it keeps watching.',
      probes: [PROBE.errorsAfter, PROBE.sentAfter],
      facts: [
        { key: 'after.errors.count', label: 'Send As denials since the fix', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'after.emails.sent',
          label: 'Emails sent since the fix',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails sent after the fix',
        },
      ],
      check: verificationCheck,
    },
    {
      id: 'report',
      kind: 'report',
      title: 'Report',
      guidance: () => 'Complete the session and hand over the resolution report, with the addresses, the fix made and the emails that were queued meanwhile.',
      facts: [],
      check: () => null,
    },
  ],
};
