import { useCallback, useRef, useState } from 'react';
import type { MethodInput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import type { ConnectionTestResult } from '../../../../shared/profiles/connection-test';
import { api, newCallId } from '../../api/client';

export interface TestState {
  running: boolean;
  progress: { message: string; fraction?: number } | null;
  result: ConnectionTestResult | null;
  /** A call that was refused before it could test (invalid form, cancelled, ...). */
  error: { message: string; details?: string } | null;
}

const IDLE: TestState = { running: false, progress: null, result: null, error: null };

/** Runs `profiles.test` as a long call: progress while it runs, Cancel through `app.cancel`. */
export function useConnectionTest() {
  const [state, setState] = useState<TestState>(IDLE);
  const callId = useRef<string | null>(null);

  const start = useCallback(async (input: MethodInput<'profiles.test'>) => {
    const id = newCallId();
    callId.current = id;
    setState({ running: true, progress: { message: 'Starting' }, result: null, error: null });
    try {
      const result = await api['profiles.test'](input, {
        callId: id,
        onProgress: (progress) => {
          if (callId.current === id) setState((s) => ({ ...s, progress }));
        },
      });
      if (callId.current === id) setState({ running: false, progress: null, result, error: null });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const details = error instanceof ApiError ? error.details : undefined;
      if (callId.current === id) setState({ running: false, progress: null, result: null, error: { message, details } });
      return undefined;
    } finally {
      if (callId.current === id) callId.current = null;
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = callId.current;
    if (!id) return;
    await api['app.cancel']({ callId: id }).catch(() => undefined);
  }, []);

  const clear = useCallback(() => setState(IDLE), []);

  return { state, start, cancel, clear };
}

/** Progress and Cancel while a test runs. */
export function TestProgress({ state, onCancel }: { state: TestState; onCancel(): void }) {
  if (!state.running) return null;
  return (
    <div className="env-test-progress" role="status">
      <progress aria-label="Connection test progress" max={1} value={state.progress?.fraction} />
      <span>{state.progress?.message ?? 'Testing'}…</span>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        Cancel test
      </button>
    </div>
  );
}

/** What happened, in words: the steps that worked, or the failure and its details for a ticket. */
export function TestResultPanel({ state, onNeedPassword }: { state: TestState; onNeedPassword?(): void }) {
  const { result, error } = state;
  if (state.running || (!result && !error)) return null;
  if (error) {
    return (
      <div className="banner banner-error env-test-result" role="alert" aria-label="Connection test result">
        <div className="banner-body">
          <strong>The test could not run.</strong> {error.message}
          {error.details && <TicketDetails text={error.details} />}
        </div>
      </div>
    );
  }
  if (!result) return null;
  const ok = result.ok;
  const cancelled = result.failure?.category === 'cancelled';
  return (
    <div
      className={`banner ${ok ? 'banner-success' : cancelled ? 'banner-warning' : 'banner-error'} env-test-result`}
      role={ok ? 'status' : 'alert'}
      aria-label="Connection test result"
    >
      <div className="banner-body">
        <p className="env-test-headline">
          <strong>{ok ? 'Connection works.' : cancelled ? 'Test cancelled.' : 'Connection failed.'}</strong>{' '}
          {result.failure ? result.failure.message : `${result.target} answered in ${formatSeconds(result.elapsedMs)}.`}
        </p>
        {result.steps.length > 0 && (
          <ul className="env-test-steps">
            {result.steps.map((step) => (
              <li key={step.id} className={step.ok ? 'ok' : 'failed'}>
                <span aria-hidden="true">{step.ok ? '✓' : '✗'}</span> <span className="visually-hidden">{step.ok ? 'Done:' : 'Failed:'}</span>
                {step.label}
                {step.detail && <span className="env-test-step-detail">: {step.detail}</span>}
              </li>
            ))}
          </ul>
        )}
        {result.failure?.category === 'password_needed' && onNeedPassword && (
          <button type="button" className="btn btn-small" onClick={onNeedPassword}>
            Enter password
          </button>
        )}
        {result.warning && (
          <p className="env-test-warning">
            <strong>Not encrypted.</strong> {result.warning}
          </p>
        )}
        {!ok && <p className="small env-test-target">Target: {result.target}</p>}
        {result.failure?.details && <TicketDetails text={result.failure.details} />}
      </div>
    </div>
  );
}

function TicketDetails({ text }: { text: string }) {
  return (
    <details className="env-test-details">
      <summary>Details for the support ticket</summary>
      <pre>{text}</pre>
    </details>
  );
}

function formatSeconds(ms: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}
