import { randomUUID } from 'node:crypto';
import type { playbookMethods } from '../../../shared/api/methods/playbooks';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import { ApiError } from '../../../shared/api/errors';
import { BUILT_IN_PLAYBOOKS, createPlaybookRegistry } from '../../../shared/playbooks';
import { createSession, reduceSession, WizardRuleError } from '../../../shared/wizard/engine';
import { upgradeSession } from '../../../shared/wizard/upgrade';
import type { Playbook } from '../../../shared/wizard/playbook';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import { playbookSummary, sessionSummary, sessionView, type SessionView } from '../../../shared/wizard/view';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProbeService } from '../probes';
import type { ProfileService } from '../profiles';
import type { SettingsService } from '../settings';
import { environmentOf, sameMailboxProfiles, touchProfile } from './environment';
import { applyHandlers, applyOffer, tellFixTookEffect } from './apply';
import { attachmentHandlers, attachmentImages, createAttachmentFiles } from './attachments';
import { detailsHandlers } from './details';
import { liveCheckHandlers } from './live-check';
import { otherErrorsHandlers } from './other-errors';
import { probingHandlers } from './probing';
import { toReportInput } from './report-input';
import { createSessionStore } from './store';

/**
 * Troubleshooting sessions: the pure engine (shared/wizard) runs every change; this service adds
 * what needs the outside world (probes and imports in ./probing.ts, Apply and Undo in ./apply.ts,
 * attachments, the live check, the clock) and saves the session after every change, so a session
 * survives a restart of the app.
 */
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
    const shared = playbook.sharedMailbox;
    if (!shared) throw error;
    const candidates = (await sameMailboxProfiles(needs.profiles, session, shared.mailboxFact)).map((p) => p.name);
    const extra = step && shared.candidatesMessage(step.id, candidates);
    throw extra ? new ApiError('invalid_input', `${error.message} ${extra}`, { field: error.field, details: error.details }) : error;
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
      applyFromApp: applyOffer(session, playbookOf(session)),
      ...(expiresAt ? { databaseUserExpiresAt: expiresAt } : {}),
    };
    const sameMailbox = await sameMailboxProfiles(needs.profiles, session, playbookOf(session).sharedMailbox?.mailboxFact);
    return sameMailbox.length > 0 ? { ...view, sameMailbox } : view;
  }

  async function actor(): Promise<string> {
    const settings = await needs.settings.get();
    return settings.engineerName.trim() || 'Support engineer';
  }

  /** Checked before any probe or write, so nothing runs that the completed session would refuse to record. */
  async function openSession(id: string): Promise<Session> {
    const session = await stored(id);
    if (session.completedAt) throw new ApiError('invalid_input', 'This session is completed; reopen it to change it.');
    return session;
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
      if ((action.type === 'tick' && action.done) || action.type === 'applied-manually')
        await tellFixTookEffect(needs.probes, view.session, playbookOf(view.session));
      return view;
    },
    'sessions.delete': async ({ id }) => {
      await store.remove(id);
      // Its attached files go with it.
      await files.removeAll(id);
      return { deleted: true as const };
    },
    ...probingHandlers({ probes: needs.probes, profiles: needs.profiles, now: () => deps.now?.() ?? new Date(), stored, openSession, playbookOf, act }),
    ...applyHandlers({ probes: needs.probes, openSession, playbookOf, act, actor }),
    ...otherErrorsHandlers({ probes: needs.probes, stored, playbookOf, playbooks: () => registry.list() }),
    ...liveCheckHandlers({ openSession, playbookOf, act }),
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
      openSession,
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
