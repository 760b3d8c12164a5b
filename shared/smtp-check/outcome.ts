import { createPlaybookRegistry, type PlaybookRegistry } from '../playbooks';
import { SMTP_STAGE_LABEL, type SmtpOutcome, type SmtpReplyMatch, type SmtpStage, type SmtpStageResult } from './result';

/**
 * From the stages to one outcome, an exit code for the command line and a sentence. Pure, so the
 * page, the CLI and the report say the same thing about the same check.
 */

/** Exit codes of `npm run smtp-check`: 0 when every stage passed, one code per kind of failure. */
export const SMTP_EXIT_CODES: Record<SmtpOutcome, number> & { usage: number; cancelled: number } = {
  passed: 0,
  usage: 2,
  'not-reached': 3,
  tls: 4,
  'login-refused': 5,
  'send-refused': 6,
  'limit-reached': 7,
  protocol: 8,
  cancelled: 130,
};

/** What each exit code means, for `--help` and the README. */
export const SMTP_EXIT_CODE_WORDS: ReadonlyArray<[number, string]> = [
  [0, 'every stage passed'],
  [2, 'the command line was wrong (nothing was sent)'],
  [3, 'the server was not reached: name resolution, TCP connect or banner failed or timed out'],
  [4, 'TLS failed: STARTTLS not offered, handshake refused, or a certificate that does not validate for the host'],
  [5, 'the login was refused, or the server offers no usable AUTH mechanism'],
  [6, 'MAIL FROM, RCPT TO or the test email was refused'],
  [7, 'the concurrency measure saw connections refused (the limit reached)'],
  [8, 'the server broke the SMTP dialogue (EHLO refused, a reply that never ends)'],
  [130, 'cancelled'],
];

const OUTCOME_OF_STAGE: Record<SmtpStage, SmtpOutcome> = {
  dns: 'not-reached',
  connect: 'not-reached',
  banner: 'not-reached',
  tls: 'tls',
  ehlo: 'protocol',
  'auth-offered': 'login-refused',
  login: 'login-refused',
  envelope: 'send-refused',
  message: 'send-refused',
  concurrency: 'limit-reached',
};

/** The outcome is the first failed stage's kind; passed when none failed. */
export function outcomeOf(stages: readonly SmtpStageResult[]): SmtpOutcome {
  const failed = stages.find((s) => s.status === 'failed');
  return failed ? OUTCOME_OF_STAGE[failed.stage] : 'passed';
}

export function exitCodeOf(outcome: SmtpOutcome): number {
  return SMTP_EXIT_CODES[outcome];
}

/** "Every stage passed", or "Login failed: 535 5.7.139 … (SMTP authentication refused, form tenant-disabled)". */
export function summaryOf(host: string, port: number, stages: readonly SmtpStageResult[]): string {
  const failed = stages.find((s) => s.status === 'failed');
  const ran = stages.filter((s) => s.status !== 'skipped').length;
  if (!failed) {
    const warnings = stages.filter((s) => s.status === 'warning').length;
    return `${host}:${port}: every stage passed (${ran} stage${ran === 1 ? '' : 's'})${warnings ? `, ${warnings} with a warning` : ''}.`;
  }
  const match = failed.match ? ` This reply is the playbook “${failed.match.playbookTitle}”${failed.match.form ? ` (form ${failed.match.form})` : ''}.` : '';
  return `${host}:${port}: ${SMTP_STAGE_LABEL[failed.stage]} failed. ${failed.detail}${match}`;
}

let registry: PlaybookRegistry | undefined;

/** Which playbook (and form) a refused reply is, through the playbooks' own matchers; undefined when none. */
export function recogniseReply(reply: string | undefined, playbooks: PlaybookRegistry = (registry ??= createPlaybookRegistry())): SmtpReplyMatch | undefined {
  if (!reply?.trim()) return undefined;
  // The reply's lines as one: a multi-line reply is one answer, and the matchers read it whole.
  const best = playbooks.recogniseText(reply.replace(/\r?\n/g, ' ')).results[0];
  if (!best) return undefined;
  return { playbookId: best.id, playbookTitle: best.title, form: Object.keys(best.variants)[0] ?? null };
}
