import { useEffect, useId, useState } from 'react';
import { Modal } from '../../components/Modal';
import type { ImportPreview } from '../../../../shared/api/methods/profiles';
import type { ProfilePublic } from '../../../../shared/profiles/schema';

/** Asks for a password that is not saved; it is kept in the back end's memory for this session. */
export function PasswordDialog({
  profile,
  onCancel,
  onSubmit,
}: {
  profile: ProfilePublic | null;
  onCancel(): void;
  onSubmit(password: string, logPassword?: string): void;
}) {
  const titleId = useId();
  const [password, setPassword] = useState('');
  const [logPassword, setLogPassword] = useState('');
  useEffect(() => {
    setPassword('');
    setLogPassword('');
  }, [profile]);
  const needsLog = Boolean(profile?.logUser) && !profile?.hasLogPassword;
  return (
    <Modal open={profile !== null} labelledBy={titleId} onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (password) onSubmit(password, needsLog && logPassword ? logPassword : undefined);
        }}
      >
        <h2 id={titleId}>Password for {profile?.name}</h2>
        <p className="muted">{profile?.passwordNote ?? 'The password is not saved.'} It is kept in memory for this session only, never written to disk.</p>
        <div className="field">
          <label htmlFor={`${titleId}-pw`}>Password of {profile?.user}</label>
          <input id={`${titleId}-pw`} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
        </div>
        {needsLog && (
          <div className="field">
            <label htmlFor={`${titleId}-logpw`}>Password of log user {profile?.logUser}</label>
            <input id={`${titleId}-logpw`} type="password" autoComplete="off" value={logPassword} onChange={(e) => setLogPassword(e.target.value)} />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!password}>
            Use for this session
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** What an import will do, before it writes anything. */
export function ImportDialog({
  preview,
  fileName,
  onCancel,
  onConfirm,
}: {
  preview: ImportPreview | null;
  fileName: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  const titleId = useId();
  const nothing = preview !== null && preview.added.length === 0 && preview.replaced.length === 0;
  return (
    <Modal open={preview !== null} labelledBy={titleId} onClose={onCancel}>
      <h2 id={titleId}>Import {fileName}?</h2>
      {preview && (
        <div className="stack env-import-preview">
          {nothing && <p>The file holds no environments.</p>}
          {preview.added.length > 0 && (
            <section aria-label="Environments to add">
              <h3>Added ({preview.added.length})</h3>
              <ul>
                {preview.added.map((name, i) => (
                  <li key={`${name}-${i}`}>{name}</li>
                ))}
              </ul>
            </section>
          )}
          {preview.replaced.length > 0 && (
            <section aria-label="Environments to replace">
              <h3>Replaced ({preview.replaced.length})</h3>
              <p className="muted small">
                Their settings are overwritten by the file. A saved password is kept only when the server, sign-in and user stay the same.
              </p>
              <ul className="env-import-replaced">
                {preview.replacements.map((r, i) => (
                  <li key={`${r.name}-${i}`}>
                    <strong>{r.name}</strong>
                    <span className="muted">{r.changed.length ? `: changes ${listInWords(r.changed)}.` : ': no change.'}</span>
                    {r.dropsPassword && (
                      <span className="env-import-drop"> Its saved password will be dropped: where it connects changes, so enter it again.</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p className="muted small">The file holds no passwords: enter them when you first connect.</p>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={nothing}>
          Import
        </button>
      </div>
    </Modal>
  );
}

/** "Host, Port and User". */
function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
