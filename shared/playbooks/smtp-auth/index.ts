import { num, text } from '../common/facts';
import { SMTP_AUTH_MATCHERS } from '../../incidents/smtp-auth-matchers';
import { fixRecorded } from '../../wizard/fix';
import type { Playbook, StepContext } from '../../wizard/playbook';
import { verificationCheck } from '../common/verify-step';
import { criteria, decide, fixOptionsOf, platformSentence, verdictOf } from './decision';
import {
  ANSWERS,
  AUTH_METHODS,
  authMethod,
  answer,
  OAUTH_MINIMUM,
  OAUTH_RECOMMENDED,
  pastedTexts,
  plural,
  PROBE,
  VARIANT_WORDS,
  VARIANTS,
  variantEvidence,
  versionOf,
  WHERE,
} from './facts';
import { fixInstructions } from './instructions';
import { smtpAuthReport } from './report';
import { SMTP_AUTH_PROBES, smtpAuthFactsFromProbe } from './probes';
import { formSymptomFacts } from '../common/symptom';

/**
 * Playbook: Exchange Online refuses SMTP authentication (domain.md 4b, 4d): 535 5.7.139 (SMTP AUTH
 * off for the tenant or the mailbox, security defaults, credentials incorrect, basic authentication
 * disabled by a policy, Conditional Access, or no reason given), 550 5.7.30 (Basic authentication not
 * supported for client submission), 535 5.7.3 (credentials) and 530 5.7.57 (not authenticated). Basic authentication
 * for SMTP AUTH is disabled by default for existing tenants at the end of December 2026, so the
 * lasting fix is mostly OAuth 2.0, which needs Platform Server 11.34.0 or later.
 *
 * The fix is made outside the app (Microsoft 365 and Service Center) and recorded with "I applied
 * it myself"; it takes effect then (no Scheduler restart checklist). Verify counts the errors and
 * the emails sent since that moment.
 */

export const SMTP_AUTH_PLAYBOOK_ID = 'exchange-smtp-auth';

/** The forms of the error known so far, in words, with where each was seen. */
function formsText(ctx: StepContext): string | null {
  const evidence = variantEvidence(ctx);
  if (evidence.length === 0) return null;
  return evidence
    .map((e) => {
      const where = [
        e.logged ? `${e.logged} in the error log` : '',
        e.pasted ? `${plural(e.pasted, 'pasted line')}` : '',
        e.chosen ? 'chosen by the engineer' : '',
      ].filter(Boolean);
      return `${VARIANT_WORDS[e.variant]} (${where.join(', ')})`;
    })
    .join('; ');
}

const choice = (value: string, label: string) => ({ value, label });

export const smtpAuthPlaybook: Playbook = {
  id: SMTP_AUTH_PLAYBOOK_ID,
  title: 'SMTP authentication refused (535 5.7.139 / 550 5.7.30)',
  summary:
    'Emails fail because Exchange Online refuses SMTP authentication: SMTP AUTH off for the tenant or the mailbox, security defaults, an authentication or Conditional Access policy, Basic authentication not supported for client submission, wrong credentials, or a 535 5.7.139 with no reason given.',
  matchers: SMTP_AUTH_MATCHERS,
  probes: SMTP_AUTH_PROBES,
  report: smtpAuthReport,
  verdict: verdictOf,
  // Made in Microsoft 365 and Service Center: it counts from the moment it is recorded.
  fix: { takesEffect: 'apply', options: fixOptionsOf },
  verification: { probes: [PROBE.errorsAfter, PROBE.sentAfter], watchMinutes: 5, criteria },
  applyFromApp: () => ({
    unavailable: 'The fix is made in Microsoft 365 and in Service Center, outside this app: follow the steps above, then record below what was changed.',
  }),
  factsFromProbe: (probe, result) => smtpAuthFactsFromProbe(probe, result),
  // Sessions saved before every playbook called its steps 'plan' (choose) and 'fix' (make it).
  legacyStepIds: { plan: 'fix' },
  steps: [
    {
      id: 'symptom',
      kind: 'confirm-symptom',
      title: 'Symptom',
      guidance: () =>
        'Confirm the incident: emails fail because Exchange Online refuses SMTP authentication (535 5.7.139, 550 5.7.30, 535 5.7.3 or 530 5.7.57). Search the error log (up to 14 days), or paste the error from Service Center > Monitoring > Errors, or choose the form you were told about. Each form has its own way out.',
      probes: [PROBE.errors, PROBE.queue],
      facts: formSymptomFacts(
        'SMTP authentication errors found',
        VARIANTS.map((v) => VARIANT_WORDS[v]),
      ),
      derive: (ctx) => {
        const forms = formsText(ctx);
        return forms ? [{ key: 'symptom.forms', value: forms, detail: 'from the error log, the pasted text and the form chosen' }] : [];
      },
      check: (ctx) => {
        if (variantEvidence(ctx).length > 0) return null;
        const count = num(ctx.facts, 'errors.count');
        if (count !== null && count > 0) return 'Say which form of the error it is: paste one line of it, or choose the form.';
        if (count === 0) return 'No SMTP authentication errors were found. Paste the error you saw, or search a longer window, before going on.';
        if (pastedTexts(ctx).length)
          return 'The pasted text is not an SMTP authentication refusal (535 5.7.139, 550 5.7.30, 535 5.7.3, 530 5.7.57). Paste the exact error, or choose the form.';
        return 'Search the error log, paste the error you saw, or choose its form.';
      },
    },
    {
      id: 'platform',
      kind: 'collect-facts',
      title: 'Platform version',
      guidance: () =>
        `Read the Platform Server version from the platform database, or give it (${WHERE.version}), e.g. 11.38.0. OAuth 2.0 for the platform's SMTP needs ${OAUTH_MINIMUM} or later; ${OAUTH_RECOMMENDED} or later is recommended (it fixes BCC recipients with OAuth). Type "not known" if nobody can tell yet: the diagnosis will say what that leaves open.`,
      probes: [PROBE.version],
      facts: [
        { key: 'platform.version', label: 'Platform Server version', sources: ['probe', 'engineer'], input: 'text', hint: 'e.g. 11.38.0, or "not known"' },
        { key: 'platform.oauth', label: 'OAuth 2.0 for SMTP', sources: ['derived'], optional: true },
      ],
      derive: (ctx) => {
        const v = versionOf(ctx.facts);
        if (v.state === 'missing') return [];
        return [{ key: 'platform.oauth', value: platformSentence(ctx), detail: `${OAUTH_MINIMUM} or later has it; ${OAUTH_RECOMMENDED} or later recommended` }];
      },
      check: (ctx) => {
        const v = versionOf(ctx.facts);
        if (v.state === 'missing') return `Give the Platform Server version (${WHERE.version}), or type "not known".`;
        if (v.state === 'unreadable') return `"${v.text}" is not a version: give it as Service Center shows it, e.g. 11.38.0, or type "not known".`;
        return null;
      },
    },
    {
      id: 'smtp',
      kind: 'collect-facts',
      title: 'SMTP settings',
      guidance: () =>
        `Read the platform's email settings in ${WHERE.email}: the SMTP server, its port and how the platform authenticates (Basic: user name and password; OAuth 2.0: tenant id, client id and secret).`,
      facts: [
        { key: 'smtp.server', label: 'SMTP server', sources: ['engineer'], input: 'text', hint: 'e.g. smtp.office365.com' },
        { key: 'smtp.port', label: 'SMTP port', sources: ['engineer'], input: 'number', hint: 'e.g. 587', optional: true },
        {
          key: 'smtp.auth',
          label: 'Authentication method',
          sources: ['engineer'],
          input: 'choice',
          choices: [
            choice(AUTH_METHODS.basic, 'Basic (user name and password)'),
            choice(AUTH_METHODS.oauth, 'OAuth 2.0'),
            choice(AUTH_METHODS.unknown, 'Not known'),
          ],
        },
      ],
      check: (ctx) => {
        if (!text(ctx.facts, 'smtp.server')) return `Give the SMTP server (${WHERE.email}).`;
        const port = ctx.facts['smtp.port']?.value;
        if (port !== undefined && port !== null && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535))
          return 'The SMTP port is a whole number from 1 to 65535.';
        if (!authMethod(ctx.facts)) return 'Say how the platform authenticates: Basic, OAuth 2.0, or not known.';
        return null;
      },
    },
    {
      id: 'mailbox',
      kind: 'collect-facts',
      title: 'Mailbox and tenant',
      guidance: () =>
        `Name the mailbox the platform sends through (the PowerShell in the fix names it), and say whether the Microsoft 365 tenant uses security defaults (${WHERE.securityDefaults}): with them on, Basic authentication is blocked whatever the SMTP AUTH setting says.`,
      facts: [
        { key: 'mailbox', label: 'Sending mailbox', sources: ['engineer', 'derived'], input: 'text', hint: 'e.g. noreply@contoso.com' },
        {
          key: 'tenant.securityDefaults',
          label: 'Tenant uses security defaults',
          sources: ['engineer'],
          input: 'choice',
          choices: [choice(ANSWERS.yes, 'Yes'), choice(ANSWERS.no, 'No (or Conditional Access instead)'), choice(ANSWERS.unknown, 'Not known')],
        },
      ],
      derive: (ctx) =>
        !ctx.facts.mailbox && ctx.session.environment.mailbox
          ? [{ key: 'mailbox', value: ctx.session.environment.mailbox, detail: 'from the saved environment' }]
          : [],
      check: (ctx) => {
        if (!text(ctx.facts, 'mailbox')) return 'Say which mailbox this environment sends email through.';
        if (!answer(ctx.facts, 'tenant.securityDefaults')) return 'Say whether the tenant uses security defaults: yes, no, or not known.';
        return null;
      },
    },
    {
      id: 'diagnosis',
      kind: 'diagnose',
      title: 'Diagnosis',
      guidance: () =>
        'The decision by the form of the error: what gets mail flowing again now (a stop-gap, which buys time only), what lasts (mostly OAuth 2.0), whether this Platform Server can do OAuth 2.0, and what nobody knows yet.',
      facts: [
        { key: 'diagnosis.cause', label: 'What Exchange Online refused', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.verdict', label: 'Verdict', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.stopGap', label: 'Stop-gap (until the lasting fix)', sources: ['derived'] },
        { key: 'diagnosis.lasting', label: 'Lasting fix', sources: ['derived'] },
        { key: 'diagnosis.platform', label: 'Platform Server and OAuth 2.0', sources: ['derived'] },
        { key: 'diagnosis.unknown', label: 'Not known', sources: ['derived'] },
      ],
      derive: (ctx) => {
        const d = decide(ctx);
        if (d.route === 'unknown') return [];
        return [
          { key: 'diagnosis.cause', value: d.cause, detail: 'from step "Symptom"' },
          { key: 'diagnosis.verdict', value: d.verdict, detail: 'by the form of the error, the platform version and the answers' },
          { key: 'diagnosis.stopGap', value: d.stopGap ?? 'None: nothing brings mail back sooner than the fix itself.', detail: 'by the form of the error' },
          { key: 'diagnosis.lasting', value: d.lasting, detail: 'by the form of the error' },
          { key: 'diagnosis.platform', value: d.platform, detail: 'from step "Platform version"' },
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
      guidance: (ctx) => {
        const d = decide(ctx);
        return `${d.verdict} The steps below are for the customer's Microsoft 365 admin and whoever manages Service Center. The fix is made outside this app: record it under "I applied it myself" once done; it counts from that moment.`;
      },
      instructions: fixInstructions,
      facts: [],
      check: (ctx) => (fixRecorded(ctx.session) ? null : 'Record what was changed (I applied it myself) once the fix is made.'),
    },
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: () =>
        'Verify counts the SMTP authentication errors and the emails sent since the fix was recorded. It passes with no such error and at least one email sent since then; errors since the fix fail it; until an email goes out it keeps watching. Check the login on the mail server from where the platform sends, with the password typed for that check only: a login refused since the fix fails it.',
      probes: [PROBE.errorsAfter, PROBE.sentAfter, PROBE.liveLogin],
      facts: [
        { key: 'after.errors.count', label: 'SMTP authentication errors since the fix', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'after.emails.sent',
          label: 'Emails sent since the fix',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails sent after the fix',
        },
        { key: 'after.smtp.login', label: 'Live login since the fix', sources: ['checked'], optional: true },
      ],
      check: verificationCheck,
    },
    {
      id: 'report',
      kind: 'report',
      title: 'Report',
      guidance: () =>
        'Complete the session and hand over the resolution report, with the steps of the fix and what to tell the customer about the end of December 2026.',
      facts: [],
      check: () => null,
    },
  ],
};
