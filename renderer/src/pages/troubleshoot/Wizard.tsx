import { useCallback, useEffect, useRef, useState } from 'react';
import type { FactValue } from '../../../../shared/wizard/session';
import { useUi } from '../../stores/ui';
import { formatDateTime, STATUS_LABELS } from './format';
import { EvidenceImport } from './EvidenceImport';
import { Attachments } from './Attachments';
import { Instructions } from './Instructions';
import { ProbeBar } from './ProbeBar';
import { SameMailbox } from './SameMailbox';
import { SessionDetails } from './SessionDetails';
import { OtherKnownErrors } from './OtherKnownErrors';
import { LiveCheck } from './LiveCheck';
import { StepFacts } from './StepFacts';
import { Apply } from './steps/Apply';
import { Diagnosis } from './steps/Diagnosis';
import { Finish } from './steps/Finish';
import { Plans } from './steps/Plans';
import { Restart } from './steps/Restart';
import { Verify } from './steps/Verify';
import { useWizard } from './store';
import { userExpiry } from '../../lib/user-expiry';

const STATE_WORDS = { done: 'done', skipped: 'skipped', pending: 'to do' } as const;

/**
 * The wizard: a stepper of every step (done ticked, the current one marked) and the current step's
 * guidance, probes, facts and actions. Enter continues, Alt+Left goes back.
 */
export function Wizard({ sessionId }: { sessionId: string }) {
  const navigate = useUi((s) => s.navigate);
  const view = useWizard((s) => s.view);
  const load = useWizard((s) => s.load);
  const act = useWizard((s) => s.act);
  const refusal = useWizard((s) => s.refusal);
  const running = useWizard((s) => s.running);
  const runProbe = useWizard((s) => s.runProbe);
  /** On a completed session, the step the engineer clicked to read (nothing can change it). */
  const [reading, setReading] = useState<number | null>(null);
  const [drafts, setDrafts] = useState<Record<string, FactValue>>({});
  const [skipReason, setSkipReason] = useState('');
  const [skipping, setSkipping] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void load(sessionId);
  }, [sessionId, load]);

  const session = view?.session.id === sessionId ? view.session : null;
  const completed = Boolean(session?.completedAt);
  const shownIndex = session ? (completed && reading !== null ? reading : Math.min(session.current, view!.steps.length - 1)) : 0;
  const current = session ? view!.steps[shownIndex]! : null;

  // A step opened again after a change or restart reads its facts again: the view says which are out of date.
  useEffect(() => {
    if (!session || completed || running || !current) return;
    const stale = current.probes.filter((p) => p.stale);
    void (async () => {
      for (const p of stale) if (!(await runProbe(p.id, p.label))) return;
    })();
    // Only when the step on screen changes: a probe's own result must not start another.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id, session?.id]);

  // After a probe or another long call ends, focus goes back to the step (never left on a probe
  // button, where Enter would run it again), so Enter continues.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) {
      const active = document.activeElement;
      if (!active || active === document.body || active.closest('[aria-label="Probes"]')) heading.current?.focus();
    }
    wasRunning.current = running !== null;
  }, [running]);

  // Moving to another step: drop drafts of the old one (a fact still unknown starts from the one it
  // is prefilled from, unsaved until the engineer saves it) and put focus on the new step's title.
  useEffect(() => {
    const prefills: Record<string, FactValue> = {};
    for (const def of current?.facts ?? []) {
      if (!def.prefillFrom || session?.facts.some((f) => f.key === def.key)) continue;
      const from = session?.facts.find((f) => f.key === def.prefillFrom);
      if (from) prefills[def.key] = from.value;
    }
    setDrafts(prefills);
    setSkipping(false);
    heading.current?.focus();
    // Only when the step on screen changes: a saved answer must not bring the prefill back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id]);

  const saveDrafts = useCallback(async () => {
    if (Object.keys(drafts).length === 0) return true;
    const ok = await act({ type: 'answer', facts: drafts });
    if (ok) setDrafts({});
    return ok;
  }, [drafts, act]);

  const next = useCallback(async () => {
    if (running || !session || session.completedAt) return;
    if (await saveDrafts()) await act({ type: 'continue' });
  }, [running, session, saveDrafts, act]);

  /** A one-click answer: saves it with what was typed, then continues. */
  const commitAndContinue = useCallback(
    async (key: string, value: FactValue) => {
      if (running || !session || session.completedAt) return;
      if (await act({ type: 'answer', facts: { ...drafts, [key]: value } })) {
        setDrafts({});
        await act({ type: 'continue' });
      }
    },
    [running, session, drafts, act],
  );

  const back = useCallback(async () => {
    if (running || !session || session.current === 0) return;
    if (await saveDrafts()) await act({ type: 'back' });
  }, [running, session, saveDrafts, act]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey && event.key === 'ArrowLeft') {
        event.preventDefault();
        void back();
        return;
      }
      if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement;
      // Enter keeps its own meaning in text areas, on buttons, links, selects and inside dialogs.
      if (target.closest('textarea, button, a, select, dialog, summary, [role="radiogroup"]')) return;
      if (!target.closest('.ts-wizard')) return;
      event.preventDefault();
      void next();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, back]);

  if (!session || !current) {
    return (
      <section className="page">
        <p className="muted">Loading the session…</p>
        <button type="button" className="btn" onClick={() => navigate('troubleshoot')}>
          Back to sessions
        </button>
      </section>
    );
  }
  const v = view!;

  return (
    <section className="page ts-wizard" aria-labelledby="ts-title">
      <header className="page-header">
        <div>
          <h2 id="ts-title">{v.playbook.title}</h2>
          <p className="muted small">
            {session.environment.name}
            {session.offline ? ' · offline, facts typed in' : ` · ${describeDatabase(session.environment.engine, session.environment.host)}`} · started{' '}
            {formatDateTime(session.createdAt)}
          </p>
          <SessionDetails view={v} />
          {(() => {
            const expiry = userExpiry(v.databaseUserExpiresAt);
            return expiry && <p className={expiry.level === 'later' ? 'muted small' : 'small field-error'}>{expiry.text}</p>;
          })()}
          {session.clock && (
            // Times here are this computer's; the database keeps its own local time, read back with this offset.
            <p className={Math.abs(session.clock.skewSeconds) > 60 ? 'small field-error' : 'muted small'}>Database clock: {session.clock.summary}</p>
          )}
        </div>
        <span className={STATUS_LABELS[session.status].badge}>{STATUS_LABELS[session.status].label}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={() => navigate('troubleshoot')}>
          All sessions
        </button>
      </header>
      <div className="ts-layout">
        <nav aria-label="Steps" className="ts-stepper">
          <ol>
            {v.steps.map((step, index) => {
              const isCurrent = index === session.current;
              const mark = step.state.status === 'done' ? '✓' : step.state.status === 'skipped' ? '–' : String(index + 1);
              return (
                <li key={step.id} className={`ts-step ts-step-${step.state.status}${isCurrent ? ' ts-step-current' : ''}`}>
                  <button
                    type="button"
                    aria-current={isCurrent ? 'step' : undefined}
                    disabled={(!completed && !step.reachable) || running !== null}
                    onClick={() => (completed ? setReading(index) : void act({ type: 'goto', step: step.id }))}
                  >
                    <span className="ts-step-mark" aria-hidden="true">
                      {mark}
                    </span>
                    <span>{step.title}</span>
                    <span className="visually-hidden">
                      {' '}
                      ({STATE_WORDS[step.state.status]}
                      {isCurrent ? ', current step' : ''})
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="stack ts-panel">
          <div className="card stack">
            <h3 id="ts-step-title" ref={heading} tabIndex={-1}>
              Step {shownIndex + 1} of {v.steps.length}: {current.title}
            </h3>
            {completed && current.kind !== 'report' && (
              <p className="small muted">This session is completed: the step is shown as it was. Reopen the session to change it.</p>
            )}
            <p>{current.guidance}</p>
            {current.state.status === 'skipped' && <p className="small muted">Skipped: {current.state.skipReason}</p>}
          </div>
          <fieldset className="ts-step-body" disabled={completed && current.kind !== 'report'}>
            {/* First in the step: "Verify now" reads every read-back probe itself, so it is one Tab from the title. */}
            {current.kind === 'verify' && <Verify view={v} saveDrafts={saveDrafts} />}
            {!completed && current.probes.filter((p) => p.probe === 'smtp-check').map((p) => <LiveCheck key={p.id} view={v} probe={p} />)}
            {!completed && <ProbeBar view={v} probes={current.probes.filter((p) => p.probe !== 'smtp-check')} />}
            {!completed && current.probes.some((p) => p.probe === 'error-log') && (
              <EvidenceImport key={session.id} view={v} defaultOffset={session.clock?.utcOffsetMinutes ?? 0} />
            )}
            {!completed && <OtherKnownErrors view={v} step={current} />}
            {current.instructions.length > 0 && (
              <section className="card stack" aria-labelledby="ts-step-instructions">
                <h4 id="ts-step-instructions">What to do</h4>
                <Instructions steps={current.instructions} />
              </section>
            )}
            {current.kind === 'diagnose' && <Diagnosis view={v} />}
            <StepFacts
              step={current}
              facts={session.facts.filter((f) => f.step === current.id)}
              offline={session.offline}
              readOnly={completed}
              drafts={drafts}
              setDraft={(key, value) => setDrafts((d) => ({ ...d, [key]: value }))}
              commit={(key, value) => void commitAndContinue(key, value)}
            />
            <SameMailbox
              view={v}
              step={current}
              value={(() => {
                const key = current.facts.find((f) => f.input === 'senders')?.key;
                return key ? (key in drafts ? drafts[key] : session.facts.find((f) => f.key === key)?.value) : undefined;
              })()}
              onAdd={(key, value) => setDrafts((d) => ({ ...d, [key]: value }))}
            />
            {current.kind === 'choose-plan' && <Plans view={v} />}
            {current.kind === 'apply' && <Apply view={v} />}
            {current.kind === 'restart-checklist' && <Restart view={v} />}
          </fieldset>
          {current.kind === 'report' && <Finish view={v} />}
          {!session.completedAt && (
            <div className="card stack ts-nav">
              {refusal ? (
                <p className="field-error" role="alert">
                  {refusal}
                </p>
              ) : Object.keys(drafts).length > 0 ? (
                <p className="muted small">Continue saves what you typed (or press Save facts to see the effect first).</p>
              ) : current.missing ? (
                <p className="muted small">Still needed: {current.missing}</p>
              ) : null}
              <div className="row">
                <button
                  type="button"
                  className="btn"
                  disabled={session.current === 0 || running !== null}
                  onClick={() => void back()}
                  aria-keyshortcuts="Alt+ArrowLeft"
                >
                  Back
                </button>
                {Object.keys(drafts).length > 0 && (
                  <button type="button" className="btn" onClick={() => void saveDrafts()}>
                    Save facts
                  </button>
                )}
                <span className="spacer" />
                {current.kind !== 'report' && (
                  <button type="button" className="btn btn-ghost" onClick={() => setSkipping((s) => !s)} aria-expanded={skipping}>
                    Skip…
                  </button>
                )}
                {current.kind !== 'report' && (
                  <button type="button" className="btn btn-primary" disabled={running !== null} onClick={() => void next()} aria-keyshortcuts="Enter">
                    Continue
                  </button>
                )}
              </div>
              {skipping && (
                <div className="row">
                  <label htmlFor="ts-skip-reason">Why skip this step</label>
                  <input id="ts-skip-reason" value={skipReason} onChange={(e) => setSkipReason(e.target.value)} />
                  <button
                    type="button"
                    className="btn"
                    disabled={!skipReason.trim()}
                    onClick={() => void act({ type: 'skip', reason: skipReason }).then((ok) => ok && setSkipReason(''))}
                  >
                    Skip step
                  </button>
                </div>
              )}
              <p className="muted small">Enter continues · Alt+Left goes back</p>
            </div>
          )}
          <Attachments view={v} />
          <details className="card">
            <summary>Event log ({session.events.length})</summary>
            <ol className="ts-events">
              {session.events.map((e, i) => (
                <li key={i}>
                  <time className="muted small" dateTime={e.at}>
                    {formatDateTime(e.at)}
                  </time>{' '}
                  {e.summary}
                </li>
              ))}
            </ol>
          </details>
        </div>
      </div>
    </section>
  );
}

const ENGINE_NAMES: Record<string, string> = { sqlserver: 'SQL Server', oracle: 'Oracle', demo: 'embedded demo database' };

/** "SQL Server on db01.contoso.local"; the demo has no host worth naming. */
function describeDatabase(engine: string, host: string | null | undefined): string {
  const name = ENGINE_NAMES[engine] ?? engine;
  return host && engine !== 'demo' ? `${name} on ${host}` : name;
}
