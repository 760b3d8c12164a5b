import { Editor } from './Editor';
import { Results } from './Results';
import { Scenarios } from './Scenarios';
import { useEffect } from 'react';
import { hasUnsavedChanges, useWhatIf } from './store';
import './whatif.css';

/** The offline what-if calculator: edit a farm, see its connection budget and plans as you type. */
export function WhatIfPage() {
  const lastResult = useWhatIf((s) => s.lastResult);
  const errorCount = useWhatIf((s) => Object.keys(s.evaluation.errors).length);
  const unsaved = useWhatIf(hasUnsavedChanges);

  // Closing or reloading the window loses the input (it lives in this page only): ask first.
  // Moving to another page of the app keeps it, so that needs no question.
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  return (
    <section className="page whatif-page">
      <header className="page-header">
        <h2>What-if</h2>
        <p className="muted">
          How many SMTP connections and recipients per 24 hours reach each sending mailbox, and which changes bring them within the limits. Works offline.
        </p>
      </header>
      <div className="whatif-layout">
        <div className="stack">
          {errorCount > 0 && (
            <div className="banner banner-warning" role="alert">
              <div className="banner-body">
                {errorCount === 1 ? 'One field needs attention.' : `${errorCount} fields need attention.`} The result shown is from the last valid input.
              </div>
            </div>
          )}
          <Editor />
        </div>
        <div className="stack">
          {lastResult ? <Results result={lastResult} stale={errorCount > 0} /> : <p className="empty">Fill in the fields to see the result.</p>}
          <Scenarios />
        </div>
      </div>
    </section>
  );
}
