import { useId, useMemo, useState } from 'react';
import { parsePastedServers, toServerFacts, type ServerFactRow } from '../../../../shared/servers/parse-servers';

const YES_NO = (value: boolean | null) => (value === null ? 'not said' : value ? 'yes' : 'no');

/**
 * "Paste from Service Center": the table of Administration > Servers copied as text becomes the
 * servers fact's rows, after the engineer has seen what was read. "Send Emails" stays unknown where
 * the text does not say it, so it is confirmed per server in the editor above, as usual.
 * Its styles are in attachments.css, loaded with the page by the Attachments card (StepFacts, and so
 * this file, is also imported by Node tests, where a stylesheet import does not type-check).
 */
export function PasteServers({ label, onUse }: { label: string; onUse(rows: ServerFactRow[]): void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [taken, setTaken] = useState<string | null>(null);
  const id = useId();
  const parsed = useMemo(() => parsePastedServers(text), [text]);
  const count = parsed.servers.length;

  if (!open) {
    return (
      <div className="ts-paste-servers row">
        <button type="button" className="btn btn-small" aria-expanded={false} onClick={() => setOpen(true)}>
          Paste from Service Center
        </button>
        {taken && (
          <p className="small" role="status">
            {taken}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="ts-paste-servers stack" role="group" aria-labelledby={`${id}-title`}>
      <div className="row">
        <strong id={`${id}-title`}>Paste from Service Center</strong>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={true} onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text copied from Service Center &gt; Administration &gt; Servers</label>
        <textarea
          id={`${id}-text`}
          rows={5}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          placeholder={'Name\tIP Address\tStatus\nFE01\t10.0.1.11\tActive'}
        />
        <span className="field-hint">
          Select the servers table (with its header if you can) and paste it here. The columns are found by their names, or by what the cells look like.
        </span>
      </div>
      {text.trim() !== '' && count === 0 && (
        <p className="field-error">No server found in this text: paste the rows of the Servers table (a name with its IP address or status on each line).</p>
      )}
      {count > 0 && (
        <>
          <div className="table-scroll">
            <table className="table" aria-label="Servers read from the pasted text">
              <thead>
                <tr>
                  <th scope="col">Server</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Status</th>
                  <th scope="col">Active</th>
                  <th scope="col">Sends email</th>
                </tr>
              </thead>
              <tbody>
                {parsed.servers.map((s) => (
                  <tr key={s.name}>
                    <td>{s.name}</td>
                    <td>{s.ip ?? '—'}</td>
                    <td>{s.status ?? 'not said'}</td>
                    <td>{s.active ? 'yes' : 'no'}</td>
                    <td>{YES_NO(s.sendsEmail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {parsed.notes.map((note) => (
            <p key={note} className="small">
              {note}
            </p>
          ))}
          {parsed.skipped.length > 0 && (
            <p className="muted small">
              Not read as a server: {parsed.skipped.length === 1 ? 'one line' : `${parsed.skipped.length} lines`} (
              {parsed.skipped
                .slice(0, 3)
                .map((line) => `“${line.slice(0, 40)}”`)
                .join(', ')}
              {parsed.skipped.length > 3 ? ', …' : ''}).
            </p>
          )}
          {!parsed.sendEmailsColumn && (
            <p className="small">The text has no “Send Emails” column: say for each server whether it sends email after taking them.</p>
          )}
          <div className="row">
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => {
                onUse(toServerFacts(parsed.servers));
                const unknown = parsed.servers.filter((s) => s.active && s.sendsEmail === null).length;
                setTaken(
                  `${count === 1 ? 'One server' : `${count} servers`} taken from the pasted text into ${label}.${unknown ? ' Confirm “Sends email” for each, and the zones, then continue.' : ' Give the zones, then continue.'}`,
                );
                setText('');
                setOpen(false);
              }}
            >
              Use {count === 1 ? 'this server' : `these ${count} servers`}
            </button>
            <span className="muted small">Replaces the servers listed above.</span>
          </div>
        </>
      )}
    </div>
  );
}
