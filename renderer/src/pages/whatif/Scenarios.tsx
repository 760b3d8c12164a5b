import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatLocalTime } from '../../format-time';
import { TextField } from './fields';
import { hasUnsavedChanges, useWhatIf } from './store';

/** Save the current input under a name; reopen or delete saved scenarios. */
export function Scenarios() {
  const scenarios = useWhatIf((s) => s.scenarios);
  const current = useWhatIf((s) => s.scenario);
  const valid = useWhatIf((s) => Boolean(s.evaluation.input));
  const { loadScenarios, save, open, remove, reset } = useWhatIf.getState();
  const [name, setName] = useState(current?.name ?? '');
  const [nameError, setNameError] = useState<string>();
  const [confirming, setConfirming] = useState<string | null>(null);
  const unsaved = useWhatIf(hasUnsavedChanges);
  /** An action that replaces the input, waiting for a yes while the input has unsaved changes. */
  const [replacing, setReplacing] = useState<{ what: string; run(): void } | null>(null);
  const replaceInput = (what: string, run: () => void) => (unsaved ? setReplacing({ what, run }) : run());

  useEffect(() => {
    void loadScenarios();
  }, [loadScenarios]);
  useEffect(() => setName(current?.name ?? ''), [current]);

  const submit = async (asNew: boolean) => {
    if (!name.trim()) {
      setNameError('Give the scenario a name');
      return;
    }
    setNameError(undefined);
    await save(name.trim(), asNew);
  };

  return (
    <section className="card" aria-labelledby="whatif-scenarios">
      <h3 id="whatif-scenarios">Scenarios</h3>
      <form
        className="whatif-save"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(false);
        }}
      >
        <TextField label="Scenario name" value={name} onChange={setName} error={nameError} placeholder="e.g. Contoso PRD, March" />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!valid}>
            {current ? 'Save changes' : 'Save scenario'}
          </button>
          {current && (
            <button type="button" className="btn" disabled={!valid} onClick={() => void submit(true)}>
              Save as new
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={() => replaceInput('start a new scenario', reset)}>
            New
          </button>
        </div>
        {!valid && <p className="field-hint">Fix the marked fields to save.</p>}
        {current && <p className="small muted">Editing the saved scenario “{current.name}”.</p>}
        {unsaved && (
          <p className="small whatif-unsaved" role="status">
            {current ? 'Changes not saved yet.' : 'Not saved yet: closing or reloading the window loses this input.'}
          </p>
        )}
      </form>
      {scenarios.length === 0 ? (
        <p className="muted small">No saved scenarios yet.</p>
      ) : (
        <ul className="whatif-scenario-list" aria-label="Saved scenarios">
          {scenarios.map((s) => (
            <li key={s.id} aria-current={current?.id === s.id ? 'true' : undefined}>
              <div className="whatif-scenario-name">
                <strong>{s.name}</strong>
                <span className="muted small">
                  {s.environments} env · {s.servers} servers · <time dateTime={s.updatedAt}>{formatLocalTime(s.updatedAt)}</time>
                </span>
              </div>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Open ${s.name}`}
                onClick={() => replaceInput(`open “${s.name}”`, () => void open(s.id))}
              >
                Open
              </button>
              {confirming === s.id ? (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={`Confirm delete ${s.name}`}
                  onClick={() => {
                    setConfirming(null);
                    void remove(s.id);
                  }}
                >
                  Confirm delete
                </button>
              ) : (
                <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete ${s.name}`} onClick={() => setConfirming(s.id)}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={replacing !== null}
        title="Discard the unsaved changes?"
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        danger
        onCancel={() => setReplacing(null)}
        onConfirm={() => {
          replacing?.run();
          setReplacing(null);
        }}
      >
        <p>The input has changes that no saved scenario holds. To {replacing?.what ?? 'go on'}, they are discarded. Keep editing to save them first.</p>
      </ConfirmDialog>
    </section>
  );
}
