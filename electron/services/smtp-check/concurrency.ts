import type { SmtpCheckRequest } from '../../../shared/smtp-check/request';
import { recogniseReply } from '../../../shared/smtp-check/outcome';
import type { SmtpConcurrencyResult, SmtpStageResult } from '../../../shared/smtp-check/result';
import { sendTestEmail } from './envelope';
import { login, openSession, type OpenedSession } from './session';
import { passed, timed } from './stages';

/**
 * The connection limit seen for real (domain.md 4e): N connections opened and signed in at once,
 * then one test email on each at the same moment. Exchange Online answers the 4th with 432 4.3.2 at
 * the end of DATA, so only a submitted message shows the limit.
 */

type Connection = SmtpConcurrencyResult['connections'][number];

function outcomeOf(index: number, stages: readonly SmtpStageResult[]): Connection {
  const stop = stages.find((s) => s.status === 'failed');
  if (!stop) return { index, status: 'sent', stage: 'message' };
  return {
    index,
    // A reply from the server is a refusal (the limit); anything else is a failure of the connection.
    status: stop.reply ? 'refused' : 'failed',
    stage: stop.stage,
    ...(stop.reply ? { reply: stop.reply } : stop.detail ? { reply: stop.detail } : {}),
    ...(stop.match ? { match: stop.match } : {}),
  };
}

export async function measureConcurrency(
  request: SmtpCheckRequest,
  addresses: readonly string[],
  signal: AbortSignal,
): Promise<{ stage: SmtpStageResult; result: SmtpConcurrencyResult }> {
  const n = request.concurrency!.connections;
  const t = performance.now();
  const sessions: OpenedSession[] = [];
  const stagesOf: SmtpStageResult[][] = [];
  try {
    // Every connection open and signed in before any email goes: all N are open at once.
    const opened = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const session = await openSession({ request, addresses, signal });
        sessions[i] = session;
        const stages = [...session.stages];
        if (session.ok && session.dialogue) stages.push(await login(session.dialogue, request.login!, session.authMechanisms));
        stagesOf[i] = stages;
        return session;
      }),
    );
    await Promise.all(
      opened.map(async (session, i) => {
        const stages = stagesOf[i]!;
        if (!session.dialogue || stages.some((s) => s.status === 'failed')) return;
        stages.push(...(await sendTestEmail(session.dialogue, request.envelope!, request.host, i + 1)));
      }),
    );
  } finally {
    await Promise.all(sessions.map((s) => s?.dialogue?.quit()));
  }
  if (signal.aborted) throw signal.reason;

  const connections = stagesOf.map((stages, i) => outcomeOf(i + 1, stages));
  const accepted = connections.filter((c) => c.status === 'sent').length;
  const result: SmtpConcurrencyResult = { requested: n, accepted, connections };
  if (accepted === n) {
    return { stage: passed('concurrency', t, `All ${n} connections were open at once and each test email was accepted: no limit at ${n}.`), result };
  }
  const notSent = connections.filter((c) => c.status !== 'sent');
  const firstRefused = notSent.find((c) => c.status === 'refused') ?? notSent[0]!;
  const match = firstRefused.reply ? recogniseReply(firstRefused.reply) : undefined;
  const which = notSent.map((c) => c.index).join(', ');
  return {
    stage: {
      ...timed(
        'concurrency',
        'failed',
        t,
        performance.now(),
        `${accepted} of ${n} connections open at once could send; connection${notSent.length === 1 ? '' : 's'} ${which} ${notSent.length === 1 ? 'was' : 'were'} refused: ${(firstRefused.reply ?? '').split('\n')[0]}`,
      ),
      ...(firstRefused.reply ? { reply: firstRefused.reply } : {}),
      ...(match ? { match } : {}),
    },
    result,
  };
}
