import { CONCURRENCY_TEXTS, NO_PLAYBOOK_TEXTS, QUOTA_TEXTS, SEND_AS_TEXTS, SMTP_AUTH_TEXTS, SMTP_CONNECTION_ALL } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises Exchange Online refusing the From address (domain.md 4e), one matcher per form:
 * 5.7.60 at MAIL FROM ("Client does not have permissions to send as this sender"), 554 5.2.252
 * SendAsDenied after DATA ("X not allowed to send as Y"), and 550 5.2.252 "Sender throttled due to
 * continuous send as denied errors" once the denials go on (then every email of the mailbox fails
 * for a while, correct ones too). The 5.2.252 code alone tells the two last apart from nothing, so
 * only their words count; 5.7.60 counts beside its reply code, never inside 5.7.600.
 */

export type SendAsVariant = 'no-permission' | 'send-as-denied' | 'throttled';

const T = SEND_AS_TEXTS;
type Group = keyof typeof SEND_AS_TEXTS;
const NOT_SEND_AS = [...CONCURRENCY_TEXTS, ...Object.values(SMTP_AUTH_TEXTS).flat(), ...QUOTA_TEXTS, ...SMTP_CONNECTION_ALL, ...NO_PLAYBOOK_TEXTS];
const allBut = (group: Group): string[] => [...NOT_SEND_AS, ...(Object.keys(T) as Group[]).filter((g) => g !== group).flatMap((g) => [...T[g]])];

export const SEND_AS_MATCHERS: readonly Matcher[] = [
  {
    id: 'send-as.throttled',
    label: '550 5.2.252 Sender throttled due to continuous send as denied errors',
    variant: 'throttled',
    patterns: [/sender\s+throttled\s+due\s+to\s+continuous\s+send\s*as\s+denied/i],
    examples: { match: T.throttled, noMatch: allBut('throttled') },
    likePatterns: ['%sender%throttled%'],
  },
  {
    id: 'send-as.send-as-denied',
    label: '554 5.2.252 SendAsDenied; not allowed to send as',
    variant: 'send-as-denied',
    patterns: [/send\s*as\s*denied(?:exception)?\s*;/i, /SendAsDeniedException/i, /not\s+allowed\s+to\s+send\s+as\s/i],
    examples: { match: T.sendAsDenied, noMatch: allBut('sendAsDenied') },
    likePatterns: ['%send%as%denied%', '%not%allowed%to%send%as%'],
  },
  {
    id: 'send-as.no-permission',
    label: '5.7.60 Client does not have permissions to send as this sender',
    variant: 'no-permission',
    patterns: [/does\s+not\s+have\s+permissions?\s+to\s+send\s+as\s+this\s+sender/i, /(?<![\d.])5\d\d[\s:-]+5\.7\.60(?![\d.]*\d)/i],
    examples: { match: T.noPermission, noMatch: allBut('noPermission') },
    likePatterns: ['%permission%to%send%as%', '%5.7.60%'],
  },
];
