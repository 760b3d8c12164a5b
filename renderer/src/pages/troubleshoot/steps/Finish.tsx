import type { SessionView } from '../../../../../shared/wizard/view';
import { ReportPreview } from '../../reports/ReportPreview';
import { formatDateTime } from '../format';
import { useWizard } from '../store';

/** The last step: complete the session, then the resolution report. */
export function Finish({ view }: { view: SessionView }) {
  const act = useWizard((s) => s.act);
  const { session } = view;
  return (
    <div className="stack">
      {session.completedAt ? (
        <div className="row">
          {/* The outcome is the badge beside the title; here, when it was settled. */}
          <span className="muted">Completed {formatDateTime(session.completedAt)}.</span>
          <button type="button" className="btn btn-small" onClick={() => void act({ type: 'reopen' })}>
            Reopen session
          </button>
        </div>
      ) : (
        <div>
          <button type="button" className="btn btn-primary" onClick={() => void act({ type: 'complete' })}>
            Complete session
          </button>
        </div>
      )}
      <ReportPreview key={session.updatedAt} sessionId={session.id} />
    </div>
  );
}
