import type { ResultOrigin } from './provenance';
import type { Playbook } from './playbook';
import type { KeptProbes, Session } from './session';

/**
 * A session saved by an earlier version, brought up to the current shape: probe results kept under
 * the playbook's old names move to its probe ids. Idempotent.
 */
export function upgradeSession(session: Session, playbook: Playbook): Session {
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
