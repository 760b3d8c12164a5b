import { useEffect, useState } from 'react';
import type { PlaybookSummary } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { useUi, withErrorBanner } from '../../stores/ui';

interface EnvironmentChoice {
  id: string;
  name: string;
  note: string;
}

const OFFLINE = '__offline__';

/**
 * Starting a session: the environment (a saved one, the embedded demo, or offline) and the
 * playbook, picked from the list or recognised from a pasted error.
 */
export function NewSession({ profileId }: { profileId: string | null }) {
  const navigate = useUi((s) => s.navigate);
  const [environments, setEnvironments] = useState<EnvironmentChoice[] | null>(null);
  const [playbooks, setPlaybooks] = useState<PlaybookSummary[]>([]);
  const [environment, setEnvironment] = useState<string>(profileId ?? '');
  const [offlineName, setOfflineName] = useState('');
  const [playbookId, setPlaybookId] = useState('');
  const [pasted, setPasted] = useState('');
  const [recognition, setRecognition] = useState<{ message: string; matched: boolean } | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void (async () => {
      const list = await withErrorBanner(() => api['playbooks.list']({}));
      setPlaybooks(list ?? []);
      if (list?.length === 1) setPlaybookId(list[0]!.id);
      // The embedded demo is offered even when the saved connections cannot be listed.
      const profiles = await api['profiles.list']({}).catch(() => null);
      const choices: EnvironmentChoice[] = (profiles ?? []).map((p) => ({
        id: p.id,
        name: p.name,
        note: [p.customer, p.builtIn ? 'built-in demo' : p.engine === 'oracle' ? 'Oracle' : 'SQL Server', p.host].filter(Boolean).join(' · '),
      }));
      if (!choices.some((c) => c.id === 'demo')) choices.push({ id: 'demo', name: 'Demo farm (embedded)', note: 'built-in demo' });
      setEnvironments(choices);
      setEnvironment((current) => current || choices[0]?.id || OFFLINE);
    })();
  }, []);

  async function recognise() {
    const result = await withErrorBanner(() => api['playbooks.recognise']({ text: pasted }));
    if (!result) return;
    setRecognition({ message: result.message, matched: result.playbooks.length > 0 });
    if (result.playbooks[0]) setPlaybookId(result.playbooks[0].id);
  }

  async function start() {
    setStarting(true);
    const view = await withErrorBanner(() =>
      api['sessions.create']({
        playbookId,
        profileId: environment === OFFLINE ? null : environment,
        ...(environment === OFFLINE && offlineName.trim() ? { environmentName: offlineName.trim() } : {}),
        ...(pasted.trim() ? { pastedError: pasted } : {}),
      }),
    );
    setStarting(false);
    if (view) navigate('troubleshoot', view.session.id);
  }

  const unknownProfile = profileId && environments && !environments.some((e) => e.id === profileId);

  return (
    <section className="page" aria-labelledby="new-session-title">
      <header className="page-header">
        <h2 id="new-session-title">New troubleshooting session</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={() => navigate('troubleshoot')}>
          Back to sessions
        </button>
      </header>
      <form
        className="stack ts-new"
        onSubmit={(event) => {
          event.preventDefault();
          if (playbookId && environment) void start();
        }}
      >
        <div className="card">
        <fieldset className="field">
          <legend>1. Environment</legend>
          {unknownProfile && <p className="field-error">The environment in the link is not saved here; choose another.</p>}
          {environments === null ? (
            <p className="muted">Loading environments…</p>
          ) : (
            <div className="stack ts-choices">
              {environments.map((e) => (
                <label key={e.id} className="ts-choice">
                  <input type="radio" name="environment" value={e.id} checked={environment === e.id} onChange={() => setEnvironment(e.id)} />
                  <span>
                    <strong>{e.name}</strong>
                    <span className="muted small"> {e.note}</span>
                  </span>
                </label>
              ))}
              <label className="ts-choice">
                <input type="radio" name="environment" value={OFFLINE} checked={environment === OFFLINE} onChange={() => setEnvironment(OFFLINE)} />
                <span>
                  <strong>Offline</strong>
                  <span className="muted small"> no database: you type in every fact</span>
                </span>
              </label>
              {environment === OFFLINE && (
                <div className="field ts-indent">
                  <label htmlFor="ts-offline-name">Environment name (for the report)</label>
                  <input id="ts-offline-name" value={offlineName} placeholder="e.g. Contoso PRD" onChange={(e) => setOfflineName(e.target.value)} />
                </div>
              )}
            </div>
          )}
        </fieldset>
        </div>
        <div className="card">
        <fieldset className="field">
          <legend>2. What is wrong</legend>
          <div className="field">
            <label htmlFor="ts-paste">Paste an error (optional)</label>
            <textarea
              id="ts-paste"
              value={pasted}
              placeholder="e.g. Error sending email 123: 432 4.3.2 Concurrent connections limit exceeded."
              onChange={(e) => {
                setPasted(e.target.value);
                setRecognition(null);
              }}
            />
            <div className="row">
              <button type="button" className="btn" disabled={!pasted.trim()} onClick={() => void recognise()}>
                Recognise the error
              </button>
              {recognition && (
                <span role="status" className={recognition.matched ? 'ts-ok' : 'field-error'}>
                  {recognition.message}
                </span>
              )}
            </div>
          </div>
          <div className="stack ts-choices" role="radiogroup" aria-label="Playbook">
            {playbooks.map((p) => (
              <label key={p.id} className="ts-choice">
                <input type="radio" name="playbook" value={p.id} checked={playbookId === p.id} onChange={() => setPlaybookId(p.id)} />
                <span>
                  <strong>{p.title}</strong>
                  <span className="muted small"> {p.summary}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!playbookId || !environment || starting}>
            {starting ? 'Starting…' : 'Start session'}
          </button>
        </div>
      </form>
    </section>
  );
}
