import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { AuditEntry, DbClock } from '../../../shared/probes/types';
import type { ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import { DEMO_PROFILE_ID, checkDemoScenario, resetDemoDatabase } from '../demo/connect';
import { simulateFixTookEffect } from '../demo/scheduler';
import type { DbConnection } from '../db/types';
import { checkNewValue, commitParameter, parameterUpdate, readParameterBack, WriteFailure, type CommitOutcome } from './apply-parameter';
import { auditState, createAuditLog, type AuditState } from './audit';
import { probeFailure, throwIfCancelled } from './failures';
import { readClock } from './db-time';
import { withMeta } from './meta';
import { readOnly } from './read-only';
import { readEmailQueue, readEmailsSent } from './read-email-queue';
import { readErrors } from './read-errors';
import { parameterName, readParameter } from './read-parameter';
import { readRecipients, windowHours } from './read-recipients';
import { readServers } from './read-servers';
import type { ApplyParameterRequest, PreviewParameterRequest, ProbeCallOptions, ProbeServiceApi } from './types';

/** What the probes need from the saved connections: a connection and a name for the audit. */
export interface ProbeProfileSource {
  connect(profileId: string, options: { purpose: 'platform' | 'log'; signal?: AbortSignal }): Promise<DbConnection>;
  /** Name of the environment, for the audit trail. */
  environmentName(profileId: string): Promise<string>;
  /** The environment's time zone (an IANA name, "fixed-offset" or empty): the clock converts by it (domain.md 4d). */
  timeZone?(profileId: string): Promise<string>;
}

export function createProbeApi(deps: ServiceDeps, source: ProbeProfileSource): ProbeServiceApi {
  const now = () => deps.now?.() ?? new Date();
  const audit = createAuditLog(deps.dataDir, (message) => deps.notices.add(message));

  /** Opens a connection, runs one probe, always closes; failures become errors a user can read. */
  async function withConnection<R>(
    profileId: string,
    purpose: 'platform' | 'log',
    doing: string,
    opts: ProbeCallOptions,
    work: (conn: DbConnection) => Promise<R>,
  ): Promise<R> {
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

  /**
   * One read probe: the database clock first, then the facts, in one read-only transaction on the
   * same connection (the clock is its first statement, as Oracle's SET TRANSACTION READ ONLY
   * needs); the clock goes into the result.
   */
  function probe<R extends object>(
    profileId: string,
    purpose: 'platform' | 'log',
    doing: string,
    opts: ProbeCallOptions,
    read: (conn: DbConnection, clock: DbClock) => Promise<R>,
  ) {
    return withConnection(profileId, purpose, doing, opts, (conn) =>
      withMeta(conn.engine, now, () =>
        readOnly(conn, async (tx) => {
          opts.progress?.('Reading the database clock', 0.05);
          const zone = source.timeZone ? await source.timeZone(profileId).catch(() => null) : null;
          const clock = await readClock(tx, now, opts.signal, zone).catch((error: unknown) => {
            throw probeFailure(error, 'reading the database clock');
          });
          try {
            return { ...(await read(tx, clock)), clock };
          } catch (error) {
            throw probeFailure(error, `reading ${doing}`);
          }
        }),
      ),
    );
  }

  /** Audit ids whose write runs in this process right now: reconciliation leaves them alone. */
  const inFlight = new Set<string>();

  type Reading = { value: string | null } | { unreadable: string };

  /** What the database holds now in the parameter's global row, on a connection of its own; never throws. */
  async function readCurrent(profileId: string, parameter: string, opts: ProbeCallOptions = {}): Promise<Reading> {
    let conn: DbConnection;
    try {
      conn = await source.connect(profileId, { purpose: 'platform', signal: opts.signal });
    } catch (error) {
      return { unreadable: probeFailure(error, `connecting to read ${parameter}`).message };
    }
    try {
      return { value: await readParameterBack(conn, parameter, opts) };
    } catch (error) {
      return { unreadable: probeFailure(error, `reading ${parameter}`).message };
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  /**
   * Decides a pending entry from what the database holds: the new value means the change was made
   * (done), the previous value means it was not (failed); anything else, or no answer, keeps it
   * pending with the reason.
   */
  async function settle(entry: AuditEntry, reading: Reading, how: string): Promise<AuditState> {
    const intended = entry.after;
    if ('unreadable' in reading) {
      await audit.stillPending(entry.id, `${how}, but the database could not be read: ${reading.unreadable} The outcome is not known yet.`);
      return 'pending';
    }
    if (reading.value === intended) {
      await audit.complete(entry.id, { after: intended, at: entry.at, note: `${how}: the database holds the new value ${intended}, so the change was made.` });
      return 'done';
    }
    if (reading.value === entry.before) {
      await audit.fail(entry.id, `${how}: the database still holds the previous value ${entry.before ?? 'empty'}, so the change was not made.`);
      return 'failed';
    }
    await audit.stillPending(
      entry.id,
      `${how}: the database holds ${reading.value ?? 'no global row'}, neither the previous value ${entry.before ?? 'empty'} nor the new value ${intended}. Check ${entry.parameter} in Factory Configuration.`,
    );
    return 'pending';
  }

  let reconciling: Promise<{ done: number; failed: number; pending: number }> | null = null;

  /** Settles every pending entry left by an earlier run (a crash between the commit and the audit). */
  function reconcileAudit() {
    reconciling ??= (async () => {
      const counts = { done: 0, failed: 0, pending: 0 };
      try {
        for (const entry of await audit.pending()) {
          if (inFlight.has(entry.id)) continue;
          const state = await settle(entry, await readCurrent(entry.profileId, entry.parameter), 'Reconciled from the database');
          counts[state] += 1;
          if (state === 'pending') {
            deps.notices.add(
              `A change of ${entry.parameter} on ${entry.environment} started at ${entry.at} has no known outcome: it was not recorded as finished and the database could not be read to find out. Check the value in Factory Configuration; the audit entry stays pending until it can be read.`,
            );
          }
        }
      } finally {
        reconciling = null;
      }
      return counts;
    })();
    return reconciling;
  }

  /**
   * The one write path (Apply and Undo). Audit first: the entry is written pending before the
   * transaction and completed with the value read back after the commit, or marked failed with the
   * reason, so no change can exist without a record.
   */
  async function write(
    profileId: string,
    parameter: string,
    expected: string | null,
    newValue: string,
    info: { actor: string; sessionId?: string; undoOf?: string },
    opts: ProbeCallOptions,
  ) {
    const environment = await source.environmentName(profileId);
    const doing = `changing ${parameter}`;
    throwIfCancelled(opts.signal, doing);
    opts.progress?.('Connecting', 0);
    let conn: DbConnection;
    try {
      conn = await source.connect(profileId, { purpose: 'platform', signal: opts.signal });
    } catch (error) {
      throw probeFailure(error, `connecting before ${doing}`);
    }
    try {
      // Refused without the database (no global row to change): nothing is attempted, nothing recorded.
      const { statement, parameters } = parameterUpdate(conn.engine, parameter, expected, newValue);
      const pending: AuditEntry = {
        id: randomUUID(),
        kind: info.undoOf ? 'undo' : 'apply',
        at: now().toISOString(),
        actor: info.actor,
        profileId,
        environment,
        engine: conn.engine,
        parameter,
        statement,
        parameters,
        before: expected,
        after: newValue,
        ...(info.sessionId ? { sessionId: info.sessionId } : {}),
        ...(info.undoOf ? { undoOf: info.undoOf } : {}),
      };
      await audit.begin(pending);
      inFlight.add(pending.id);
      try {
        let committed: CommitOutcome;
        try {
          committed = await commitParameter(conn, parameter, expected, newValue, opts);
        } catch (error) {
          const failure = error instanceof WriteFailure ? error : new WriteFailure('refused', error);
          const reason = probeFailure(failure.cause, doing);
          if (failure.stage === 'refused') {
            await audit.fail(pending.id, reason.message);
            throw reason;
          }
          // The commit itself failed: the change may or may not be in the database. Ask it.
          const state = await settle(pending, await readCurrent(profileId, parameter), `Checked after the commit reported an error (${reason.message})`);
          if (state === 'done') return result(pending, newValue, pending.at);
          if (state === 'failed') throw reason;
          throw new ApiError(
            reason.code,
            `The database did not confirm the commit while ${doing}. It is not known whether the change was made: the audit entry stays pending and is checked again when the app starts. Check ${parameter} in Factory Configuration.`,
            { details: reason.details ?? reason.message },
          );
        }
        opts.progress?.('Reading the value back', 0.8);
        let after: string | null;
        try {
          after = await readParameterBack(conn, parameter, opts);
        } catch (error) {
          after = null;
          await audit.stillPending(pending.id, `Committed, but the value could not be read back: ${probeFailure(error, `reading ${parameter} back`).message}`);
        }
        if (after === null) {
          throw new ApiError(
            'internal',
            `The change was committed but ${parameter} could not be read back; check it in Factory Configuration. The audit entry stays pending until the value is read.`,
          );
        }
        const at = now().toISOString();
        try {
          await audit.complete(pending.id, { after, at });
        } catch (error) {
          throw new ApiError(
            'internal',
            `${parameter} was changed to ${after}, but its audit entry could not be completed (${(error as Error).message}). It stays pending and is checked again when the app starts.`,
          );
        }
        opts.progress?.('Done', 1);
        return result({ ...pending, before: committed.before }, after, at);
      } finally {
        inFlight.delete(pending.id);
      }
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  function result(entry: AuditEntry, after: string, at: string) {
    return {
      before: entry.before ?? '',
      after,
      statement: entry.statement,
      parameters: entry.parameters,
      auditId: entry.id,
      appliedAt: at,
      parameter: entry.parameter,
    };
  }

  /** Apply on any parameter's global row: the value checked against what it may take, an actor named. */
  async function applyParameter(profileId: string, request: ApplyParameterRequest, opts: ProbeCallOptions = {}) {
    // The session checks these too; the one write path checks them again rather than trust a caller.
    const parameter = parameterName(request.parameter, 'parameter');
    const n = checkNewValue(parameter, request.newValue, { min: request.min, max: request.max });
    if (!request.actor?.trim()) throw new ApiError('invalid_input', 'Say who applies the change', { field: 'actor' });
    return write(profileId, parameter, request.expected, String(n), { actor: request.actor, sessionId: request.sessionId }, opts);
  }

  /** The engine decides the dialect; opening a connection is the one sure way to know it. */
  async function previewApplyParameter(profileId: string, request: PreviewParameterRequest) {
    const parameter = parameterName(request.parameter, 'parameter');
    if (request.min !== undefined || request.max !== undefined)
      checkNewValue(parameter, request.newValue, { min: request.min ?? Number.NaN, max: request.max ?? Number.NaN });
    const engine = await withConnection(profileId, 'platform', 'the engine', {}, async (conn) => conn.engine);
    return parameterUpdate(engine, parameter, request.expected, String(request.newValue));
  }

  // Only the embedded demo simulates a Scheduler; a real platform database is never written to here.
  async function fixTookEffect(profileId: string, at: string): Promise<void> {
    if (profileId !== DEMO_PROFILE_ID) return;
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) throw new ApiError('invalid_input', 'The restart time is not a valid date', { field: 'at' });
    await withConnection(profileId, 'platform', 'the demo Scheduler', {}, async (conn) => {
      if (conn.engine === 'demo') await simulateFixTookEffect(conn, when, now());
    });
  }

  return {
    readParameter: async (profileId, opts) => {
      const name = parameterName(opts?.name);
      return probe(profileId, 'platform', name, opts, (conn) => readParameter(conn, name, opts));
    },
    readRecipients: async (profileId, opts = {}) => {
      windowHours(opts.hours); // refused before connecting
      return probe(profileId, 'platform', 'the recipients of the emails sent', opts, (conn, clock) => readRecipients(conn, opts, now(), clock));
    },
    readServers: (profileId, opts = {}) => probe(profileId, 'platform', 'the front-end servers', opts, (conn) => readServers(conn, opts)),
    readErrors: (profileId, opts) => probe(profileId, 'log', 'the error log', opts, (conn, clock) => readErrors(conn, opts, now(), clock)),
    readEmailQueue: (profileId, opts = {}) => probe(profileId, 'platform', 'the email queue', opts, (conn, clock) => readEmailQueue(conn, opts, now(), clock)),
    readEmailsSent: (profileId, opts) => probe(profileId, 'platform', 'the emails sent', opts, (conn, clock) => readEmailsSent(conn, opts, clock)),
    fixTookEffect,
    previewApplyParameter,
    applyParameter,
    undoApply: async (auditId, opts) => {
      if (!opts?.actor) throw new ApiError('invalid_input', 'Say who undoes the change', { field: 'actor' });
      await reconcileAudit();
      const entries = await audit.list();
      const entry = entries.find((e) => e.id === auditId);
      if (!entry) throw new ApiError('not_found', 'That change is not in the audit trail', { field: 'auditId' });
      if (entry.kind === 'undo') throw new ApiError('conflict', 'This entry is itself an undo; apply the value you want instead');
      if (auditState(entry) === 'failed') throw new ApiError('conflict', 'This change was not made, so there is nothing to undo');
      if (auditState(entry) === 'pending')
        throw new ApiError(
          'conflict',
          `It is not known yet whether this change was made (${entry.note ?? 'its outcome is pending'}), so it cannot be undone; check ${entry.parameter} in Factory Configuration.`,
        );
      if (entry.undoneBy) throw new ApiError('conflict', 'This change was already undone');
      if (entries.some((e) => e.undoOf === entry.id && auditState(e) === 'pending')) {
        throw new ApiError('conflict', 'An undo of this change has no known outcome yet; check the value in Factory Configuration before undoing again');
      }
      if (entry.before === null || entry.before === '')
        throw new ApiError('conflict', 'No previous value was recorded for this change, so it cannot be undone');
      // The parameter the change wrote: an undo restores that one, whatever it is.
      return write(entry.profileId, entry.parameter, entry.after, entry.before, { actor: opts.actor, undoOf: entry.id }, opts);
    },
    resetDemo: async (options = {}) => {
      const scenario = options.scenario === undefined ? undefined : checkDemoScenario(options.scenario);
      await resetDemoDatabase(deps.dataDir, {
        now,
        utcOffsetMinutes: options.utcOffsetMinutes,
        ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
        ...(scenario ? { scenario } : {}),
      });
    },
    listAudit: async () => {
      await reconcileAudit();
      return audit.list();
    },
    reconcileAudit,
  };
}

/** The saved connections as the probes use them: the profile service connects (the demo included) and names. */
export function profileSourceFrom(profiles: ProfileService): ProbeProfileSource {
  return {
    connect: (profileId, options) => profiles.connect(profileId, options),
    environmentName: async (profileId) => (await profiles.get(profileId)).name,
    timeZone: async (profileId) => (await profiles.get(profileId)).timeZone,
  };
}
