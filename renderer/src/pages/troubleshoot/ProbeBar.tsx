import { useState } from 'react';
import type { SessionView, StepInfo } from '../../../../shared/wizard/view';
import { useWizard } from './store';

/** A probe that takes a window (the error-log search) can look further back; the log views hold 7 to 14 days and the result says what they covered. */
const WINDOW_CHOICES = [1, 3, 7, 14];

export function ProbeBar({ view, probes }: { view: SessionView; probes: StepInfo['probes'] }) {
  const [days, setDays] = useState(7);
  const running = useWizard((s) => s.running);
  const runProbe = useWizard((s) => s.runProbe);
  const cancel = useWizard((s) => s.cancel);
  if (probes.length === 0) return null;
  if (view.session.offline) {
    // An imported export stands in for the error-log search offline too: its summary says so.
    const imported = probes
      .filter((p) => view.session.probeOrigins?.[p.id]?.kind === 'imported')
      .map((p) => view.session.probes[p.id] as { summary?: string } | undefined)
      .filter((k) => k?.summary);
    return (
      <>
        <p className="muted small">Offline: type the facts in below (no database is read), or import the customer's export.</p>
        {imported.length > 0 && (
          <ul className="ts-probe-summaries">
            {imported.map((k) => (
              <li key={k!.summary} className="small">
                <span className="badge ts-src-imported">imported</span> {k!.summary}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <section className="card stack" aria-label="Probes">
      <div className="row">
        {probes.map((probe) => {
          const kept = view.session.probes[probe.id] as { summary?: string } | null | undefined;
          return (
            <button
              key={probe.id}
              type="button"
              className="btn"
              disabled={running !== null}
              onClick={() => void runProbe(probe.id, probe.label, probe.window ? days : undefined)}
            >
              {kept ? `Re-run: ${probe.label.charAt(0).toLowerCase()}${probe.label.slice(1)}` : probe.label}
            </button>
          );
        })}
        {probes.some((p) => p.window) && (
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
          {running.lines ? (
            <ul className="ts-probe-lines small" aria-label={running.label}>
              {Object.entries(running.lines).map(([label, message]) => (
                <li key={label}>
                  {label}: {message}
                </li>
              ))}
            </ul>
          ) : (
            <span>
              {running.label}: {running.message}
            </span>
          )}
          <progress aria-label={running.label} max={1} value={running.fraction ?? undefined} />
          <button type="button" className="btn btn-small" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      <ul className="ts-probe-summaries">
        {probes.map(({ id: probe, label }) => {
          const failure = view.session.probeFailures?.[probe];
          if (failure) {
            // The facts stay unknown with the reason, here where they are needed; typing them in is the way on.
            return (
              <li key={probe} className="small" role="alert">
                <span className="badge badge-danger">not read</span> {label}: {failure.reason} Type the facts in below, or try again.
              </li>
            );
          }
          const kept = view.session.probes[probe] as { summary?: string; problems?: string[]; problem?: string } | null | undefined;
          if (!kept?.summary) return null;
          // The badge says where the result came from, as the session recorded it (never guessed from the result).
          const imported = view.session.probeOrigins?.[probe]?.kind === 'imported';
          return (
            <li key={probe} className="small">
              <span className={imported ? 'badge ts-src-imported' : 'badge ts-src-probe'}>{imported ? 'imported' : 'database'}</span> {kept.summary}
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
