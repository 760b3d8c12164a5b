import { recogniseReply } from '../../../shared/smtp-check/outcome';
import type { SmtpStage, SmtpStageResult } from '../../../shared/smtp-check/result';
import { StageTimeoutError, type SmtpError } from './dialogue';

/** Helpers that turn what happened into stage results, shared by the check and its concurrency measure. */

const ms = (from: number, to: number) => Math.max(0, Math.round(to - from));

export function passed(stage: SmtpStage, from: number, detail: string, extra: Partial<SmtpStageResult> = {}): SmtpStageResult {
  return { stage, status: 'passed', ms: ms(from, performance.now()), detail, ...extra };
}

export function timed(
  stage: SmtpStage,
  status: SmtpStageResult['status'],
  from: number,
  to: number,
  detail: string,
  extra: Partial<SmtpStageResult> = {},
): SmtpStageResult {
  return { stage, status, ms: ms(from, to), detail, ...extra };
}

export function skipped(stage: SmtpStage, detail: string): SmtpStageResult {
  return { stage, status: 'skipped', ms: null, detail };
}

/** The error's words without the reply Nodemailer appends (the reply has its own column). */
function errorWords(error: SmtpError): string {
  const message = error.message ?? String(error);
  return error.response ? message.replace(`: ${error.response}`, '') : message;
}

/**
 * A failed stage: the server's reply when there is one (recognised by the playbooks' matchers), a
 * time-out in words, or the client library's error.
 */
export function failed(stage: SmtpStage, from: number, error: unknown, what: string): SmtpStageResult {
  const e = (error ?? {}) as SmtpError;
  const reply = typeof e.response === 'string' && e.response ? e.response.slice(0, 8_000) : undefined;
  let detail: string;
  if (error instanceof StageTimeoutError) detail = `${what}: no answer within ${new Intl.NumberFormat('en').format(error.ms)} ms.`;
  else if (reply) detail = `${what}: the server answered ${reply.split('\n')[0]}`;
  else detail = `${what}: ${errorWords(e)}.`;
  const match = recogniseReply(reply);
  return {
    stage,
    status: 'failed',
    ms: ms(from, performance.now()),
    detail,
    ...(e.command && e.command !== 'API' && e.command !== 'CONN' ? { command: e.command } : {}),
    ...(reply ? { reply } : {}),
    ...(e.code ? { errorCode: String(e.code).slice(0, 40) } : {}),
    ...(match ? { match } : {}),
  };
}

/** "ECONNREFUSED" and friends in words: what the engineer checks next. */
export function networkWords(error: unknown, host: string, port: number): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name ${host} does not resolve from this computer (${e.code}): check the name and this computer's DNS`;
    case 'ECONNREFUSED':
      return `${host} refused the connection on port ${port} (ECONNREFUSED): nothing listens there, or a firewall rejects it`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `There is no route to ${host} (${e.code}): check this computer's network and firewall`;
    case 'ECONNRESET':
      return `The connection was reset (ECONNRESET): a firewall or proxy may be cutting it`;
    default:
      return e?.message ?? String(error);
  }
}
