import { CONCURRENCY_TEXTS, OTHER_TEXTS, QUOTA_TEXTS, SMTP_AUTH_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises Exchange Online refusing SMTP authentication (domain.md 4b and 4d), one matcher per
 * form, since each form has its own way out. Not these: 432 4.3.2 (connection limit), 554 5.2.0
 * (recipient quota), 451 4.7.500 (IP throttling), 421 4.3.2 (transient).
 *
 * 535 5.7.139 has more reasons than SMTP AUTH off and security defaults (domain.md 4d): "the user
 * credentials were incorrect", "basic authentication is disabled" (an authentication policy),
 * "the request did not meet the criteria to be authenticated successfully" (Conditional Access),
 * and a bare "535 5.7.139 Authentication unsuccessful" with no reason at all. Only 550 5.7.30's own
 * words ("Basic authentication is not supported for Client Submission") say Basic is no longer
 * accepted; a 5.7.139 is never read as that.
 *
 * The order is priority (`firstMatch`): the 5.7.139 reasons first, then 5.7.139 with no reason the
 * app knows, then 5.7.30, 5.7.3 and 5.7.57. So "530 5.7.57 Client not authenticated ... Error: 535
 * 5.7.139 Authentication unsuccessful" is counted as reason-not-given: the 5.7.139 answer is the
 * more specific one.
 *
 * Status codes count only beside their reply code or their wording, never alone: "5.7.30" on its
 * own is as likely a version number.
 */

export type SmtpAuthVariant =
  | 'tenant-disabled'
  | 'mailbox-disabled'
  | 'security-defaults'
  | 'credentials-incorrect'
  | 'basic-disabled'
  | 'criteria-not-met'
  | 'reason-not-given'
  | 'basic-retired'
  | 'bad-credentials'
  | 'not-authenticated';

const T = SMTP_AUTH_TEXTS;
/** Texts of the other playbooks and of none: no SMTP-auth matcher accepts them. */
const NOT_SMTP_AUTH = [...CONCURRENCY_TEXTS, ...QUOTA_TEXTS, ...OTHER_TEXTS];
type Group = keyof typeof SMTP_AUTH_TEXTS;
/** Every SMTP-auth example text except the groups named, with the other playbooks' texts. */
const allBut = (...groups: Group[]): string[] => [
  ...NOT_SMTP_AUTH,
  ...(Object.keys(T) as Group[]).filter((g) => !groups.includes(g)).flatMap((g) => [...T[g]]),
];
/** The groups whose texts carry a 535 5.7.139: the bare-5.7.139 matcher accepts them too (the order decides). */
const WITH_5139: Group[] = [
  'tenantDisabled',
  'mailboxDisabled',
  'securityDefaults',
  'credentialsIncorrect',
  'basicDisabled',
  'criteriaNotMet',
  'reasonNotGiven',
  'notAuthenticatedWith5139',
];

export const SMTP_AUTH_MATCHERS: readonly Matcher[] = [
  {
    id: 'smtp-auth.tenant-disabled',
    label: '535 5.7.139 SmtpClientAuthentication is disabled for the Tenant',
    variant: 'tenant-disabled',
    patterns: [/smtp\s*client\s*authentication\s+is\s+disabled\s+for\s+the\s+tenant/i],
    examples: { match: T.tenantDisabled, noMatch: allBut('tenantDisabled') },
    likePatterns: ['%smtp%client%authentication%disabled%tenant%'],
  },
  {
    id: 'smtp-auth.mailbox-disabled',
    label: '535 5.7.139 SmtpClientAuthentication is disabled for the Mailbox',
    variant: 'mailbox-disabled',
    patterns: [/smtp\s*client\s*authentication\s+is\s+disabled\s+for\s+the\s+mailbox/i],
    examples: { match: T.mailboxDisabled, noMatch: allBut('mailboxDisabled') },
    likePatterns: ['%smtp%client%authentication%disabled%mailbox%'],
  },
  {
    id: 'smtp-auth.security-defaults',
    label: "535 5.7.139 user is locked by your organization's security defaults policy",
    variant: 'security-defaults',
    patterns: [/locked\s+by\s+your\s+organi[sz]ation\S{0,6}\s+security\s+defaults/i, /security\s+defaults\s+policy/i],
    examples: { match: T.securityDefaults, noMatch: allBut('securityDefaults') },
    likePatterns: ['%security%defaults%'],
  },
  {
    id: 'smtp-auth.credentials-incorrect',
    label: '535 5.7.139 the user credentials were incorrect',
    variant: 'credentials-incorrect',
    patterns: [/user\s+credentials\s+were\s+incorrect/i],
    examples: { match: T.credentialsIncorrect, noMatch: allBut('credentialsIncorrect') },
    likePatterns: ['%credentials%incorrect%'],
  },
  {
    id: 'smtp-auth.basic-disabled',
    label: '535 5.7.139 basic authentication is disabled',
    variant: 'basic-disabled',
    patterns: [/basic\s+auth(?:entication)?\s+is\s+disabled/i],
    examples: { match: T.basicDisabled, noMatch: allBut('basicDisabled') },
    likePatterns: ['%basic%auth%disabled%'],
  },
  {
    id: 'smtp-auth.criteria-not-met',
    label: '535 5.7.139 the request did not meet the criteria to be authenticated successfully',
    variant: 'criteria-not-met',
    patterns: [/did\s+not\s+meet\s+the\s+criteria\s+to\s+be\s+authenticated/i],
    examples: { match: T.criteriaNotMet, noMatch: allBut('criteriaNotMet') },
    likePatterns: ['%did%not%meet%the%criteria%'],
  },
  {
    id: 'smtp-auth.reason-not-given',
    label: '535 5.7.139 Authentication unsuccessful (no reason given)',
    variant: 'reason-not-given',
    patterns: [/(?<![\d.])(?:5\d\d[\s:-]+5\.7\.139(?![\d.]*\d)|5\.7\.139\s+authentication\s+unsuccessful)/i],
    examples: { match: [...T.reasonNotGiven, ...T.notAuthenticatedWith5139], noMatch: allBut(...WITH_5139) },
    likePatterns: ['%5.7.139%'],
  },
  {
    id: 'smtp-auth.basic-retired',
    label: '550 5.7.30 Basic authentication is not supported for Client Submission',
    variant: 'basic-retired',
    patterns: [/basic\s+auth(?:entication)?\s+is\s+not\s+supported\s+for\s+client\s+submission/i, /(?<![\d.])5\d\d[\s:-]+5\.7\.30(?![\d.]*\d)/i],
    examples: { match: T.basicRetired, noMatch: allBut('basicRetired') },
    likePatterns: ['%basic%auth%not%supported%', '%5.7.30%'],
  },
  {
    id: 'smtp-auth.bad-credentials',
    label: '535 5.7.3 Authentication unsuccessful',
    variant: 'bad-credentials',
    patterns: [/(?<![\d.])535[\s:-]+5\.7\.3(?![\d.]*\d)/i, /(?<![\d.])5\.7\.3(?![\d.]*\d)\s+authentication\s+unsuccessful/i],
    examples: { match: T.badCredentials, noMatch: allBut('badCredentials') },
    likePatterns: ['%5.7.3%'],
  },
  {
    id: 'smtp-auth.not-authenticated',
    label: '530 5.7.57 Client not authenticated to send mail',
    variant: 'not-authenticated',
    patterns: [/(?<![\d.])530[\s:-]+5\.7\.57(?![\d.]*\d)/i, /client\s+(?:was\s+)?not\s+authenticated/i],
    examples: { match: [...T.notAuthenticated, ...T.notAuthenticatedWith5139], noMatch: allBut('notAuthenticated', 'notAuthenticatedWith5139') },
    likePatterns: ['%5.7.57%', '%not%authenticated%'],
  },
];
