import type { FactValue } from '../../../../shared/wizard/session';
import type { SessionView, StepInfo } from '../../../../shared/wizard/view';
import { useWizard } from './store';

/**
 * Saved environments that send through the same mailbox: they share its limit, so the step that
 * lists other senders offers to add them (their servers and threads are then typed in).
 */
export function SameMailbox({
  view,
  step,
  value,
  onAdd,
}: {
  view: SessionView;
  step: StepInfo;
  value: FactValue | undefined;
  onAdd(key: string, value: FactValue): void;
}) {
  const def = step.facts.find((f) => f.input === 'senders');
  const key = def?.key;
  const others = view.sameMailbox ?? [];
  const probeSender = useWizard((s) => s.probeSender);
  const running = useWizard((s) => s.running);
  if (!key || others.length === 0) return null;
  const rows = Array.isArray(value) ? value : [];
  const listed = new Set(rows.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? String(r.name ?? '').toLowerCase() : '')));
  return (
    <section className="card stack" aria-labelledby="ts-same-mailbox">
      <h4 id="ts-same-mailbox">Saved environments on the same mailbox</h4>
      <ul className="ts-checklist">
        {others.map((o) => (
          <li key={o.profileId}>
            <span>
              <strong>{o.name}</strong> <span className="muted small">{o.mailbox}</span>
            </span>
            <span className="row">
              {listed.has(o.name.toLowerCase()) ? (
                <span className="badge">listed</span>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Add as another sender: ${o.name}`}
                  onClick={() => onAdd(key, [...rows, { name: o.name, ...Object.fromEntries((def?.columns ?? []).map((c) => [c.key, 1])) }])}
                >
                  Add as another sender
                </button>
              )}
              {!view.session.offline && (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={running !== null}
                  aria-label={`Read it from its own database: ${o.name}`}
                  onClick={() => void probeSender(o.profileId, o.name)}
                >
                  Read it from its own database
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        They share the limits of this mailbox. Read each from its own database, or give its figures below; if none of them sends through this mailbox, say so
        with "No other sender".
      </p>
    </section>
  );
}
