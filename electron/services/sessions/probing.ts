import { ApiError } from '../../../shared/api/errors';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import type { ErrorsProbeResult } from '../../../shared/probes/types';
import { fixEffectiveAt, fixPending } from '../../../shared/wizard/fix';
import type { Playbook, ProbeKind } from '../../../shared/wizard/playbook';
import { startupProbes } from '../../../shared/wizard/queries';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import type { SessionView } from '../../../shared/wizard/view';
import type { CallContext, HandlersFor } from '../context';
import { importResults, importTargets } from '../evidence';
import type { ProbeService } from '../probes';
import { runProbeUse } from '../probes/registry';
import type { ProfileService } from '../profiles';
import { onlineProfile, sameMailboxProfiles } from './environment';

type ProbingMethods = Pick<
  typeof sessionMethods,
  'sessions.runProbe' | 'sessions.autoProbe' | 'sessions.verify' | 'sessions.probeSender' | 'sessions.importEvidence'
>;

export interface ProbingNeeds {
  probes: ProbeService;
  profiles: ProfileService;
  now(): Date;
  /** The stored session in the current shape. */
  stored(id: string): Promise<Session>;
  /** The stored session, refused when completed. */
  openSession(id: string): Promise<Session>;
  playbookOf(session: Session): Playbook;
  act(id: string, action: SessionAction): Promise<SessionView>;
}

/** Only what happened after the fix took effect (as the playbook declares it, shared/wizard/fix.ts) tells whether it worked. */
function sinceTheFix(session: Session, playbook: Playbook): string {
  const since = fixEffectiveAt(session, playbook);
  if (!since)
    throw new ApiError(
      'invalid_input',
      `The fix has not taken effect yet: ${fixPending(session, playbook) ?? 'record it first'}. Only what happens after it counts.`,
    );
  return since;
}

/**
 * What an import adds to, or replaces: earlier imports add up unless the engineer replaces them;
 * a count read from the database is replaced only when asked, and the event log says what was dropped.
 */
function earlierImports(session: Session, playbook: Playbook, replace: boolean) {
  const previous: Partial<Record<ProbeKind, ErrorsProbeResult>> = {};
  const replaced: Partial<Record<ProbeKind, string>> = {};
  const { main, sinceFix } = importTargets(playbook);
  for (const [probe] of sinceFix ? [main, sinceFix] : [main]) {
    const kept = session.probes[probe] as ErrorsProbeResult | undefined;
    if (!kept) continue;
    const origin = session.probeOrigins?.[probe];
    const words = origin?.kind === 'imported' ? origin.label : `${playbook.probes?.[probe]?.label ?? probe}, read from the database: ${kept.count} found`;
    if (replace) replaced[probe] = words;
    else if (origin?.kind === 'imported' && kept.evidence?.occurrences) previous[probe] = kept;
    else if (origin?.kind === 'imported' && probe === main[0])
      throw new ApiError('conflict', `The earlier import is too large to add to (${words}). Choose "Replace" to count this file instead.`);
    else if (probe === main[0])
      throw new ApiError('conflict', `This session already counts the errors from the database (${words}). Choose "Replace" to count the file instead.`);
  }
  return { previous, replaced };
}

/**
 * Reading facts into a session: a probe by id, the probes a new session runs by itself, the
 * read-back probes Verify judges, another sender's environment, and the customer's export counted
 * as the error-log search would.
 */
export function probingHandlers(needs: ProbingNeeds): HandlersFor<ProbingMethods> {
  const { stored, openSession, playbookOf, act } = needs;

  /** Runs one of the playbook's probes (by its id) through the probe registry. */
  async function readProbe(session: Session, probe: ProbeKind, ctx: CallContext, days = 7): Promise<unknown> {
    const profileId = onlineProfile(session);
    const playbook = playbookOf(session);
    const use = playbook.probes?.[probe];
    if (!use) throw new ApiError('invalid_input', `This playbook has no probe "${probe}".`, { field: 'probe' });
    return runProbeUse(needs.probes, use, profileId, {
      signal: ctx.signal,
      progress: ctx.progress,
      ...(use.sinceFix ? { since: sinceTheFix(session, playbook) } : { days }),
    });
  }

  /**
   * Runs one probe and records what it read; a probe that fails (unreachable, timed out, permission
   * denied) is recorded in its step as unknown with the reason, where the engineer can type the facts
   * in. A cancel or a refusal (e.g. "tick the restarts first") is the caller's to show.
   */
  async function probeInto(id: string, probe: ProbeKind, ctx: CallContext, days?: number): Promise<SessionView> {
    try {
      const session = await openSession(id);
      const result = await readProbe(session, probe, ctx, days);
      return await act(id, { type: 'probe-result', probe, result, origin: { kind: 'database', environment: session.environment.name } });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === 'cancelled' || error.code === 'invalid_input' || error.code === 'not_found') throw error;
      return act(id, { type: 'probe-failed', probe, reason: error.message, code: error.code });
    }
  }

  return {
    'sessions.runProbe': ({ id, probe, days }, ctx) => probeInto(id, probe as ProbeKind, ctx, days),
    'sessions.autoProbe': async ({ id }, ctx) => {
      const session = await openSession(id);
      onlineProfile(session);
      const playbook = playbookOf(session);
      const probes = startupProbes(playbook);
      const done = new Map<string, number>();
      // In parallel, one progress line per probe ("<label>: <what it does>"), one cancel for all.
      await Promise.all(
        probes.map((probe) => {
          const label = playbook.probes?.[probe]?.label ?? probe;
          return probeInto(id, probe, {
            ...ctx,
            progress: (message, fraction) => {
              done.set(probe, fraction ?? 0);
              const overall = [...done.values()].reduce((a, b) => a + b, 0) / probes.length;
              ctx.progress?.(`${label}: ${message}`, overall);
            },
          });
        }),
      );
      return act(id, { type: 'advance' });
    },
    'sessions.verify': async ({ id }, ctx) => {
      const session = await openSession(id);
      const playbook = playbookOf(session);
      if (!session.offline) {
        // Verify reads what it judges: every read-back probe of the playbook, in order, then judges.
        const probes = playbook.verification.probes;
        for (const [i, probe] of probes.entries()) {
          await probeInto(id, probe, {
            ...ctx,
            progress: (message, fraction) => ctx.progress?.(`${i + 1} of ${probes.length}: ${message}`, (i + (fraction ?? 0)) / probes.length),
          });
        }
      }
      const latest = await stored(id);
      return act(id, { type: 'verify', ...(latest.verification?.watchMinutes ? { watchMinutes: latest.verification.watchMinutes } : {}) });
    },
    'sessions.probeSender': async ({ id, profileId }, ctx) => {
      const session = await openSession(id);
      const playbook = playbookOf(session);
      const candidate = (await sameMailboxProfiles(needs.profiles, session, playbook.sharedMailbox?.mailboxFact)).find((p) => p.profileId === profileId);
      if (!candidate) throw new ApiError('invalid_input', 'That environment does not send through the same mailbox as this session.', { field: 'profileId' });
      const sender = playbook.sharedMailbox?.otherSender;
      if (!sender) throw new ApiError('invalid_input', 'This playbook cannot read other senders from their environments.');
      const results: Record<string, unknown> = {};
      for (const probe of sender.probes) {
        const use = playbook.probes?.[probe];
        if (use) results[probe] = await runProbeUse(needs.probes, use, profileId, { signal: ctx.signal, progress: ctx.progress });
      }
      const { factKey, row } = sender.row(candidate.name, results);
      const current = session.facts.find((f) => f.key === factKey)?.value;
      const rows = (Array.isArray(current) ? current : []).filter(
        (r) => !(r && typeof r === 'object' && !Array.isArray(r) && String(r.name ?? '').toLowerCase() === candidate.name.toLowerCase()),
      );
      return act(id, { type: 'answer', facts: { [factKey]: [...rows, row] }, detail: `read from the saved environment ${candidate.name}` });
    },
    // The customer's export counted as the error-log search would (offline sessions too: nothing is
    // read from a database). The file is read in full first; a refused file changes nothing.
    'sessions.importEvidence': async ({ id, fileName, contentBase64, mapping, utcOffsetMinutes, replace }, ctx) => {
      const session = await openSession(id);
      const playbook = playbookOf(session);
      const { previous, replaced } = earlierImports(session, playbook, replace === true);
      const results = await importResults(session, playbook, { fileName, contentBase64, mapping, utcOffsetMinutes, previous }, ctx, needs.now);
      let view: SessionView | null = null;
      for (const { probe, result } of results) {
        const label = result.evidence?.label ?? `imported: ${fileName}`;
        const was = replaced[probe];
        view = await act(id, { type: 'probe-result', probe, result, origin: { kind: 'imported', label, ...(was ? { replaced: was } : {}) } });
      }
      return view!;
    },
  };
}
