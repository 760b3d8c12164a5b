import { randomUUID } from 'node:crypto';
import type { playbookMethods } from '../../../shared/api/methods/playbooks';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import { ApiError } from '../../../shared/api/errors';
import { BUILT_IN_PLAYBOOKS, createPlaybookRegistry } from '../../../shared/playbooks';
import { contextOf } from '../../../shared/wizard/context';
import { createSession, reduceSession, WizardRuleError } from '../../../shared/wizard/engine';
import { startupProbes } from '../../../shared/wizard/queries';
import { upgradeSession } from '../../../shared/wizard/upgrade';
import { fixEffectiveAt, fixPending } from '../../../shared/wizard/fix';
import type { ErrorsProbeResult } from '../../../shared/probes/types';
import type { Playbook, ProbeKind } from '../../../shared/wizard/playbook';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import { playbookSummary, sessionSummary, sessionView, type SessionView } from '../../../shared/wizard/view';
import type { CallContext, HandlersFor, ServiceDeps } from '../context';
import { importResults, importTargets } from '../evidence';
import type { ProbeService } from '../probes';
import { runProbeUse } from '../probes/registry';
import type { ProfileService } from '../profiles';
import type { SettingsService } from '../settings';
import { environmentOf, sameMailboxProfiles, touchProfile } from './environment';
import { attachmentHandlers, attachmentImages, createAttachmentFiles } from './attachments';
import { detailsHandlers } from './details';
import { liveCheckHandlers } from './live-check';
import { otherErrorsHandlers } from './other-errors';
import { toReportInput } from './report-input';
import { createSessionStore } from './store';

/**
 * Troubleshooting sessions: the pure engine (shared/wizard) runs every change; this service adds
 * what needs the outside world (probes, Apply/Undo, the clock) and saves the session after every
 * change, so a session survives a restart of the app.
 */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function createSessionService(
  deps: ServiceDeps,
  needs: { profiles: ProfileService; probes: ProbeService; settings: SettingsService },
  options: { playbooks?: readonly Playbook[] } = {},
) {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  let registry = createPlaybookRegistry(options.playbooks ?? BUILT_IN_PLAYBOOKS);
  const store = createSessionStore(deps.dataDir, (message) => deps.notices.add(message));
  const files = createAttachmentFiles(deps.dataDir);

  function playbookOf(session: Session): Playbook {
    const playbook = registry.get(session.playbookId);
    if (!playbook) throw new ApiError('not_found', `This session uses the playbook "${session.playbookId}", which this version of the app does not have.`);
    return playbook;
  }

  function reduce(session: Session, action: SessionAction): Session {
    try {
      return reduceSession(session, action, playbookOf(session), now());
    } catch (error) {
      if (error instanceof WizardRuleError) throw new ApiError('invalid_input', error.message);
      throw error;
    }
  }

  async function act(id: string, action: SessionAction) {
    const session = await store.update(id, (current) => reduce(upgradeSession(current, playbookOf(current)), action));
    return viewOf(session);
  }

  /** A stored session in the current shape (an older one is upgraded as it is read). */
  async function stored(id: string): Promise<Session> {
    const session = await store.get(id);
    const playbook = registry.get(session.playbookId);
    return playbook ? upgradeSession(session, playbook) : session;
  }

  /**
   * Continue refused on a step where saved environments share the mailbox: the refusal names them,
   * so an unlisted sender cannot slip through as "none".
   */
  async function withCandidates(id: string, error: unknown): Promise<never> {
    if (!(error instanceof ApiError) || error.code !== 'invalid_input') throw error;
    const session = await stored(id);
    const playbook = playbookOf(session);
    const step = playbook.steps[session.current];
    const candidates = (await sameMailboxProfiles(needs.profiles, session, playbookOf(session).mailboxFact)).map((p) => p.name);
    const extra = step && playbook.candidatesMessage?.(step.id, candidates);
    throw extra ? new ApiError('invalid_input', `${error.message} ${extra}`, { field: error.field, details: error.details }) : error;
  }

  /**
   * Runs one probe and records what it read; a probe that fails (unreachable, timed out, permission
   * denied) is recorded in its step as unknown with the reason, where the engineer can type the facts
   * in. A cancel or a refusal (e.g. "tick the restarts first") is the caller's to show.
   */
  async function probeInto(id: string, probe: ProbeKind, ctx: CallContext, days?: number): Promise<SessionView> {
    try {
      const session = open(await stored(id));
      const result = await readProbe(session, probe, ctx, days);
      return await act(id, { type: 'probe-result', probe, result, origin: { kind: 'database', environment: session.environment.name } });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === 'cancelled' || error.code === 'invalid_input' || error.code === 'not_found') throw error;
      return act(id, { type: 'probe-failed', probe, reason: error.message, code: error.code });
    }
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

  /** The wizard's view, with the saved environments that send through the same mailbox. */
  async function viewOf(session: Session): Promise<SessionView> {
    const expiresAt =
      session.environment.profileId && !session.completedAt
        ? await needs.profiles.get(session.environment.profileId).then(
            (p) => p.userExpiresAt,
            () => '',
          )
        : '';
    const view = {
      ...sessionView(session, playbookOf(session)),
      applyFromApp: applyOffer(session),
      ...(expiresAt ? { databaseUserExpiresAt: expiresAt } : {}),
    };
    const sameMailbox = await sameMailboxProfiles(needs.profiles, session, playbookOf(session).mailboxFact);
    return sameMailbox.length > 0 ? { ...view, sameMailbox } : view;
  }

  async function actor(): Promise<string> {
    const settings = await needs.settings.get();
    return settings.engineerName.trim() || 'Support engineer';
  }

  /** Checked before any probe or write, so nothing runs that the completed session would refuse to record. */
  function open(session: Session): Session {
    if (session.completedAt) throw new ApiError('invalid_input', 'This session is completed; reopen it to change it.');
    return session;
  }

  function onlineProfile(session: Session): string {
    if (session.offline || !session.environment.profileId) {
      throw new ApiError('invalid_input', 'This session works offline: type the facts in instead of reading them from a database.');
    }
    return session.environment.profileId;
  }

  /** Runs one of the playbook's probes (by its id) through the probe registry. */
  async function readProbe(session: Session, probe: ProbeKind, ctx: CallContext, days = 7): Promise<unknown> {
    const profileId = onlineProfile(session);
    const use = playbookOf(session).probes?.[probe];
    if (!use) throw new ApiError('invalid_input', `This playbook has no probe "${probe}".`, { field: 'probe' });
    return runProbeUse(needs.probes, use, profileId, {
      signal: ctx.signal,
      progress: ctx.progress,
      ...(use.sinceFix ? { since: sinceTheFix(session) } : { days }),
    });
  }

  /** Only what happened after the fix took effect (as the playbook declares it, shared/wizard/fix.ts) tells whether it worked. */
  function sinceTheFix(session: Session): string {
    const playbook = playbookOf(session);
    const since = fixEffectiveAt(session, playbook);
    if (!since)
      throw new ApiError(
        'invalid_input',
        `The fix has not taken effect yet: ${fixPending(session, playbook) ?? 'record it first'}. Only what happens after it counts.`,
      );
    return since;
  }

  /**
   * Once the fix takes effect (as the playbook declares it), the platform database hears of it: a
   * real one ignores it, the demo plays its part.
   */
  async function fixTookEffect(session: Session): Promise<void> {
    if (session.offline || !session.environment.profileId) return;
    const at = fixEffectiveAt(session, playbookOf(session));
    if (at) await needs.probes.fixTookEffect(session.environment.profileId, at);
  }

  /**
   * What the app may write for this session: the playbook's offer, unless the platform forbids it.
   * On OutSystems Cloud a database user may never change OSSYS tables, and a database that refused
   * the write once (permission denied) is not asked again: the fix is then made by hand and recorded.
   */
  function applyOffer(session: Session): SessionView['applyFromApp'] {
    const offer = playbookOf(session).applyFromApp?.(contextOf(session)) ?? null;
    if (!offer || 'unavailable' in offer) return offer;
    const byHand =
      'apply it as the plan\'s steps say, restart what they name (OutSystems Cloud: LifeTime > the environment > Restart services), then record what you did with "I applied it myself".';
    if (session.environment.hosting === 'outsystems-cloud') {
      return {
        unavailable: `OutSystems Cloud: a database user may change only application tables (OSUSR…), never the platform's settings. ${capitalised(byHand)}`,
      };
    }
    if (session.applyRefused) return { unavailable: `The database refused the change (${session.applyRefused.reason.replace(/\.$/, '')}): ${byHand}` };
    return offer;
  }

  function applyRequest(session: Session) {
    const offer = applyOffer(session);
    if (!offer) throw new ApiError('invalid_input', 'This playbook has nothing the app can apply; apply the change by hand and record it.');
    if ('unavailable' in offer) throw new ApiError('invalid_input', offer.unavailable);
    return offer;
  }

  const playbookHandlers: HandlersFor<typeof playbookMethods> = {
    'playbooks.list': async () => registry.list().map(playbookSummary),
    'playbooks.recognise': async ({ text }) => {
      if (!text.trim()) return { playbooks: [], results: [], message: 'Paste the error text first.', nearest: [], cut: null };
      const recognition = registry.recogniseText(text);
      const matches = registry.recognise(text);
      return { playbooks: matches.map(playbookSummary), ...recognition };
    },
  };

  const sessionHandlers: HandlersFor<typeof sessionMethods> = {
    'sessions.list': async () => {
      const sessions = await store.list();
      return sessions.map((s) => sessionSummary(s, registry.get(s.playbookId))).sort((a, b) => b.lastChange.at.localeCompare(a.lastChange.at));
    },
    'sessions.get': async ({ id }) => {
      return viewOf(await stored(id));
    },
    'sessions.create': async ({ playbookId, profileId, environmentName, pastedError, ticket, customer }) => {
      const playbook = registry.get(playbookId);
      if (!playbook) throw new ApiError('not_found', 'No playbook has that id', { field: 'playbookId' });
      const found = await environmentOf(needs.profiles, profileId, environmentName);
      const environment = customer ? { ...found, customer } : found;
      let session = createSession({
        id: randomUUID(),
        playbook,
        environment,
        offline: profileId === null,
        now: now(),
        pastedError: pastedError?.trim() || null,
        ticket: ticket || null,
      });
      if (pastedError?.trim()) {
        // The pasted text is evidence for the first step, kept as the engineer's fact.
        const evidenceKey = playbook.steps[0]?.facts.find((f) => f.input === 'textarea' && f.sources.includes('engineer'))?.key;
        if (evidenceKey)
          session = reduceSession(
            session,
            { type: 'answer', facts: { [evidenceKey]: pastedError.trim() }, detail: 'pasted when the session started' },
            playbook,
            now(),
          );
      }
      await store.save(session);
      if (profileId) await touchProfile(needs.profiles, profileId);
      return viewOf(session);
    },
    'sessions.act': async ({ id, action }) => {
      // "I applied it myself" is recorded under the engineer's name from Settings, like Apply.
      const view = await act(id, action.type === 'applied-manually' ? { ...action, actor: await actor() } : (action as SessionAction)).catch(
        (error: unknown) => (action.type === 'continue' ? withCandidates(id, error) : Promise.reject(error)),
      );
      if ((action.type === 'tick' && action.done) || action.type === 'applied-manually') await fixTookEffect(view.session);
      return view;
    },
    'sessions.runProbe': ({ id, probe, days }, ctx) => probeInto(id, probe as ProbeKind, ctx, days),
    'sessions.autoProbe': async ({ id }, ctx) => {
      const session = open(await stored(id));
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
      const session = open(await stored(id));
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
      const session = open(await stored(id));
      const playbook = playbookOf(session);
      const candidate = (await sameMailboxProfiles(needs.profiles, session, playbookOf(session).mailboxFact)).find((p) => p.profileId === profileId);
      if (!candidate) throw new ApiError('invalid_input', 'That environment does not send through the same mailbox as this session.', { field: 'profileId' });
      const sender = playbook.otherSender;
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
    'sessions.previewApply': async ({ id }) => {
      const session = open(await stored(id));
      const request = applyRequest(session);
      const preview = await needs.probes.previewApplyParameter(onlineProfile(session), {
        parameter: request.parameter,
        expected: request.expected,
        newValue: request.newValue,
        min: request.min,
        max: request.max,
      });
      return { ...preview, expected: request.expected, newValue: request.newValue };
    },
    'sessions.apply': async ({ id }, ctx) => {
      const session = open(await stored(id));
      const request = applyRequest(session);
      const who = await actor();
      let result: Awaited<ReturnType<typeof needs.probes.applyParameter>>;
      try {
        result = await needs.probes.applyParameter(
          onlineProfile(session),
          {
            parameter: request.parameter,
            expected: request.expected,
            newValue: request.newValue,
            min: request.min,
            max: request.max,
            actor: who,
            sessionId: id,
          },
          { signal: ctx.signal, progress: ctx.progress },
        );
      } catch (error) {
        // Permission denied is an answer, not a failure: the session goes on with the fix made by hand.
        if (error instanceof ApiError && error.code === 'forbidden') return act(id, { type: 'apply-refused', reason: error.message });
        throw error;
      }
      return act(id, {
        type: 'apply-recorded',
        record: {
          description: request.description,
          target: request.target,
          statement: result.statement,
          parameters: result.parameters,
          before: result.before,
          after: result.after,
          actor: who,
          at: result.appliedAt,
          auditId: result.auditId,
        },
      });
    },
    'sessions.undo': async ({ id, auditId }, ctx) => {
      const session = open(await stored(id));
      const record = session.applies.find((a) => a.auditId === auditId);
      if (!record) throw new ApiError('not_found', 'No change with that id was applied in this session.', { field: 'auditId' });
      if (record.undone) throw new ApiError('conflict', 'This change was already undone.');
      const result = await needs.probes.undoApply(auditId, { actor: await actor(), signal: ctx.signal, progress: ctx.progress });
      return act(id, { type: 'undo-recorded', auditId, undoAuditId: result.auditId, at: result.appliedAt });
    },
    'sessions.delete': async ({ id }) => {
      await store.remove(id);
      // Its attached files go with it.
      await files.removeAll(id);
      return { deleted: true as const };
    },
    // The customer's export counted as the error-log search would (offline sessions too: nothing is
    // read from a database). The file is read in full first; a refused file changes nothing.
    'sessions.importEvidence': async ({ id, fileName, contentBase64, mapping, utcOffsetMinutes, replace }, ctx) => {
      const session = open(await stored(id));
      const playbook = playbookOf(session);
      const { previous, replaced } = earlierImports(session, playbook, replace === true);
      const results = await importResults(
        session,
        playbook,
        { fileName, contentBase64, mapping, utcOffsetMinutes, previous },
        ctx,
        () => deps.now?.() ?? new Date(),
      );
      let view: SessionView | null = null;
      for (const { probe, result } of results) {
        const label = result.evidence?.label ?? `imported: ${fileName}`;
        const was = replaced[probe];
        view = await act(id, { type: 'probe-result', probe, result, origin: { kind: 'imported', label, ...(was ? { replaced: was } : {}) } });
      }
      return view!;
    },
    ...otherErrorsHandlers({ probes: needs.probes, stored, playbookOf, playbooks: () => registry.list() }),
    ...liveCheckHandlers({ openSession: async (id) => open(await stored(id)), playbookOf, act }),
    ...detailsHandlers({
      now,
      change: (id, edit) => store.update(id, (current) => edit(upgradeSession(current, playbookOf(current)))),
      stepOf: (session) => playbookOf(session).steps[session.current]?.id ?? '',
      view: viewOf,
    }),
    ...attachmentHandlers({
      files,
      now,
      actor,
      openSession: async (id) => open(await stored(id)),
      change: async (id, action, check) =>
        viewOf(
          await store.update(id, (current) => {
            const session = upgradeSession(current, playbookOf(current));
            check?.(session);
            return reduce(session, action);
          }),
        ),
    }),
  };

  return {
    handlers: { ...playbookHandlers, ...sessionHandlers },
    /** The playbooks this service offers (built-in plus any added). */
    playbooks: () => registry.list(),
    /**
     * Offers one more playbook from now on, e.g. a test host proving that a playbook needs no UI
     * code. Refused when the id is taken.
     */
    addPlaybook(playbook: Playbook) {
      registry = createPlaybookRegistry([...registry.list(), playbook]);
    },
    /** What the resolution report is built from (see shared/report/session-input.ts). */
    async reportInput(id: string) {
      const session = await stored(id);
      return toReportInput(session, registry.get(session.playbookId));
    },
    /** The attached images of a session as data: URLs by attachment id, for the report (none when the session is gone). */
    async attachmentImages(id: string, list: Parameters<typeof attachmentImages>[2]) {
      if (list.length === 0) return {};
      const session = await stored(id).catch(() => null);
      return session ? attachmentImages(files, id, list) : {};
    },
    /** The stored session itself, for callers that need more than the report. */
    get: (id: string) => stored(id),
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
