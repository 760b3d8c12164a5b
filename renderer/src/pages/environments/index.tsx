import { useEffect, useRef, useState } from 'react';
import { downloadBlob } from '../../api/download';
import type { ImportPreview } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { useUi, withErrorBanner } from '../../stores/ui';
import { ImportDialog } from './dialogs';
import { ProfileCard } from './ProfileCard';
import { ProfileEditor } from './ProfileEditor';
import { SmtpCheckPage } from './SmtpCheckPage';
import { matchesSearch, sentence, useEnvironments } from './store';
import './environments.css';

/**
 * Routes: #/environments (the list), #/environments/new, #/environments/edit/<id>, #/environments/smtp-check.
 */
export function EnvironmentsPage() {
  const rest = useUi((s) => s.route.rest);
  const navigate = useUi((s) => s.navigate);
  const profiles = useEnvironments((s) => s.profiles);
  const loaded = useEnvironments((s) => s.loaded);
  const load = useEnvironments((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (rest[0] === 'smtp-check') return <SmtpCheckPage />;
  const editing = rest[0] === 'edit' ? profiles.find((p) => p.id === rest[1]) : undefined;
  if (rest[0] === 'new' || rest[0] === 'edit') {
    return (
      <section className="page env-page">
        <header className="page-header">
          <button type="button" className="btn btn-ghost" onClick={() => navigate('environments')}>
            ← All environments
          </button>
          <h2>{rest[0] === 'new' ? 'New environment' : `Edit ${editing?.name ?? 'environment'}`}</h2>
        </header>
        {rest[0] === 'new' ? (
          <ProfileEditor key="new" />
        ) : editing && !editing.builtIn ? (
          <ProfileEditor key={editing.id} profile={editing} />
        ) : loaded ? (
          <p className="empty">{editing?.builtIn ? 'The built-in demo environment cannot be edited.' : 'This environment no longer exists.'}</p>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
    );
  }
  return <EnvironmentList />;
}

function EnvironmentList() {
  const navigate = useUi((s) => s.navigate);
  const profiles = useEnvironments((s) => s.profiles);
  const loaded = useEnvironments((s) => s.loaded);
  const load = useEnvironments((s) => s.load);
  const capabilities = useEnvironments((s) => s.capabilities);
  const [query, setQuery] = useState('');
  const [importing, setImporting] = useState<{ json: string; fileName: string; preview: ImportPreview } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The last import's problem: one banner, replaced by the next attempt, gone after a good one. */
  const [importError, setImportError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const shown = profiles.filter((p) => matchesSearch(p, query));
  const ownCount = profiles.filter((p) => !p.builtIn).length;

  const pickImport = async (file: File | undefined) => {
    if (!file) return;
    const json = await file.text();
    if (fileInput.current) fileInput.current.value = '';
    setNotice(null);
    try {
      const preview = await api['profiles.importPreview']({ json });
      setImportError(null);
      setImporting({ json, fileName: file.name, preview });
    } catch (error) {
      setImportError(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const confirmImport = async () => {
    if (!importing) return;
    let done: ImportPreview | undefined;
    try {
      done = await api['profiles.import']({ json: importing.json });
    } catch (error) {
      setImportError(`${importing.fileName}: ${error instanceof Error ? error.message : String(error)}`);
    }
    setImporting(null);
    if (done) {
      setNotice(`Imported ${importing.fileName}: ${done.added.length} added, ${done.replaced.length} replaced.`);
      await load();
    }
  };
  const exportAll = async () => {
    const file = await withErrorBanner(() => api['profiles.export']({}));
    if (!file) return;
    downloadBlob(new Blob([file.json], { type: 'application/json' }), file.fileName);
    setNotice(`Exported ${file.count} ${file.count === 1 ? 'environment' : 'environments'} to ${file.fileName}, without passwords.`);
  };

  return (
    <section className="page env-page">
      <header className="page-header">
        <h2>Environments</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => navigate('environments', 'new')}>
          New environment
        </button>
        <label className="btn">
          Import…
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            aria-label="Import environments from a file"
            onChange={(e) => void pickImport(e.target.files?.[0])}
          />
        </label>
        <button type="button" className="btn" onClick={() => void exportAll()} disabled={ownCount === 0}>
          Export
        </button>
        <button type="button" className="btn" onClick={() => navigate('environments', 'smtp-check')}>
          Check a mail server
        </button>
      </header>
      {capabilities && !capabilities.canRememberPasswords && (
        <p className="muted small env-capability">Saving passwords is off. {sentence(capabilities.reason ?? 'This host cannot encrypt passwords')}</p>
      )}
      {notice && (
        <div className="banner banner-success" role="status">
          <div className="banner-body">{notice}</div>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss message" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {importError && (
        <div className="banner banner-error" role="alert" aria-label="Import problem">
          <div className="banner-body">{importError}</div>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss the import problem" onClick={() => setImportError(null)}>
            ×
          </button>
        </div>
      )}
      <div className="field env-search">
        <label htmlFor="env-search">Search environments</label>
        <input id="env-search" type="search" value={query} placeholder="Name, customer, host, mailbox…" onChange={(e) => setQuery(e.target.value)} />
      </div>
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="empty">{query ? `No environment matches “${query}”.` : 'No environments yet.'}</p>
      ) : (
        <div className="env-list" aria-label="Environments, most recently used first">
          {shown.map((p) => (
            <ProfileCard key={p.id} profile={p} onEdit={(id) => navigate('environments', 'edit', id)} />
          ))}
        </div>
      )}
      {loaded && ownCount === 0 && !query && (
        <p className="muted env-hint">
          Add the environments you look after with New environment, or import a file a colleague exported. The built-in demo works without a server.
        </p>
      )}
      <ImportDialog
        preview={importing?.preview ?? null}
        fileName={importing?.fileName ?? ''}
        onCancel={() => setImporting(null)}
        onConfirm={() => void confirmImport()}
      />
    </section>
  );
}
