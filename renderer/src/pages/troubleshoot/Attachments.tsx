import { useId, useRef, useState } from 'react';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_TYPE_LABEL,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_CAPTION,
  MAX_SESSION_ATTACHMENT_BYTES,
  attachmentRefusal,
  attachmentsOf,
  formatBytes,
  usedBytes,
  type SessionAttachment,
} from '../../../../shared/attachments';
import type { SessionView } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatLocalTime } from '../../format-time';
import { useWizard } from './store';
import './attachments.css';

/** Base64 of a file's bytes, in slices (a 10 MB file in one call would overflow the argument list). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The files the customer sent (screenshots, PDFs), attached to the session with a caption: listed
 * here, shown in the report's appendix. The back end checks every file again and alone decides.
 */
export function Attachments({ view }: { view: SessionView }) {
  const session = view.session;
  const readOnly = Boolean(session.completedAt);
  const list = attachmentsOf(session);
  const used = usedBytes(session);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<SessionAttachment | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  async function run(work: () => Promise<SessionView>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      useWizard.setState({ view: next });
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function attach() {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const refusal = attachmentRefusal(file.name, bytes, used);
    if (refusal) {
      setError(refusal.message);
      return;
    }
    const ok = await run(() =>
      api['sessions.attach']({ id: session.id, fileName: file.name, contentBase64: toBase64(bytes), ...(caption.trim() ? { caption: caption.trim() } : {}) }),
    );
    if (ok) {
      setFile(null);
      setCaption('');
      if (input.current) input.current.value = '';
    }
  }

  return (
    // Enter here attaches or saves a caption; it never reaches the wizard's "Enter continues".
    <section className="card stack ts-attachments" aria-labelledby={`${id}-title`} onKeyDown={(e) => e.key === 'Enter' && e.stopPropagation()}>
      <div className="row">
        <h4 id={`${id}-title`}>Attachments</h4>
        <span className="muted small">
          {list.length === 0 ? 'none yet' : `${list.length} · ${formatBytes(used)} of ${formatBytes(MAX_SESSION_ATTACHMENT_BYTES)}`}
        </span>
      </div>
      <p className="muted small">Screenshots and files the customer sent: images are shown in the report, PDFs listed with their caption.</p>
      {list.length > 0 && (
        <ul aria-label="Attached files">
          {list.map((a) => (
            <AttachmentItem
              key={a.id}
              attachment={a}
              readOnly={readOnly}
              busy={busy}
              onCaption={(text) => run(() => api['sessions.captionAttachment']({ id: session.id, attachmentId: a.id, caption: text }))}
              onRemove={() => setRemoving(a)}
            />
          ))}
        </ul>
      )}
      {readOnly ? (
        <p className="muted small">This session is completed: reopen it to add or remove files.</p>
      ) : (
        <div className="ts-attachment-add">
          <div className="field">
            <label htmlFor={`${id}-file`}>File to attach</label>
            <input
              id={`${id}-file`}
              ref={input}
              type="file"
              accept={ATTACHMENT_ACCEPT}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setError(null);
              }}
            />
            <span className="field-hint">PNG, JPEG or PDF, at most {formatBytes(MAX_ATTACHMENT_BYTES)}.</span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-caption`}>Caption</label>
            <input
              id={`${id}-caption`}
              value={caption}
              maxLength={MAX_ATTACHMENT_CAPTION}
              placeholder="What it shows, e.g. the error log at 09:14"
              onChange={(e) => setCaption(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void attach()}
            />
          </div>
          <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void attach()}>
            {busy ? 'Attaching…' : 'Attach'}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.fileName}?`}
          confirmLabel="Remove"
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const target = removing;
            setRemoving(null);
            void run(() => api['sessions.detach']({ id: session.id, attachmentId: target.id }));
          }}
        >
          <p>The file is deleted from this computer's data folder and no longer shown in the report. The session's log keeps that it was attached.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AttachmentItem({
  attachment: a,
  readOnly,
  busy,
  onCaption,
  onRemove,
}: {
  attachment: SessionAttachment;
  readOnly: boolean;
  busy: boolean;
  onCaption(text: string): Promise<boolean>;
  onRemove(): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? a.caption;
  const changed = draft !== null && draft.trim() !== a.caption;
  return (
    <li className="ts-attachment">
      <div>
        <div className="ts-attachment-name">{a.fileName}</div>
        <div className="muted small">
          {ATTACHMENT_TYPE_LABEL[a.type]}, {formatBytes(a.bytes)} · added {formatLocalTime(a.addedAt)} by {a.addedBy}
        </div>
      </div>
      {!readOnly && (
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove ${a.fileName}`} disabled={busy} onClick={onRemove}>
          Remove
        </button>
      )}
      <div className="ts-attachment-caption">
        {readOnly ? (
          <span>{a.caption || <span className="muted">No caption</span>}</span>
        ) : (
          <>
            <input
              aria-label={`Caption of ${a.fileName}`}
              value={text}
              maxLength={MAX_ATTACHMENT_CAPTION}
              placeholder="No caption"
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && changed && void onCaption(text.trim()).then((ok) => ok && setDraft(null))}
            />
            {changed && (
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void onCaption(text.trim()).then((ok) => ok && setDraft(null))}>
                Save caption
              </button>
            )}
          </>
        )}
      </div>
    </li>
  );
}
