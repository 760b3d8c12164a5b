import { useRef } from 'react';
import { OUTCOME_LABELS } from '../../../../../shared/wizard/outcome';
import type { SessionView } from '../../../../../shared/wizard/view';
import { ReportPreview } from '../../reports/ReportPreview';
import { formatDateTime, STATUS_BADGES } from '../format';
import { useWizard } from '../store';

/**
 * The last step: what completing now would conclude (the engine's outcome, with why and what is
 * left to do), complete the session, then the resolution report.
 */
export function Finish({ view }: { view: SessionView }) {
  const act = useWizard((s) => s.act);
  const { session, outcome } = view;
  const label = OUTCOME_LABELS[outcome.status];
  // Complete removes its own button: focus goes to the line that replaces it, not to the page.
  const justCompleted = useRef(false);
  const focusWhenCompleted = (el: HTMLSpanElement | null) => {
    if (el && justCompleted.current) {
      justCompleted.current = false;
      el.focus();
    }
  };
  return (
    <div className="stack">
      {session.completedAt ? (
        <div className="row">
          {/* The outcome is the badge beside the title; here, when it was settled. */}
          <span className="muted" tabIndex={-1} ref={focusWhenCompleted}>
            Completed {formatDateTime(session.completedAt)}.
          </span>
          <button type="button" className="btn btn-small" onClick={() => void act({ type: 'reopen' })}>
            Reopen session
          </button>
        </div>
      ) : (
        <section className="card stack" aria-labelledby="ts-finish-outcome">
          <h4 id="ts-finish-outcome">
            Completing now: <span className={STATUS_BADGES[outcome.status]}>{label}</span>
          </h4>
          <p className="small">{outcome.reason}</p>
          {outcome.followUps.length > 0 && (
            <>
              <p className="small">Still open, listed as follow-ups in the report:</p>
              <ul className="small">
                {outcome.followUps.map((f) => (
                  <li key={f.action}>
                    {f.action} <span className="muted">({f.owner})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                justCompleted.current = true;
                void act({ type: 'complete' });
              }}
            >
              Complete session{outcome.status === 'resolved' ? '' : ` as ${label.toLowerCase()}`}
            </button>
          </div>
        </section>
      )}
      <ReportPreview key={session.updatedAt} sessionId={session.id} />
    </div>
  );
}
