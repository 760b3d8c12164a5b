import { useState } from 'react';
import type { ProbeKind } from '../../../../shared/wizard/types';
import type { SessionView } from '../../../../shared/wizard/view';
import { useWizard } from './store';

export const PROBE_LABELS: Record<ProbeKind, string> = {
  errors: 'Search the error log for 432s',
  emailQueue: 'Read the email queue',
  servers: 'Read the servers',
  threads: 'Read the threads value',
  errorsAfter: 'Count 432s since the restart',
  threadsAfter: 'Read the threads value again',
  serversAfter: 'Read the servers again',
  sentAfter: 'Count emails sent since the restart',
};

/** Which kept probe result a probe fills, to say "re-run" once it ran. */
const SLOT: Record<ProbeKind, keyof SessionView['session']['probes']> = {
  errors: 'errorsBefore',
  emailQueue: 'queue',
  servers: 'servers',
  threads: 'threads',
  errorsAfter: 'errorsAfter',
  threadsAfter: 'threadsAfter',
  serversAfter: 'serversAfter',
  sentAfter: 'sentAfter',
};

/** The probes of a step, each with its last summary, and the running one's progress with Cancel. */
/** The error-log search can look further back; the log views hold 7 to 14 days and the result says what they covered. */
const WINDOW_CHOICES = [1, 3, 7, 14];

export function ProbeBar({ view, probes }: { view: SessionView; probes: ProbeKind[] }) {
  const [days, setDays] = useState(7);
  const running = useWizard((s) => s.running);
  const runProbe = useWizard((s) => s.runProbe);
  const cancel = useWizard((s) => s.cancel);
  if (probes.length === 0) return null;
  if (view.session.offline) {
    return <p className="muted small">Offline: type the facts in below (no database is read).</p>;
  }
  return (
    <section className="card stack" aria-label="Probes">
      <div className="row">
        {probes.map((probe) => {
          const kept = view.session.probes[SLOT[probe]] as { summary?: string } | null | undefined;
          return (
            <button key={probe} type="button" className="btn" disabled={running !== null} onClick={() => void runProbe(probe, PROBE_LABELS[probe], probe === 'errors' ? days : undefined)}>
              {kept ? `Re-run: ${PROBE_LABELS[probe].toLowerCase()}` : PROBE_LABELS[probe]}
            </button>
          );
        })}
        {probes.includes('errors') && (
          <label className="row small">
            Search the last
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Days of error log to search">
              {WINDOW_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? '1 day' : `${d} days`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {running && (
        <div className="row" role="status" aria-live="polite">
          <span>
            {running.label}: {running.message}
          </span>
          <progress aria-label={running.label} max={1} value={running.fraction ?? undefined} />
          <button type="button" className="btn btn-small" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      <ul className="ts-probe-summaries">
        {probes.map((probe) => {
          const failure = view.session.probeFailures?.[probe];
          if (failure) {
            // The facts stay unknown with the reason, here where they are needed; typing them in is the way on.
            return (
              <li key={probe} className="small" role="alert">
                <span className="badge badge-danger">not read</span> {PROBE_LABELS[probe]}: {failure.reason} Type the facts in below, or try again.
              </li>
            );
          }
          const kept = view.session.probes[SLOT[probe]] as { summary?: string; problems?: string[]; problem?: string } | null | undefined;
          if (!kept?.summary) return null;
          return (
            <li key={probe} className="small">
              <span className="badge ts-src-probe">probe</span> {kept.summary}
              {kept.problem && <span className="field-error"> {kept.problem}</span>}
              {kept.problems?.map((p) => (
                <span key={p} className="field-error">
                  {' '}
                  {p}
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
