import { useEffect, useRef, useState } from 'react';
import type { Recognition } from '../../../../shared/incidents/recognise';
import type { PlaybookSummary } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { takeNewSessionPrefill } from '../../stores/new-session-prefill';
import { useUi, withErrorBanner } from '../../stores/ui';
import { EvidenceImport, type ChosenEvidence } from './EvidenceImport';
import { useWizard } from './store';

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
  const [pasted, setPasted] = useState(takeNewSessionPrefill);
  const [ticket, setTicket] = useState('');
  const [customer, setCustomer] = useState('');
  const pasteBox = useRef<HTMLTextAreaElement>(null);
  const autoProbe = useWizard((s) => s.autoProbe);
  const [recognition, setRecognition] = useState<Recognition | null>(null);
  const [starting, setStarting] = useState(false);
  const [evidence, setEvidence] = useState<ChosenEvidence | null>(null);

  // The paste box has focus on a new session: the error is usually the first thing at hand.
  useEffect(() => pasteBox.current?.focus(), []);

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
    setRecognition(result);
    if (result.playbooks[0]) setPlaybookId(result.playbooks[0].id);
  }

  /** The playbook to start: the chosen one, else the best one the pasted text names. */
  async function playbookToStart(): Promise<string> {
    if (playbookId || !pasted.trim()) return playbookId;
    const result = await withErrorBanner(() => api['playbooks.recognise']({ text: pasted }));
    if (result) setRecognition(result);
    return result?.playbooks[0]?.id ?? '';
  }

  async function start() {
    if (starting || !environment) return;
    setStarting(true);
    const chosen = await playbookToStart();
    if (!chosen) {
      setStarting(false);
      return;
    }
    const view = await withErrorBanner(() =>
      api['sessions.create']({
        playbookId: chosen,
        profileId: environment === OFFLINE ? null : environment,
        ...(environment === OFFLINE && offlineName.trim() ? { environmentName: offlineName.trim() } : {}),
        ...(pasted.trim() ? { pastedError: pasted } : {}),
        ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
        ...(customer.trim() ? { customer: customer.trim() } : {}),
      }),
    );
    setStarting(false);
    if (!view) return;
    navigate('troubleshoot', view.session.id);
    // On a saved environment the probes read what they can at once; the wizard then opens where the engineer is needed.
    // The customer's export chosen here is counted after them, so it is what the error-log facts say.
    void (async () => {
      if (!view.session.offline) await autoProbe(view);
      if (evidence) await importChosen(view.session.id, evidence);
    })();
  }

  async function importChosen(id: string, chosen: ChosenEvidence) {
    const imported = await withErrorBanner(() =>
      api['sessions.importEvidence']({
        id,
        fileName: chosen.fileName,
        contentBase64: chosen.contentBase64,
        mapping: chosen.mapping,
        utcOffsetMinutes: chosen.utcOffsetMinutes,
      }),
    );
    if (imported) useWizard.setState({ view: imported });
  }

  /** The playbook named by the export's own messages, when none is chosen yet. */
  async function chooseEvidence(chosen: ChosenEvidence | null) {
    setEvidence(chosen);
    if (!chosen || playbookId || !chosen.mapping.message) return;
    const column = chosen.preview.columns.indexOf(chosen.mapping.message);
    const text = chosen.preview.rows.map((r) => r[column] ?? '').join('\n');
    const result = await api['playbooks.recognise']({ text }).catch(() => null);
    if (result?.playbooks[0]) setPlaybookId((current) => current || result.playbooks[0]!.id);
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
          void start();
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
                ref={pasteBox}
                value={pasted}
                aria-keyshortcuts="Control+Enter"
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void start();
                  }
                }}
                placeholder="Paste the error line, or a whole excerpt of the error log"
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
                  <span role="status" className={recognition.results.length > 0 ? 'ts-ok' : 'field-error'}>
                    {recognition.message}
                  </span>
                )}
              </div>
              {recognition && <RecognitionDetails recognition={recognition} onChoose={setPlaybookId} />}
            </div>
            <EvidenceImport onChosen={(chosen) => void chooseEvidence(chosen)} />
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
        <div className="card">
          <fieldset className="field">
            <legend>3. Ticket (optional)</legend>
            <div className="row">
              <div className="field">
                <label htmlFor="ts-ticket">Ticket or case number</label>
                <input id="ts-ticket" value={ticket} maxLength={64} placeholder="e.g. CS-123456" onChange={(e) => setTicket(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="ts-customer">Customer</label>
                <input id="ts-customer" value={customer} maxLength={100} placeholder="as the environment says" onChange={(e) => setCustomer(e.target.value)} />
              </div>
            </div>
            <p className="muted small">The ticket names the session in the lists, the report and the exported files.</p>
          </fieldset>
        </div>
        <div className="row">
          <span className="muted small">Ctrl+Enter in the paste box starts the session.</span>
          <span className="spacer" />
          <button type="submit" className="btn btn-primary" disabled={(!playbookId && !pasted.trim()) || !environment || starting}>
            {starting ? 'Starting…' : evidence ? 'Start session and import' : 'Start session'}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * What the pasted text matched, best first: lines per playbook (and per form of the error), the
 * first matching line with the match highlighted; or the nearest known texts when none matched.
 */
function RecognitionDetails({ recognition, onChoose }: { recognition: Recognition; onChoose(id: string): void }) {
  if (recognition.results.length === 0) {
    if (recognition.nearest.length === 0) return null;
    return (
      <ul className="ts-recognised small">
        {recognition.nearest.map((n) => (
          <li key={n.text}>
            <code>{n.text}</code> {n.meaning}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ol className="ts-recognised small" aria-label="Recognised playbooks">
      {recognition.results.map((r) => {
        const line = r.firstLine;
        return (
          <li key={r.id}>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onChoose(r.id)} aria-label={`Choose ${r.title}`}>
              {r.title}
            </button>{' '}
            <span className="muted">
              {r.lines} matching line{r.lines === 1 ? '' : 's'}
              {Object.keys(r.variants).length > 1
                ? ` (${Object.entries(r.variants)
                    .map(([v, n]) => `${n} ${v}`)
                    .join(', ')})`
                : ''}
              , first on line {line.index + 1}:
            </span>
            <div className="ts-recognised-line">
              {line.text.slice(0, line.start)}
              <mark>{line.text.slice(line.start, line.end)}</mark>
              {line.text.slice(line.end)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
