import type { ResultOrigin } from './provenance';
import type { Playbook } from './playbook';
import type { KeptProbes, Session } from './session';

/**
 * A session saved by an earlier version, brought up to the current shape: its old step ids become
 * the playbook's step ids, probe results kept under old names move to its probe ids. Idempotent.
 */
export function upgradeSession(saved: Session, playbook: Playbook): Session {
  const session = renameSteps(saved, playbook.legacyStepIds ?? {});
  const legacy = playbook.legacyProbeKeys ?? {};
  const probes: KeptProbes = {};
  let moved = false;
  for (const [key, value] of Object.entries(session.probes ?? {})) {
    const id = legacy[key];
    if (id !== undefined && id !== key) moved = true;
    if (value === null || value === undefined) continue;
    probes[id ?? key] = value;
  }
  const upgraded = moved || session.probes === undefined ? { ...session, probes } : session;
  if (upgraded.probeOrigins) return upgraded;
  // Saved before origins were recorded: an imported result carried its label, anything else was read from the database.
  const probeOrigins = Object.fromEntries(
    Object.entries(upgraded.probes).map(([id, result]) => {
      const label = (result as { evidence?: { label?: unknown } } | null)?.evidence?.label;
      const origin: ResultOrigin = typeof label === 'string' ? { kind: 'imported', label } : { kind: 'database', environment: upgraded.environment.name };
      return [id, origin];
    }),
  );
  return { ...upgraded, probeOrigins };
}

/** The session with every old step id (its steps' states, its facts' and events' steps) renamed. */
function renameSteps(session: Session, legacy: Record<string, string>): Session {
  const rename = (id: string) => (Object.hasOwn(legacy, id) ? legacy[id]! : id);
  if (!Object.keys(session.steps ?? {}).some((id) => rename(id) !== id)) return session;
  return {
    ...session,
    steps: Object.fromEntries(Object.entries(session.steps).map(([id, state]) => [rename(id), state])),
    facts: session.facts.map((f) => (rename(f.step) === f.step ? f : { ...f, step: rename(f.step) })),
    events: session.events.map((e) => (rename(e.step) === e.step ? e : { ...e, step: rename(e.step) })),
  };
}
