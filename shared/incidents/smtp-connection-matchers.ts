import { CONCURRENCY_TEXTS, NO_PLAYBOOK_TEXTS, QUOTA_TEXTS, SEND_AS_ALL, SMTP_AUTH_TEXTS, SMTP_CONNECTION_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises the platform failing to talk to the SMTP server, or not securely (domain.md 4e), one
 * matcher per form: Exchange Online's answers (421 4.7.66 TLS 1.0/1.1, 451 5.7.3 STARTTLS required,
 * 421 4.4.2 SocketError, 504 5.7.4 AUTH PLAIN refused) and .NET's own words before any answer (an
 * invalid certificate, the transport stream closed during the TLS handshake, no connection, a
 * time-out). The .NET words also come from REST and SOAP calls, so they count only with an email or
 * SMTP word earlier on the line ("Error sending email", "Failure sending mail", SmtpException).
 *
 * Not these: 535 5.7.3 (credentials, the SMTP authentication playbook), 530 5.7.57, 421 4.3.2, 421 4.7.0.
 */

export type SmtpConnectionVariant =
  'tls-legacy' | 'starttls-required' | 'socket-error' | 'auth-mechanism' | 'certificate' | 'transport-closed' | 'unreachable' | 'timeout';

const T = SMTP_CONNECTION_TEXTS;
type Group = keyof typeof SMTP_CONNECTION_TEXTS;
const NOT_CONNECTION = [...CONCURRENCY_TEXTS, ...Object.values(SMTP_AUTH_TEXTS).flat(), ...QUOTA_TEXTS, ...SEND_AS_ALL, ...NO_PLAYBOOK_TEXTS];
const allBut = (group: Group): string[] => [...NOT_CONNECTION, ...(Object.keys(T) as Group[]).filter((g) => g !== group).flatMap((g) => [...T[g]])];

/** The words after an email or SMTP word on the same line. */
const inEmail = (words: string) => new RegExp(`(?:error\\s+sending\\s+email|failure\\s+sending\\s+mail|smtp)[^\\n]*?${words}`, 'i');

export const SMTP_CONNECTION_MATCHERS: readonly Matcher[] = [
  {
    id: 'smtp-connection.tls-legacy',
    label: '421 4.7.66 TLS 1.0 and 1.1 are not supported',
    variant: 'tls-legacy',
    patterns: [/tls\s*1\.0\s+and\s+1\.1\s+are\s+not\s+supported/i, /(?<![\d.])421[\s:-]+4\.7\.66(?![\d.]*\d)/i],
    examples: { match: T.tlsLegacy, noMatch: allBut('tlsLegacy') },
    likePatterns: ['%tls%1.0%1.1%not%supported%', '%4.7.66%'],
  },
  {
    id: 'smtp-connection.starttls-required',
    label: '451 5.7.3 STARTTLS is required to send mail',
    variant: 'starttls-required',
    patterns: [/starttls\s+is\s+required/i, /(?<![\d.])451[\s:-]+5\.7\.3(?![\d.]*\d)/i],
    examples: { match: T.starttlsRequired, noMatch: allBut('starttlsRequired') },
    likePatterns: ['%starttls%required%', '%451%5.7.3%'],
  },
  {
    id: 'smtp-connection.socket-error',
    label: '421 4.4.2 Connection dropped due to SocketError',
    variant: 'socket-error',
    patterns: [/connection\s+dropped\s+due\s+to\s+socket\s*error/i, /(?<![\d.])421[\s:-]+4\.4\.2(?![\d.]*\d)/i],
    examples: { match: T.socketError, noMatch: allBut('socketError') },
    likePatterns: ['%connection%dropped%socket%error%', '%4.4.2%'],
  },
  {
    id: 'smtp-connection.auth-mechanism',
    label: '504 5.7.4 Unrecognized authentication type',
    variant: 'auth-mechanism',
    patterns: [/unrecogni[sz]ed\s+authentication\s+type/i, /(?<![\d.])504[\s:-]+5\.7\.4(?![\d.]*\d)/i],
    examples: { match: T.authMechanism, noMatch: allBut('authMechanism') },
    likePatterns: ['%unrecogni%authentication%type%', '%5.7.4%'],
  },
  {
    id: 'smtp-connection.certificate',
    label: 'The remote certificate is invalid according to the validation procedure',
    variant: 'certificate',
    patterns: [inEmail('remote\\s+certificate\\s+is\\s+invalid'), inEmail('RemoteCertificateNameMismatch')],
    examples: { match: T.certificate, noMatch: allBut('certificate') },
    likePatterns: ['%remote%certificate%invalid%', '%remotecertificatenamemismatch%'],
  },
  {
    id: 'smtp-connection.transport-closed',
    label: 'Authentication failed because the remote party has closed the transport stream',
    variant: 'transport-closed',
    patterns: [inEmail('remote\\s+party\\s+has\\s+closed\\s+the\\s+transport\\s+stream')],
    examples: { match: T.transportClosed, noMatch: allBut('transportClosed') },
    likePatterns: ['%closed%the%transport%stream%'],
  },
  {
    id: 'smtp-connection.unreachable',
    label: 'Unable to connect to the remote server (no connection to the SMTP server)',
    variant: 'unreachable',
    patterns: [inEmail('(?:unable\\s+to\\s+connect\\s+to\\s+the\\s+remote\\s+server|actively\\s+refused|no\\s+such\\s+host\\s+is\\s+known)')],
    examples: { match: T.unreachable, noMatch: allBut('unreachable') },
    likePatterns: ['%unable%to%connect%', '%actively%refused%', '%no%such%host%'],
  },
  {
    id: 'smtp-connection.timeout',
    label: 'The operation has timed out (sending email)',
    variant: 'timeout',
    patterns: [inEmail('timed\\s+out')],
    examples: { match: T.timeout, noMatch: allBut('timeout') },
    likePatterns: ['%timed%out%'],
  },
];
