import { CONCURRENCY_TEXTS, OTHER_TEXTS, QUOTA_TEXTS, SMTP_AUTH_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises Exchange Online refusing SMTP authentication (domain.md 4b; Basic auth for SMTP AUTH
 * is disabled by default from the end of December 2026), one matcher per form, since each form has
 * its own way out. Not these: 432 4.3.2 (connection limit), 554 5.2.0 (recipient quota), 451 4.7.500
 * (IP throttling), 421 4.3.2 (transient).
 *
 * The order is priority (`firstMatch`): the 5.7.139 reasons first, then 5.7.139 with no reason the
 * app knows and 5.7.30 (what Basic auth clients get once it is retired), then 5.7.3, then 5.7.57.
 * So "530 5.7.57 Client not authenticated ... Error: 535 5.7.139 Authentication unsuccessful" is
 * counted as basic-retired: the 5.7.139 answer is the more specific one.
 *
 * Status codes count only beside their reply code or their wording, never alone: "5.7.30" on its
 * own is as likely a version number.
 */

export type SmtpAuthVariant = 'tenant-disabled' | 'mailbox-disabled' | 'security-defaults' | 'basic-retired' | 'bad-credentials' | 'not-authenticated';

const T = SMTP_AUTH_TEXTS;
/** Texts of the other playbooks and of none: no SMTP-auth matcher accepts them. */
const NOT_SMTP_AUTH = [...CONCURRENCY_TEXTS, ...QUOTA_TEXTS, ...OTHER_TEXTS];

export const SMTP_AUTH_MATCHERS: readonly Matcher[] = [
  {
    id: 'smtp-auth.tenant-disabled',
    label: '535 5.7.139 SmtpClientAuthentication is disabled for the Tenant',
    variant: 'tenant-disabled',
    patterns: [/smtp\s*client\s*authentication\s+is\s+disabled\s+for\s+the\s+tenant/i],
    examples: {
      match: T.tenantDisabled,
      noMatch: [
        ...NOT_SMTP_AUTH,
        ...T.mailboxDisabled,
        ...T.securityDefaults,
        ...T.basicRetired,
        ...T.badCredentials,
        ...T.notAuthenticated,
        ...T.notAuthenticatedWith5139,
      ],
    },
    likePatterns: ['%smtp%client%authentication%disabled%tenant%'],
  },
  {
    id: 'smtp-auth.mailbox-disabled',
    label: '535 5.7.139 SmtpClientAuthentication is disabled for the Mailbox',
    variant: 'mailbox-disabled',
    patterns: [/smtp\s*client\s*authentication\s+is\s+disabled\s+for\s+the\s+mailbox/i],
    examples: {
      match: T.mailboxDisabled,
      noMatch: [
        ...NOT_SMTP_AUTH,
        ...T.tenantDisabled,
        ...T.securityDefaults,
        ...T.basicRetired,
        ...T.badCredentials,
        ...T.notAuthenticated,
        ...T.notAuthenticatedWith5139,
      ],
    },
    likePatterns: ['%smtp%client%authentication%disabled%mailbox%'],
  },
  {
    id: 'smtp-auth.security-defaults',
    label: "535 5.7.139 user is locked by your organization's security defaults policy",
    variant: 'security-defaults',
    patterns: [/locked\s+by\s+your\s+organi[sz]ation\S{0,6}\s+security\s+defaults/i, /security\s+defaults\s+policy/i],
    examples: {
      match: T.securityDefaults,
      noMatch: [
        ...NOT_SMTP_AUTH,
        ...T.tenantDisabled,
        ...T.mailboxDisabled,
        ...T.basicRetired,
        ...T.badCredentials,
        ...T.notAuthenticated,
        ...T.notAuthenticatedWith5139,
      ],
    },
    likePatterns: ['%security%defaults%'],
  },
  {
    id: 'smtp-auth.basic-retired',
    label: '550 5.7.30 Basic authentication is not supported for Client Submission (or 535 5.7.139 with no other reason)',
    variant: 'basic-retired',
    patterns: [
      /basic\s+auth(?:entication)?\s+is\s+not\s+supported\s+for\s+client\s+submission/i,
      /(?<![\d.])5\d\d[\s:-]+5\.7\.30(?![\d.]*\d)/i,
      /(?<![\d.])(?:5\d\d[\s:-]+5\.7\.139(?![\d.]*\d)|5\.7\.139\s+authentication\s+unsuccessful)/i,
    ],
    examples: {
      match: [...T.basicRetired, ...T.notAuthenticatedWith5139],
      noMatch: [...NOT_SMTP_AUTH, ...T.badCredentials, ...T.notAuthenticated],
    },
    likePatterns: ['%basic%auth%not%supported%', '%5.7.30%', '%5.7.139%'],
  },
  {
    id: 'smtp-auth.bad-credentials',
    label: '535 5.7.3 Authentication unsuccessful',
    variant: 'bad-credentials',
    patterns: [/(?<![\d.])535[\s:-]+5\.7\.3(?![\d.]*\d)/i, /(?<![\d.])5\.7\.3(?![\d.]*\d)\s+authentication\s+unsuccessful/i],
    examples: {
      match: T.badCredentials,
      noMatch: [
        ...NOT_SMTP_AUTH,
        ...T.tenantDisabled,
        ...T.mailboxDisabled,
        ...T.securityDefaults,
        ...T.basicRetired,
        ...T.notAuthenticated,
        ...T.notAuthenticatedWith5139,
      ],
    },
    likePatterns: ['%5.7.3%'],
  },
  {
    id: 'smtp-auth.not-authenticated',
    label: '530 5.7.57 Client not authenticated to send mail',
    variant: 'not-authenticated',
    patterns: [/(?<![\d.])530[\s:-]+5\.7\.57(?![\d.]*\d)/i, /client\s+(?:was\s+)?not\s+authenticated/i],
    examples: {
      match: [...T.notAuthenticated, ...T.notAuthenticatedWith5139],
      noMatch: [...NOT_SMTP_AUTH, ...T.tenantDisabled, ...T.mailboxDisabled, ...T.securityDefaults, ...T.basicRetired, ...T.badCredentials],
    },
    likePatterns: ['%5.7.57%', '%not%authenticated%'],
  },
];
