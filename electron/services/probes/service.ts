import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { AuditEntry } from '../../../shared/probes/types';
import type { ServiceDeps } from '../context';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME, openDemoConnection, resetDemoDatabase } from '../demo/connect';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbConnection } from '../db/types';
import { threadsUpdate, writeThreads } from './apply-threads';
import { createAuditLog } from './audit';
import { probeFailure, throwIfCancelled } from './failures';
import { withMeta } from './meta';
import { readEmailQueue } from './read-email-queue';
import { readErrors } from './read-errors';
import { readServers } from './read-servers';
import { readThreads } from './read-threads';
import type { ProbeCallOptions, ProbeServiceApi } from './types';

/** What the probes need from the saved connections: a connection and a name for the audit. */
export interface ProbeProfileSource {
  connect(profileId: string, options: { purpose: 'platform' | 'log'; signal?: AbortSignal }): Promise<DbConnection>;
  /** Name of the environment, for the audit trail. */
  environmentName(profileId: string): Promise<string>;
}

export function createProbeApi(deps: ServiceDeps, source: ProbeProfileSource): ProbeServiceApi {
  const now = () => deps.now?.() ?? new Date();
  const audit = createAuditLog(deps.dataDir, (message) => deps.notices.add(message));

  /** Opens a connection, runs one probe, always closes; failures become errors a user can read. */
  async function withConnection<R>(profileId: string, purpose: 'platform' | 'log', doing: string, opts: ProbeCallOptions, work: (conn: DbConnection) => Promise<R>): Promise<R> {
    throwIfCancelled(opts.signal, doing);
    opts.progress?.('Connecting', 0);
    let conn: DbConnection;
    try {
      conn = await source.connect(profileId, { purpose, signal: opts.signal });
    } catch (error) {
      throw probeFailure(error, `connecting to read ${doing}`);
    }
    try {
      const result = await work(conn);
      opts.progress?.('Done', 1);
      return result;
    } catch (error) {
      throw probeFailure(error, doing);
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  async function write(profileId: string, expected: string | null, newValue: string, info: { actor: string; sessionId?: string; undoOf?: string }, opts: ProbeCallOptions) {
    const environment = await source.environmentName(profileId);
    const outcome = await withConnection(profileId, 'platform', `changing ${THREADS_PARAMETER}`, opts, async (conn) => ({
      engine: conn.engine,
      ...(await writeThreads(conn, expected, newValue, opts)),
    }));
    const entry: AuditEntry = {
      id: randomUUID(),
      kind: info.undoOf ? 'undo' : 'apply',
      at: now().toISOString(),
      actor: info.actor,
      profileId,
      environment,
      engine: outcome.engine,
      parameter: THREADS_PARAMETER,
      statement: outcome.statement,
      parameters: outcome.parameters,
      before: outcome.before,
      after: outcome.after,
      ...(info.sessionId ? { sessionId: info.sessionId } : {}),
      ...(info.undoOf ? { undoOf: info.undoOf } : {}),
    };
    await audit.append(entry);
    return { before: entry.before, after: entry.after, statement: entry.statement, parameters: entry.parameters, auditId: entry.id, appliedAt: entry.at };
  }

  return {
    readThreads: (profileId, opts = {}) =>
      withConnection(profileId, 'platform', THREADS_PARAMETER, opts, (conn) => withMeta(conn.engine, now, () => readThreads(conn, opts))),
    readServers: (profileId, opts = {}) =>
      withConnection(profileId, 'platform', 'the front-end servers', opts, (conn) => withMeta(conn.engine, now, () => readServers(conn, opts))),
    readErrors: (profileId, opts = {}) =>
      withConnection(profileId, 'log', 'the error log', opts, (conn) => withMeta(conn.engine, now, () => readErrors(conn, opts, now()))),
    readEmailQueue: (profileId, opts = {}) =>
      withConnection(profileId, 'platform', 'the email queue', opts, (conn) => withMeta(conn.engine, now, () => readEmailQueue(conn, opts, now()))),
    previewApplyThreads: async (profileId, { expected, newValue }) => {
      // The engine decides the dialect; opening a connection is the one sure way to know it.
      const engine = await withConnection(profileId, 'platform', 'the engine', {}, async (conn) => conn.engine);
      return threadsUpdate(engine, expected, String(newValue));
    },
    applyThreads: (profileId, request, opts = {}) =>
      write(profileId, request.expected, String(request.newValue), { actor: request.actor, sessionId: request.sessionId }, opts),
    undoApply: async (auditId, opts) => {
      if (!opts?.actor) throw new ApiError('invalid_input', 'Say who undoes the change', { field: 'actor' });
      const entries = await audit.list();
      const entry = entries.find((e) => e.id === auditId);
      if (!entry) throw new ApiError('not_found', 'That change is not in the audit trail', { field: 'auditId' });
      if (entry.kind === 'undo') throw new ApiError('conflict', 'This entry is itself an undo; apply the value you want instead');
      if (entry.undoneBy) throw new ApiError('conflict', 'This change was already undone');
      if (entry.before === null || entry.before === '') throw new ApiError('conflict', 'No previous value was recorded for this change, so it cannot be undone');
      return write(entry.profileId, entry.after, entry.before, { actor: opts.actor, undoOf: entry.id }, opts);
    },
    resetDemo: () => resetDemoDatabase(deps.dataDir, { now }),
    listAudit: () => audit.list(),
  };
}

/**
 * Adapts the profile service: its `connect` and `get` when present; until then, and for the
 * built-in demo, the embedded database directly.
 */
export function profileSourceFrom(deps: ServiceDeps, profiles: unknown): ProbeProfileSource {
  const p = profiles as {
    connect?: ProbeProfileSource['connect'];
    get?: (id: string) => unknown;
  };
  return {
    connect: (profileId, options) => {
      if (typeof p.connect === 'function') return p.connect(profileId, options);
      if (profileId === DEMO_PROFILE_ID) return openDemoConnection(deps.dataDir, { now: deps.now, onNotice: (m) => deps.notices.add(m) });
      return Promise.reject(new ApiError('not_found', 'No saved environment has that id', { field: 'profileId' }));
    },
    environmentName: async (profileId) => {
      if (typeof p.get === 'function') {
        const profile = (await Promise.resolve(p.get(profileId)).catch(() => null)) as { name?: unknown } | null;
        if (profile && typeof profile.name === 'string') return profile.name;
      }
      return profileId === DEMO_PROFILE_ID ? DEMO_PROFILE_NAME : profileId;
    },
  };
}
