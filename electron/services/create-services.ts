import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import type { appMethods } from '../../shared/api/methods/app';
import { ApiError, zodToApiError, type Envelope } from '../../shared/api/errors';
import type { ApiEvent } from '../../shared/api/events';
import type { CallContext, HandlersFor, ServiceDeps } from './context';
import { DIR_MODE } from './json-file';
import { createEvidenceService } from './evidence';
import { runHousekeeping } from './housekeeping';
import { createProbeService } from './probes';
import { createAuditLog } from './probes/audit';
import { createProfileService } from './profiles';
import { createReportService } from './reports';
import { keyFileProblem } from './secrets';
import { createSessionService } from './sessions';
import { createSettingsService } from './settings';
import { createSmtpCheckService } from './smtp-check';
import { createWhatIfService } from './whatif';

export type ApiHandlers = HandlersFor<typeof contract>;

/**
 * How deeply any API input may nest. The deepest real input (a fact value, at most 8 levels, in
 * `sessions.act`) is about 12 levels down; anything deeper is refused before a schema walks it.
 */
export const MAX_INPUT_DEPTH = 32;

export interface DispatchOptions {
  callId?: string;
  /** Where progress events of this call go (IPC to the window, SSE to the browser). */
  emit?: (event: ApiEvent) => void;
  /** Aborted by the host when nobody waits for the answer any more (the page went away, the window closed). */
  signal?: AbortSignal;
}

/**
 * The composition root of the back end: builds every feature service in dependency order and
 * one dispatcher that validates input, runs the handler and returns an Envelope. Every host
 * (Electron IPC, HTTP, CLI) calls `dispatch`, so validation and error mapping live in one place.
 */
export async function createServices(deps: ServiceDeps) {
  await fs.mkdir(deps.dataDir, { recursive: true, mode: DIR_MODE });
  await runHousekeeping(deps.dataDir, (message) => deps.notices.add(message));
  // The audit trail is read and checked before the probes start: they settle entries a crash left
  // pending (which may read databases) in the background, and must find a readable file.
  await createAuditLog(deps.dataDir, (message) => deps.notices.add(message)).list();
  const settings = createSettingsService(deps);
  const profiles = createProfileService(deps);
  const probes = createProbeService(deps, { profiles });
  const whatif = createWhatIfService(deps);
  const sessions = createSessionService(deps, { profiles, probes, settings });
  const reports = createReportService(deps, { sessions, profiles, settings });
  const evidence = createEvidenceService();
  const smtpCheck = createSmtpCheckService();

  // Every store is read and validated now, so a damaged file is moved aside (and said) at start,
  // not when the page that uses it is first opened. After this the stores answer from memory.
  const startCtx: CallContext = { callId: 'start', signal: new AbortController().signal, progress: () => undefined };
  await settings.get();
  await profiles.list();
  await whatif.handlers['whatif.scenarios.list']({}, startCtx);
  await sessions.handlers['sessions.list']({}, startCtx);
  await reports.store.load();
  // The key file is only named, never moved: it is the only way to the passwords saved with it.
  const keyProblem = await keyFileProblem(deps.dataDir);
  if (keyProblem) deps.notices.add(keyProblem);

  const running = new Map<string, AbortController>();

  const appHandlers: HandlersFor<typeof appMethods> = {
    'app.info': async () => ({
      name: 'Support Toolkit',
      version: deps.appVersion,
      dataDir: deps.dataDir,
      hostKind: deps.hostKind,
      notices: deps.notices.list(),
    }),
    'app.cancel': async ({ callId }) => {
      const controller = running.get(callId);
      controller?.abort(new ApiError('cancelled', 'Cancelled by the user'));
      return { cancelled: Boolean(controller) };
    },
  };
  const handlers: ApiHandlers = {
    ...appHandlers,
    ...settings.handlers,
    ...whatif.handlers,
    ...profiles.handlers,
    ...probes.handlers,
    ...sessions.handlers,
    ...reports.handlers,
    ...evidence.handlers,
    ...smtpCheck.handlers,
  };

  async function dispatch(name: string, rawInput: unknown, options: DispatchOptions = {}): Promise<Envelope> {
    if (!isMethodName(name)) {
      return { ok: false, error: new ApiError('not_found', `Unknown API method "${name}"`).toJSON() };
    }
    const tooDeep = nestingBeyond(rawInput, MAX_INPUT_DEPTH);
    if (tooDeep) {
      return {
        ok: false,
        error: new ApiError(
          'invalid_input',
          `The request is nested more than ${MAX_INPUT_DEPTH} levels deep${tooDeep === '(root)' ? '' : ` (at ${tooDeep})`}`,
        ).toJSON(),
      };
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error).toJSON() };
    const callId = options.callId ?? randomUUID();
    const controller = new AbortController();
    running.set(callId, controller);
    const callerGone = () => controller.abort(new ApiError('cancelled', 'Cancelled: the caller went away'));
    if (options.signal?.aborted) callerGone();
    options.signal?.addEventListener('abort', callerGone, { once: true });
    const ctx: CallContext = {
      callId,
      signal: controller.signal,
      // Only long methods report progress (their callers alone subscribe to it); a short one's is dropped.
      progress: contract[name].long ? (message, fraction) => options.emit?.({ kind: 'progress', callId, message, fraction }) : () => undefined,
    };
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toApiError(error, name).toJSON() };
    } finally {
      running.delete(callId);
      options.signal?.removeEventListener('abort', callerGone);
    }
  }

  async function close(): Promise<void> {
    for (const controller of running.values()) controller.abort(new ApiError('cancelled', 'The app is closing'));
    await deps.pdfPrinter?.close?.();
  }

  return { deps, handlers, dispatch, close, settings, profiles, probes, whatif, sessions, reports };
}
export type Services = Awaited<ReturnType<typeof createServices>>;

/** Maps anything thrown to a typed error. Unexpected errors keep only their message, never a stack. */
export function toApiError(error: unknown, method: MethodName | string): ApiError {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown }).issues)) {
    return zodToApiError(error as Parameters<typeof zodToApiError>[0]);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', `Something went wrong in ${method}: ${message}`);
}

/**
 * The path where `value` first nests deeper than `max` objects or lists, or null. Iterative, so a
 * value nested thousands of levels deep is measured, never a stack overflow.
 */
export function nestingBeyond(value: unknown, max: number): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return path.split('.').slice(0, 6).join('.') || '(root)';
    for (const [key, child] of Object.entries(current)) stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
  }
  return null;
}
