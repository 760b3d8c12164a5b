import { SMTP_EXIT_CODE_WORDS } from '../../shared/smtp-check/outcome';
import { SMTP_STAGE_LABEL, type SmtpCheckResult } from '../../shared/smtp-check/result';

/** The check as text for a terminal: one line per stage, the reply and the playbook under a failed one. */

const MARK = { passed: '[ok]  ', failed: '[FAIL]', warning: '[warn]', skipped: '[skip]' } as const;
const count = new Intl.NumberFormat('en');

export function formatSmtpCheckText(result: SmtpCheckResult): string {
  const out: string[] = [];
  const mode = { starttls: 'STARTTLS', implicit: 'implicit TLS', none: 'no TLS' }[result.tlsMode];
  out.push(
    `SMTP check of ${result.host}:${result.port} (${mode})${result.user ? ` as ${result.user}` : ''}, ${result.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`,
  );
  const width = Math.max(...result.stages.map((s) => SMTP_STAGE_LABEL[s.stage].length));
  for (const s of result.stages) {
    const ms = s.ms === null ? '' : `${count.format(s.ms)} ms`;
    out.push(`  ${MARK[s.status]} ${SMTP_STAGE_LABEL[s.stage].padEnd(width)} ${ms.padStart(9)}  ${s.detail}`);
    if (s.status === 'failed' && s.reply) out.push(`         reply: ${s.reply.split('\n').join(' | ')}`);
    if (s.match) out.push(`         playbook: ${s.match.playbookTitle}${s.match.form ? ` (form ${s.match.form})` : ''}`);
  }
  if (result.tls?.certificate) {
    const c = result.tls.certificate;
    out.push('TLS:');
    out.push(`  ${result.tls.protocol ?? '?'}, ${result.tls.cipher ?? '?'}`);
    out.push(`  certificate: ${c.subject}`);
    out.push(`  names: ${c.subjectAltNames.join(', ') || '(none)'}`);
    out.push(`  issued by: ${[c.issuer, ...c.issuerChain.filter((x) => x !== c.issuer)].join(' <- ')}`);
    out.push(`  valid: ${c.validFrom} to ${c.validTo}`);
    out.push(`  trusted: ${result.tls.trusted ? 'yes' : 'no'}; valid for ${result.host}: ${result.tls.validForHost ? 'yes' : 'no'}`);
  }
  if (result.concurrency) {
    out.push(`Concurrent connections: ${result.concurrency.accepted} of ${result.concurrency.requested} sent`);
    for (const c of result.concurrency.connections) out.push(`  #${c.index} ${c.status}${c.reply ? `: ${c.reply.split('\n')[0]}` : ''}`);
  }
  for (const w of result.warnings) out.push(`Warning: ${w}`);
  out.push(`Result: ${result.summary}`);
  const words = SMTP_EXIT_CODE_WORDS.find(([code]) => code === result.exitCode)?.[1];
  out.push(`Exit code ${result.exitCode}${words ? `: ${words}` : ''}.`);
  return `${out.join('\n')}\n`;
}
