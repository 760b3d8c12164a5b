import { exitCodeOf, outcomeOf, summaryOf } from '../../../shared/smtp-check/outcome';
import { stageTimeout, type SmtpCheckRequest, type TimedStage } from '../../../shared/smtp-check/request';
import {
  SMTP_CHECK_FORMAT,
  SMTP_CHECK_VERSION,
  SMTP_STAGE_LABEL,
  SMTP_STAGES,
  type SmtpCheckResult,
  type SmtpConcurrencyResult,
  type SmtpStage,
  type SmtpStageResult,
} from '../../../shared/smtp-check/result';
import type { RunSmtpCheckOptions } from '../../../shared/smtp-check';
import { measureConcurrency } from './concurrency';
import { sendTestEmail, tryEnvelope } from './envelope';
import { resolveAddresses } from './network';
import { login, openSession } from './session';
import { failed, passed, skipped } from './stages';

/**
 * The live SMTP check (domain.md 4e): name resolution, TCP connect, TLS, banner, EHLO, AUTH
 * offered, and when asked a login, an envelope or a test email, and the concurrency measure. Every
 * stage has its time-out; the signal cancels at any point. Only the host typed is contacted.
 * Never throws for a server problem: the result says which stage failed and why.
 */
export async function runSmtpCheck(request: SmtpCheckRequest, options: RunSmtpCheckOptions = {}): Promise<SmtpCheckResult> {
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const planned = plannedStages(request);
  const stages: SmtpStageResult[] = [];
  let done = 0;
  const progress = (stage: SmtpStage) => {
    options.onProgress?.({ stage, message: `${SMTP_STAGE_LABEL[stage]}…`, fraction: Math.min(done / planned.length, 0.99) });
  };
  const onStage = (stage: TimedStage) => progress(stage === 'login' ? 'login' : stage);
  const record = (...results: SmtpStageResult[]) => {
    stages.push(...results);
    done = stages.length;
  };
  const warnings: string[] = [];
  if (request.tls === 'none' && request.login)
    warnings.push('The login was sent without TLS, as the TLS mode "none" asked: the password or token crossed the network unencrypted.');
  if (request.tls === 'implicit' && /(^|\.)office365\.com$/i.test(request.host))
    warnings.push('Exchange Online does not support implicit TLS (port 465) for SMTP AUTH client submission: use port 587 with STARTTLS.');

  let addresses: string[] = [];
  let tls: SmtpCheckResult['tls'] = null;
  let extensions: string[] = [];
  let authMechanisms: string[] = [];
  let concurrency: SmtpConcurrencyResult | null = null;

  const finish = (): SmtpCheckResult => {
    if (signal.aborted) throw signal.reason;
    for (const stage of planned) {
      if (!stages.some((s) => s.stage === stage)) stages.push(skipped(stage, 'Not run: an earlier stage failed.'));
    }
    for (const stage of SMTP_STAGES) {
      if (!stages.some((s) => s.stage === stage)) stages.push(skipped(stage, notAskedWords(stage)));
    }
    const outcome = outcomeOf(stages);
    options.onProgress?.({ stage: stages[stages.length - 1]!.stage, message: 'Done', fraction: 1 });
    return {
      format: SMTP_CHECK_FORMAT,
      version: SMTP_CHECK_VERSION,
      host: request.host,
      port: request.port,
      tlsMode: request.tls,
      user: request.login?.user ?? null,
      loginMethod: request.login?.method ?? null,
      startedAt,
      finishedAt: now().toISOString(),
      outcome,
      exitCode: exitCodeOf(outcome),
      summary: summaryOf(request.host, request.port, stages),
      addresses,
      extensions,
      authMechanisms,
      tls,
      stages,
      concurrency,
      warnings,
    };
  };

  progress('dns');
  const t = performance.now();
  try {
    addresses = await resolveAddresses(request.host, stageTimeout(request, 'dns'), signal);
    record(passed('dns', t, `${request.host} resolves to ${addresses.join(', ')}.`));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const stage = failed('dns', t, error, 'Not resolved');
    const code = (error as { code?: string }).code;
    if (code && code !== 'ETIMEDOUT')
      stage.detail = `The name ${request.host} does not resolve from this computer (${code}): check the name and this computer's DNS.`;
    record(stage);
    return finish();
  }

  const session = await openSession({ request, addresses, signal, onStage });
  record(...session.stages);
  tls = session.tls;
  extensions = session.extensions;
  authMechanisms = session.authMechanisms;
  const dialogue = session.dialogue;
  if (!session.ok || !dialogue) return finish();

  try {
    if (request.login) {
      progress('login');
      const result = await login(dialogue, request.login, authMechanisms);
      record(result);
      if (result.status === 'failed') return finish();
    }
    if (request.envelope) {
      progress('envelope');
      const results = request.envelope.send ? await sendTestEmail(dialogue, request.envelope, request.host) : [await tryEnvelope(dialogue, request.envelope)];
      record(...results);
      if (results.some((r) => r.status === 'failed')) return finish();
    }
  } finally {
    await dialogue.quit();
  }
  if (signal.aborted) throw signal.reason;

  if (request.concurrency) {
    progress('concurrency');
    const measured = await measureConcurrency(request, addresses, signal);
    concurrency = measured.result;
    record(measured.stage);
  }
  return finish();
}

function plannedStages(request: SmtpCheckRequest): SmtpStage[] {
  const list: SmtpStage[] = ['dns', 'connect', 'banner', 'ehlo', 'tls', 'auth-offered'];
  if (request.tls === 'none') list.splice(list.indexOf('tls'), 1);
  if (request.login) list.push('login');
  if (request.envelope) list.push('envelope');
  if (request.envelope?.send) list.push('message');
  if (request.concurrency) list.push('concurrency');
  return list;
}

function notAskedWords(stage: SmtpStage): string {
  switch (stage) {
    case 'login':
      return 'Not asked for: no user was given.';
    case 'envelope':
      return 'Not asked for: no sender and recipient were given.';
    case 'message':
      return 'Not asked for: no test email.';
    case 'concurrency':
      return 'Not asked for: no concurrency measure.';
    default:
      return 'Not run.';
  }
}
