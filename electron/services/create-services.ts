import { promises as fs } from 'node:fs';
import type { appMethods } from '../../shared/api/methods/app';
import { ApiError } from '../../shared/api/errors';
import type { CallContext, HandlersFor, ServiceDeps } from './context';
import { createDispatcher, type ApiHandlers } from './dispatch';
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

/**
 * The composition root of the back end: builds every feature service in dependency order and
 * one dispatcher (./dispatch.ts) over all their handlers.
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

  const appHandlers: HandlersFor<typeof appMethods> = {
    'app.info': async () => ({
      name: 'Support Toolkit',
      version: deps.appVersion,
      dataDir: deps.dataDir,
      hostKind: deps.hostKind,
      notices: deps.notices.list(),
    }),
    'app.cancel': async ({ callId }) => ({ cancelled: dispatcher.cancel(callId, new ApiError('cancelled', 'Cancelled by the user')) }),
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
  const dispatcher = createDispatcher(handlers);

  async function close(): Promise<void> {
    dispatcher.cancelAll(new ApiError('cancelled', 'The app is closing'));
    await deps.pdfPrinter?.close?.();
  }

  return { deps, handlers, dispatch: dispatcher.dispatch, close, settings, profiles, probes, whatif, sessions, reports };
}
export type Services = Awaited<ReturnType<typeof createServices>>;
