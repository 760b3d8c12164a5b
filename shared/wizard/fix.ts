import type { FixOption, Playbook, RestartCapability, StepContext } from './playbook';
import type { Session } from './session';

/**
 * "The fix", defined once. Every reader of "when did the fix take effect" (the engine's criteria,
 * the sessions service's "since the fix" probes and the demo's part, the report, the page) asks
 * here, so none of them can disagree about the time an error count starts from.
 */

/** A change that stands: written from the app and not undone, or recorded as done by hand. */
export interface StandingFix {
  at: string;
  /** What was done, in the words it was recorded with. */
  description: string;
  /** The option the engineer recorded (its id), or null for the app's own Apply (the chosen plan). */
  option: string | null;
  lasting: boolean;
}

/** The default when a playbook declares no options: one lasting fix. */
const THE_FIX: FixOption = { id: 'fix', label: 'The fix', lasting: true };

/** The ways a fix can be recorded for this session, each lasting or a stop-gap. */
export function fixOptions(playbook: Playbook, ctx: StepContext): FixOption[] {
  const options = playbook.fix.options?.(ctx) ?? [];
  return options.length ? options : [THE_FIX];
}

/** Every change that stands, oldest first. */
export function standingFixes(session: Session, playbook: Playbook, ctx: StepContext): StandingFix[] {
  const options = fixOptions(playbook, ctx);
  const byId = new Map(options.map((o) => [o.id, o]));
  // The app writes only a plan's own setting, and every plan the diagnosis offers is a lasting one.
  const fromApp = session.applies.filter((a) => !a.undone).map((a) => ({ at: a.at, description: a.description, option: null, lasting: true }));
  const byHand = session.manualApplies.map((m) => {
    const option = m.option ? byId.get(m.option) : undefined;
    // An option recorded by an older session (or one the facts no longer offer) counts as lasting
    // only when the playbook has no stop-gap at all: never a stop-gap promoted to "resolved".
    const lasting = option ? option.lasting : options.every((o) => o.lasting);
    return { at: m.at, description: m.note, option: m.option ?? null, lasting };
  });
  return [...fromApp, ...byHand].sort((a, b) => a.at.localeCompare(b.at));
}

/** Whether any change stands. */
export function fixRecorded(session: Session): boolean {
  return session.applies.some((a) => !a.undone) || session.manualApplies.length > 0;
}

/** The latest standing change's time, or null. */
function lastChangeAt(session: Session): string | null {
  const times = [...session.applies.filter((a) => !a.undone).map((a) => a.at), ...session.manualApplies.map((m) => m.at)].sort();
  return times.at(-1) ?? null;
}

/**
 * When the fix took effect, as the playbook declares it: the restart of every server on the
 * checklist (the latest tick, once all are ticked), or the recorded change itself. null while it
 * has not taken effect. A restart checklist with no server falls back to the change.
 */
export function fixEffectiveAt(session: Session, playbook: Playbook): string | null {
  if (!fixRecorded(session)) return null;
  if (playbook.fix.takesEffect === 'restart' && session.restart.length > 0) {
    if (session.restart.some((r) => r.at === null)) return null;
    return (
      session.restart
        .map((r) => r.at!)
        .sort()
        .at(-1) ?? null
    );
  }
  return lastChangeAt(session);
}

/** Why the fix has not taken effect yet, in the customer's words; null once it has. */
export function fixPending(session: Session, playbook: Playbook): string | null {
  if (!fixRecorded(session)) return 'no change has been recorded';
  if (fixEffectiveAt(session, playbook)) return null;
  const open = session.restart.filter((r) => r.at === null).map((r) => r.server);
  return `the ${restartOf(playbook)?.service ?? 'service'} has not been restarted on ${open.join(', ')}`;
}

/**
 * A time the engineer gives for something done outside the app (a restart, a change by hand):
 * offline the real moment may be an hour before it is ticked. Defaults to now; never in the future.
 */
export function givenTime(given: string | undefined, now: string): string {
  if (given === undefined) return now;
  const ms = Date.parse(given);
  if (Number.isNaN(ms)) throw new RangeError(`"${given}" is not a date and time.`);
  // A minute of grace: the page's clock and ours may differ by a few seconds.
  if (ms > Date.parse(now) + 60_000) throw new RangeError('The time it was done cannot be in the future.');
  return new Date(Math.min(ms, Date.parse(now))).toISOString();
}

/** The restart checklist of a playbook whose fix takes effect on a restart; none otherwise. */
export function restartOf(playbook: Pick<Playbook, 'fix'>): RestartCapability | null {
  return playbook.fix.takesEffect === 'restart' ? playbook.fix.restart : null;
}
