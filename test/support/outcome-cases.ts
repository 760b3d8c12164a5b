import { concurrencyPlaybook } from '../../shared/playbooks/concurrency';
import { quotaPlaybook } from '../../shared/playbooks/quota';
import { sendAsPlaybook } from '../../shared/playbooks/send-as';
import { smtpAuthPlaybook } from '../../shared/playbooks/smtp-auth';
import { smtpConnectionPlaybook } from '../../shared/playbooks/smtp-connection';
import type { Playbook } from '../../shared/wizard/playbook';
import type { SessionOutcome } from '../../shared/wizard/session';
import type { WalkScript } from './walk';

/**
 * Offline walks that reach each outcome a playbook can have, by the facts an engineer would type:
 * the same cases run through the engine (unit) and through the API (integration).
 */

export const MAILBOX = 'noreply@fabrikam.com';
const SERVERS = [
  { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
  { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
];

export const concurrency = (after: WalkScript['after'], extra: Partial<WalkScript> = {}): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 84 },
    servers: { servers: SERVERS },
    threads: { 'threads.global': 2, 'threads.hosts': {} },
    mailbox: { mailbox: MAILBOX, 'mailbox.others': [{ name: 'Fabrikam QA', servers: 1, threads: 1 }] },
  },
  fix: { note: 'Scheduler.NumberOfThreadsForEmails set to 1 in Factory Configuration' },
  after: { 'after.threads.global': 1, 'after.servers': SERVERS, 'after.errors.count': 0, 'after.emails.sent': 40, ...after },
  ...extra,
});

const TENANT_FORM = '535 5.7.139: SMTP AUTH is disabled for the tenant';
export const smtpAuth = (option: string, after: WalkScript['after']): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 64, 'symptom.form': TENANT_FORM },
    platform: { 'platform.version': '11.38.0' },
    smtp: { 'smtp.server': 'smtp.office365.com', 'smtp.auth': 'Basic' },
    mailbox: { mailbox: MAILBOX, 'tenant.securityDefaults': 'No' },
  },
  fix: { note: option === 'stop-gap' ? 'SMTP AUTH turned back on for the tenant; OAuth 2.0 planned' : 'The platform sends with OAuth 2.0', option },
  after: { 'after.errors.count': 0, 'after.emails.sent': 12, ...after },
});

export const quota = (after: WalkScript['after'], completeAfterMinutes = 10): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 40, 'queue.failing': 25, 'queue.abandoned': 12 },
    volume: { 'volume.recipients': 12_383 },
    mailbox: { mailbox: MAILBOX, 'mailbox.others': [] },
  },
  fix: { note: 'The newsletter moved to a bulk email service' },
  after: { 'after.errors.count': 0, 'after.queue.failing': 0, 'after.emails.sent': 30, 'after.volume.recipients': 12_383, ...after },
  completeAfterMinutes,
});

export const LOGIN = 'svc-outsystems@fabrikam.com';
export const sendAs = (after: WalkScript['after'], option = 'align'): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 30, 'symptom.form': '550 5.2.252: the mailbox is throttled after continuous Send As denials' },
    sender: { 'smtp.user': LOGIN, 'sender.default': MAILBOX, 'sender.app': 'No' },
  },
  fix: { note: option === 'grant' ? `Send As granted to ${LOGIN} on ${MAILBOX}` : `Default sender set to ${LOGIN} in Service Center`, option },
  after: { 'after.errors.count': 0, 'after.emails.sent': 9, ...after },
});

const TLS_FORM = '421 4.7.66: TLS 1.0 and 1.1 are not supported (TLS 1.2 required)';
export const connection = (option: string, after: WalkScript['after']): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 22, 'symptom.form': TLS_FORM },
    platform: { 'platform.version': '11.31.0' },
    smtp: { 'smtp.server': 'smtp.office365.com', 'smtp.port': 587, 'smtp.tls': 'STARTTLS' },
  },
  fix: {
    note:
      option === 'stop-gap'
        ? 'Legacy TLS clients allowed; SMTP server set to smtp-legacy.office365.com'
        : 'TLS 1.2 enabled on FE01 and FE02, servers restarted',
    option,
  },
  after: { 'after.errors.count': 0, 'after.emails.sent': 15, ...after },
});

export const OUTCOME_CASES: Array<[string, Playbook, WalkScript, SessionOutcome]> = [
  ['432: resolved', concurrencyPlaybook, concurrency({}), 'resolved'],
  ['432: not yet verified (too little traffic)', concurrencyPlaybook, concurrency({ 'after.emails.sent': 2 }), 'applied-not-verified'],
  ['432: not resolved (432s since the restart)', concurrencyPlaybook, concurrency({ 'after.errors.count': 5 }), 'not-resolved'],
  [
    '432: no change needed (within the limit)',
    concurrencyPlaybook,
    concurrency(
      {},
      {
        answers: { ...concurrency({}).answers, threads: { 'threads.global': 1, 'threads.hosts': {} }, mailbox: { mailbox: MAILBOX, 'mailbox.others': [] } },
        stopAtDiagnosis: true,
      },
    ),
    'within-limit-other-cause',
  ],
  ['SMTP AUTH: resolved (OAuth 2.0)', smtpAuthPlaybook, smtpAuth('lasting', {}), 'resolved'],
  ['SMTP AUTH: mitigated (SMTP AUTH back on)', smtpAuthPlaybook, smtpAuth('stop-gap', {}), 'mitigated'],
  ['SMTP AUTH: not yet verified (no email sent)', smtpAuthPlaybook, smtpAuth('lasting', { 'after.emails.sent': 0 }), 'applied-not-verified'],
  ['SMTP AUTH: not resolved (errors since the fix)', smtpAuthPlaybook, smtpAuth('lasting', { 'after.errors.count': 7 }), 'not-resolved'],
  ['quota: not yet verified (still over, the 24 h not passed)', quotaPlaybook, quota({}), 'applied-not-verified'],
  ['quota: resolved (the 24 h after the fix passed)', quotaPlaybook, quota({}, 25 * 60), 'resolved'],
  ['quota: resolved (counted within the quota now)', quotaPlaybook, quota({ 'after.volume.recipients': 8_000 }), 'resolved'],
  ['quota: not resolved (554 5.2.0 since the fix)', quotaPlaybook, quota({ 'after.errors.count': 3 }), 'not-resolved'],
  ['Send As: resolved (default sender aligned)', sendAsPlaybook, sendAs({}), 'resolved'],
  ['Send As: resolved (Send As granted)', sendAsPlaybook, sendAs({}, 'grant'), 'resolved'],
  ['Send As: not yet verified (throttled, nothing sent yet)', sendAsPlaybook, sendAs({ 'after.emails.sent': 0 }), 'applied-not-verified'],
  ['Send As: not resolved (denials since the fix)', sendAsPlaybook, sendAs({ 'after.errors.count': 4 }), 'not-resolved'],
  ['SMTP connection: resolved (TLS 1.2 on the front-ends)', smtpConnectionPlaybook, connection('lasting', {}), 'resolved'],
  ['SMTP connection: mitigated (legacy TLS endpoint)', smtpConnectionPlaybook, connection('stop-gap', {}), 'mitigated'],
  ['SMTP connection: not yet verified (no email sent)', smtpConnectionPlaybook, connection('lasting', { 'after.emails.sent': 0 }), 'applied-not-verified'],
  ['SMTP connection: not resolved (errors since the fix)', smtpConnectionPlaybook, connection('lasting', { 'after.errors.count': 6 }), 'not-resolved'],
];
