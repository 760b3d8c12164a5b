import { useEffect, useState } from 'react';
import type { OtherKnownError } from '../../../../shared/api/methods/sessions';
import type { ErrorsProbeResult } from '../../../../shared/probes/types';
import type { SessionView, StepInfo } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { useUi, withErrorBanner } from '../../stores/ui';
import { useWizard } from './store';

/**
 * In a step that searches the error log: when the search found none of this playbook's errors but
 * the same window holds another playbook's, say so, with a way to start that playbook on the same
 * environment. The back end decides (sessions.otherKnownErrors); this only shows its answer.
 */
export function OtherKnownErrors({ view, step }: { view: SessionView; step: StepInfo }) {
  const navigate = useUi((s) => s.navigate);
  const autoProbe = useWizard((s) => s.autoProbe);
  const { session } = view;
  const search = step.probes.find((p) => p.probe === 'error-log');
  const result = search ? (session.probes[search.id] as ErrorsProbeResult | undefined) : undefined;
  const nothingFound = !session.offline && result !== undefined && result.count === 0 && !result.evidence;
  const [found, setFound] = useState<OtherKnownError[]>([]);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    setFound([]);
    if (!nothingFound) return;
    let current = true;
    void api['sessions.otherKnownErrors']({ id: session.id }).then(
      (answer) => current && setFound(answer.found),
      // Only a hint: when it cannot be read, the step says what it always said.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [session.id, nothingFound, result?.windowStart, result?.windowEnd]);

  if (found.length === 0) return null;

  async function start(other: OtherKnownError) {
    setStarting(true);
    const created = await withErrorBanner(() =>
      api['sessions.create']({
        playbookId: other.playbookId,
        profileId: session.environment.profileId,
        ...(session.ticket ? { ticket: session.ticket } : {}),
        ...(session.environment.customer ? { customer: session.environment.customer } : {}),
      }),
    );
    setStarting(false);
    if (!created) return;
    navigate('troubleshoot', created.session.id);
    void autoProbe(created);
  }

  return (
    <section className="card stack" aria-labelledby="ts-other-errors" aria-live="polite">
      <h4 id="ts-other-errors">Another known error in this log</h4>
      {found.map((other) => (
        <div key={other.playbookId} className="row">
          <span>{other.sentence}</span>
          <button type="button" className="btn btn-small" disabled={starting} onClick={() => void start(other)}>
            Start “{other.title}” on {session.environment.name}
          </button>
        </div>
      ))}
    </section>
  );
}
