import { SMTP_CONNECTION_MATCHERS } from '../../incidents/smtp-connection-matchers';
import { fixRecorded } from '../../wizard/fix';
import type { Playbook } from '../../wizard/playbook';
import { formEvidence, formsSentence, symptomCheck } from '../common/error-forms';
import { verificationCheck } from '../common/verify-step';
import { versionOf } from '../smtp-auth/facts';
import { criteria, decide, fixOptionsOf, verdictOf } from './decision';
import { alwaysStartTls, FORMS, PROBE, STARTTLS_VERSION, TLS_CHOICES, tlsChoice, VARIANT_WORDS, VARIANTS, WHERE } from './facts';
import { connectionInstructions } from './instructions';
import { connectionFactsFromProbe, ERROR_WORDS, SMTP_CONNECTION_PROBES } from './probes';
import { smtpConnectionReport } from './report';
import { formSymptomFacts } from '../common/symptom';

/**
 * Playbook: the platform cannot talk to the SMTP server, or not securely (domain.md 4e): TLS 1.0/1.1
 * refused, STARTTLS required, SocketError, AUTH before TLS, an invalid certificate, a failed TLS
 * handshake, no connection or a time-out. The fix is a setting (Service Center, the front-ends'
 * registry) or a network path, made outside the app and recorded with "I applied it myself". The
 * legacy TLS endpoint is a stop-gap: a session fixed only by it ends Mitigated.
 */

export const SMTP_CONNECTION_PLAYBOOK_ID = 'smtp-connection';

const choice = (value: string, label: string) => ({ value, label });

export const smtpConnectionPlaybook: Playbook = {
  id: SMTP_CONNECTION_PLAYBOOK_ID,
  title: 'SMTP connection and TLS (4.7.66, STARTTLS, certificate, unreachable)',
  summary:
    'Emails fail because the platform cannot reach the SMTP server or cannot talk to it securely: TLS 1.0/1.1 refused (421 4.7.66), STARTTLS required (451 5.7.3), SocketError (421 4.4.2), AUTH before TLS (504 5.7.4), an invalid certificate, a failed TLS handshake, no connection or a time-out, or port 465 against Exchange Online.',
  matchers: SMTP_CONNECTION_MATCHERS,
  probes: SMTP_CONNECTION_PROBES,
  report: smtpConnectionReport,
  verdict: verdictOf,
  fix: { takesEffect: 'apply', options: fixOptionsOf },
  verification: { probes: [PROBE.errorsAfter, PROBE.sentAfter], watchMinutes: 5, criteria },
  applyFromApp: () => ({
    unavailable:
      'The fix is made in Service Center, on the front-end servers, in the network or in Exchange Online, outside this app: follow the steps above, then record below what was changed.',
  }),
  factsFromProbe: (probe, result) => connectionFactsFromProbe(probe, result),
  steps: [
    {
      id: 'symptom',
      kind: 'confirm-symptom',
      title: 'Symptom',
      guidance: () =>
        'Confirm the incident: emails fail before Exchange Online accepts them, at the connection or TLS (421 4.7.66, 451 5.7.3 STARTTLS, 421 4.4.2, 504 5.7.4, an invalid certificate, the transport stream closed, unable to connect, timed out). Search the error log (up to 14 days), or paste the error from Service Center > Monitoring > Errors, or choose the form.',
      probes: [PROBE.errors, PROBE.queue],
      facts: formSymptomFacts(
        'SMTP connection and TLS errors found',
        VARIANTS.map((v) => VARIANT_WORDS[v]),
      ),
      derive: (ctx) => {
        const forms = formsSentence(FORMS, formEvidence(FORMS, ctx));
        return forms ? [{ key: 'symptom.forms', value: forms, detail: 'from the error log, the pasted text and the form chosen' }] : [];
      },
      check: (ctx) => symptomCheck(FORMS, ctx, ERROR_WORDS),
    },
    {
      id: 'platform',
      kind: 'collect-facts',
      title: 'Platform version',
      guidance: () =>
        `Read the Platform Server version from the platform database, or give it (${WHERE.version}), e.g. 11.38.0. Platform Server ${STARTTLS_VERSION} and later always use STARTTLS to Exchange Online. Type "not known" if nobody can tell yet.`,
      probes: [PROBE.version],
      facts: [
        { key: 'platform.version', label: 'Platform Server version', sources: ['probe', 'engineer'], input: 'text', hint: 'e.g. 11.38.0, or "not known"' },
        { key: 'platform.starttls', label: 'STARTTLS to Exchange Online', sources: ['derived'], optional: true },
      ],
      derive: (ctx) => {
        const v = versionOf(ctx.facts);
        if (v.state === 'missing') return [];
        const always = alwaysStartTls(ctx);
        const value =
          always === null
            ? `Not known: the Platform Server version is not known (${STARTTLS_VERSION} or later always uses STARTTLS to Exchange Online).`
            : always
              ? `Platform Server ${v.state === 'known' ? v.text : ''} always uses STARTTLS to Exchange Online (${STARTTLS_VERSION} or later).`
              : `Platform Server ${v.state === 'known' ? v.text : ''} is older than ${STARTTLS_VERSION}: the email settings decide whether it uses TLS.`;
        return [{ key: 'platform.starttls', value, detail: `${STARTTLS_VERSION} or later always uses STARTTLS to Exchange Online` }];
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
        `Read the platform's email settings in ${WHERE.email}: the SMTP server (a host name or an IP address), its port and whether the platform uses TLS (STARTTLS, or SSL on connect). Exchange Online takes smtp.office365.com, port 587, STARTTLS, TLS 1.2.`,
      facts: [
        { key: 'smtp.server', label: 'SMTP server', sources: ['engineer'], input: 'text', hint: 'e.g. smtp.office365.com' },
        { key: 'smtp.port', label: 'SMTP port', sources: ['engineer'], input: 'number', hint: 'e.g. 587' },
        {
          key: 'smtp.tls',
          label: 'TLS',
          sources: ['engineer'],
          input: 'choice',
          choices: [
            choice(TLS_CHOICES.starttls, 'STARTTLS'),
            choice(TLS_CHOICES.implicit, 'SSL on connect (implicit TLS)'),
            choice(TLS_CHOICES.none, 'No TLS'),
            choice(TLS_CHOICES.unknown, 'Not known'),
          ],
        },
      ],
      check: (ctx) => {
        const s = ctx.facts['smtp.server']?.value;
        if (typeof s !== 'string' || !s.trim()) return `Give the SMTP server (${WHERE.email}).`;
        const port = ctx.facts['smtp.port']?.value;
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return 'The SMTP port is a whole number from 1 to 65535.';
        if (!tlsChoice(ctx)) return 'Say whether the platform uses TLS: STARTTLS, SSL on connect, no TLS, or not known.';
        return null;
      },
    },
    {
      id: 'diagnosis',
      kind: 'diagnose',
      title: 'Diagnosis',
      guidance: () =>
        'The decision by the form of the error and the settings: the setting to change (host name, port 587 with STARTTLS, TLS 1.2 on the front-ends, the Platform Server version) or the network path to open, and the legacy TLS endpoint as a stop-gap only.',
      facts: [
        { key: 'diagnosis.cause', label: 'What failed', sources: ['derived'] },
        { key: 'diagnosis.verdict', label: 'Verdict', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.stopGap', label: 'Stop-gap (until the lasting fix)', sources: ['derived'] },
        { key: 'diagnosis.lasting', label: 'Lasting fix', sources: ['derived'] },
        { key: 'diagnosis.unknown', label: 'Not known', sources: ['derived'] },
      ],
      derive: (ctx) => {
        const d = decide(ctx);
        if (d.route === 'unknown') return [];
        return [
          { key: 'diagnosis.cause', value: d.cause, detail: 'from step "Symptom"' },
          { key: 'diagnosis.verdict', value: d.verdict, detail: 'by the form of the error, the settings and the platform version' },
          { key: 'diagnosis.stopGap', value: d.stopGap ?? 'None: nothing brings mail back sooner than the fix itself.', detail: 'by the form of the error' },
          { key: 'diagnosis.lasting', value: d.lasting, detail: 'by the form of the error and the settings' },
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
      instructions: connectionInstructions,
      facts: [],
      check: (ctx) => (fixRecorded(ctx.session) ? null : 'Record what was changed (I applied it myself) once the fix is made.'),
    },
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: () =>
        'Verify counts the SMTP connection and TLS errors and the emails sent since the fix was recorded. It passes with no such error and at least one email sent since then; errors since the fix fail it; until an email goes out it keeps watching. A live check of the mail server from where the platform sends, run after the fix, counts too: a connection or TLS that fails then fails the verification.',
      probes: [PROBE.errorsAfter, PROBE.sentAfter, PROBE.liveCheck],
      facts: [
        { key: 'after.errors.count', label: 'SMTP connection and TLS errors since the fix', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'after.emails.sent',
          label: 'Emails sent since the fix',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails sent after the fix',
        },
        { key: 'after.smtp.tls', label: 'Live TLS connection since the fix', sources: ['checked'], optional: true },
      ],
      check: verificationCheck,
    },
    {
      id: 'report',
      kind: 'report',
      title: 'Report',
      guidance: () =>
        'Complete the session and hand over the resolution report, with the setting or path changed and, after a stop-gap, the lasting fix still to make.',
      facts: [],
      check: () => null,
    },
  ],
};
