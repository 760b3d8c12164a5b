import type { SmtpCheckRequest } from '../../../shared/smtp-check/request';
import type { SmtpStageResult } from '../../../shared/smtp-check/result';
import type { SmtpDialogue } from './dialogue';
import { testMessage } from './message';
import { failed, passed, timed } from './stages';
import { recogniseReply } from '../../../shared/smtp-check/outcome';

type Envelope = NonNullable<SmtpCheckRequest['envelope']>;

/** MAIL FROM and RCPT TO, then RSET: whether the server would take a message, nothing delivered. */
export async function tryEnvelope(dialogue: SmtpDialogue, envelope: Envelope): Promise<SmtpStageResult> {
  const t = performance.now();
  try {
    const replies = await dialogue.commands('envelope', [`MAIL FROM:<${envelope.from}>`, `RCPT TO:<${envelope.to}>`, 'RSET']);
    const refused = replies.find((r) => !r.ok);
    if (refused) {
      const match = recogniseReply(refused.reply);
      const what = refused.command.startsWith('MAIL') ? `The server refused the sender ${envelope.from}` : `The server refused the recipient ${envelope.to}`;
      return {
        ...timed('envelope', 'failed', t, performance.now(), `${what}: ${refused.reply.split('\n')[0]}`),
        command: refused.command,
        reply: refused.reply,
        ...(match ? { match } : {}),
      };
    }
    const rcpt = replies[1]?.reply;
    return passed('envelope', t, `MAIL FROM <${envelope.from}> and RCPT TO <${envelope.to}> accepted; RSET, so nothing was sent.`, {
      command: `MAIL FROM:<${envelope.from}> / RCPT TO:<${envelope.to}>`,
      ...(rcpt ? { reply: rcpt } : {}),
    });
  } catch (error) {
    return failed('envelope', t, error, 'MAIL FROM / RCPT TO failed');
  }
}

/**
 * A real test email. Exchange Online answers 432 (the connection limit) only here, at the end of
 * DATA (domain.md 4e), so this is the stage that can see it.
 */
export async function sendTestEmail(dialogue: SmtpDialogue, envelope: Envelope, host: string, index?: number): Promise<SmtpStageResult[]> {
  const message = await testMessage(envelope.from, envelope.to, host, index);
  const t = performance.now();
  const before = dialogue.lines.length;
  const dataAt = () => dialogue.lines.slice(before).find((l) => l.dir === 'client' && /^DATA\b/i.test(l.text))?.at;
  const command = `MAIL FROM:<${envelope.from}> / RCPT TO:<${envelope.to}>`;
  try {
    const info = await dialogue.send({ from: envelope.from, to: [envelope.to] }, message);
    const data = dataAt() ?? t;
    return [
      timed('envelope', 'passed', t, data, `MAIL FROM <${envelope.from}> and RCPT TO <${envelope.to}> accepted.`, { command }),
      timed('message', 'passed', data, performance.now(), `The test email was accepted for ${envelope.to}.`, { command: 'DATA', reply: info.response }),
    ];
  } catch (error) {
    const data = dataAt();
    const code = (error as { code?: string }).code;
    if (data === undefined || code === 'EENVELOPE') return [failed('envelope', t, error, 'The envelope was refused')];
    return [
      timed('envelope', 'passed', t, data, `MAIL FROM <${envelope.from}> and RCPT TO <${envelope.to}> accepted.`, { command }),
      { ...failed('message', data, error, 'The test email was refused'), command: 'DATA' },
    ];
  }
}
