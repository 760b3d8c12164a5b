import { useRef, useState } from 'react';
import { ApiError } from '../../../../shared/api/errors';
import { MAX_CONCURRENT_CONNECTIONS } from '../../../../shared/smtp-check/request';
import type { SmtpCheckResult } from '../../../../shared/smtp-check/result';
import { api, newCallId } from '../../api/client';
import { downloadBlob } from '../../api/download';
import { prefillNewSession } from '../../stores/new-session-prefill';
import { useUi } from '../../stores/ui';
import { CheckboxInput, SelectInput, TextInput } from './fields';
import { DEFAULT_SMTP_DRAFT, refusedReply, smtpCheckFileName, smtpCheckRequestOf, type SmtpCheckDraft } from './smtp-check-form';
import { SmtpCheckStages } from './SmtpCheckResult';

/** Request fields the form shows an error under; a refusal about any other goes to the banner. */
const FIELDS = [
  'host',
  'port',
  'login.user',
  'login.password',
  'login.accessToken',
  'envelope.from',
  'envelope.to',
  'concurrency.connections',
  'concurrency.consent',
  'trustedCaPem',
];

/**
 * #/environments/smtp-check: the live SMTP check from this computer (domain.md 4e). The password or
 * token is kept in this form only until the check starts, then cleared: it is never saved or shown.
 */
export function SmtpCheckPage() {
  const navigate = useUi((s) => s.navigate);
  const [draft, setDraft] = useState<SmtpCheckDraft>(DEFAULT_SMTP_DRAFT);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ message: string; fraction?: number } | null>(null);
  const [result, setResult] = useState<SmtpCheckResult | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const callId = useRef<string | null>(null);
  const set =
    <K extends keyof SmtpCheckDraft>(key: K) =>
    (value: SmtpCheckDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (...fields: string[]) => (error?.field && fields.includes(error.field) ? error.message.replace(/^[\w.]+: /, '') : undefined);

  async function run() {
    if (running) return;
    const id = newCallId();
    callId.current = id;
    const request = smtpCheckRequestOf(draft);
    // The secret leaves the form with the request: typed for this check only.
    setDraft((d) => ({ ...d, secret: '' }));
    setRunning(true);
    setError(null);
    setResult(null);
    setProgress({ message: 'Starting' });
    try {
      setResult(await api['smtpCheck.run'](request, { callId: id, onProgress: (p) => setProgress(p) }));
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), field: e instanceof ApiError ? e.field : undefined });
    } finally {
      callId.current = null;
      setRunning(false);
      setProgress(null);
    }
  }

  const refused = result ? refusedReply(result) : null;
  const downloadJson = () => {
    if (!result) return;
    downloadBlob(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }), smtpCheckFileName(result));
  };
  const startSession = () => {
    if (!refused?.reply) return;
    prefillNewSession(refused.reply);
    navigate('troubleshoot', 'new');
  };

  return (
    <section className="page env-page" aria-labelledby="smtp-check-title">
      <header className="page-header">
        <button type="button" className="btn btn-ghost" onClick={() => navigate('environments')}>
          ← All environments
        </button>
        <h2 id="smtp-check-title">Check the mail server</h2>
      </header>
      <p className="muted">
        Connects from this computer to the mail server the platform sends through and reports each stage: name resolution, TCP connect, banner, EHLO, TLS and
        its certificate, the AUTH mechanisms offered, and when asked a login, MAIL FROM / RCPT TO, a test email and concurrent connections. To check from a
        front-end server, give the customer the command in the README (npm run -s smtp-check).
      </p>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="card">
          <div className="env-grid">
            <TextInput label="Mail server" value={draft.host} onChange={set('host')} error={fieldError('host')} placeholder="smtp.office365.com" />
            <TextInput label="Port" numeric value={draft.port} onChange={set('port')} error={fieldError('port')} />
            <SelectInput
              label="TLS"
              value={draft.tls}
              onChange={set('tls')}
              options={[
                { value: 'starttls', label: 'STARTTLS (port 587, Exchange Online)' },
                { value: 'implicit', label: 'Implicit TLS (port 465)' },
                { value: 'none', label: 'None: no encryption' },
              ]}
            />
          </div>
          <CheckboxInput label="Sign in" checked={draft.signIn || draft.measure} disabled={draft.measure} onChange={set('signIn')} />
          {(draft.signIn || draft.measure) && (
            <div className="env-grid">
              <TextInput label="User (mailbox)" value={draft.user} onChange={set('user')} error={fieldError('login.user')} autoComplete="off" />
              <SelectInput
                label="Sign in with"
                value={draft.method}
                onChange={set('method')}
                options={[
                  { value: 'password', label: 'Password (AUTH LOGIN or PLAIN)' },
                  { value: 'xoauth2', label: 'OAuth 2.0 access token (XOAUTH2)' },
                ]}
              />
              <TextInput
                label={draft.method === 'xoauth2' ? 'Access token' : 'Password'}
                type="password"
                autoComplete="off"
                value={draft.secret}
                onChange={set('secret')}
                error={fieldError('login.password', 'login.accessToken')}
                hint="Used for this check only: never saved, logged or put in a session or report."
              />
            </div>
          )}
          {draft.tls === 'none' && (draft.signIn || draft.measure) && (
            <p className="banner banner-warning" role="note">
              With TLS set to none, the password or token crosses the network unencrypted.
            </p>
          )}
          <CheckboxInput label="Try MAIL FROM / RCPT TO" checked={draft.tryEnvelope || draft.measure} disabled={draft.measure} onChange={set('tryEnvelope')} />
          {(draft.tryEnvelope || draft.measure) && (
            <div className="env-grid">
              <TextInput label="From (MAIL FROM)" type="email" value={draft.from} onChange={set('from')} error={fieldError('envelope.from')} />
              <TextInput label="To (RCPT TO)" type="email" value={draft.to} onChange={set('to')} error={fieldError('envelope.to')} />
              <CheckboxInput label="Send a real test email to this address" checked={draft.send} onChange={set('send')} />
            </div>
          )}
          <CheckboxInput label="Measure concurrent connections" checked={draft.measure} onChange={set('measure')} />
          {draft.measure && (
            <div className="env-grid">
              <TextInput
                label="Connections at once"
                numeric
                value={draft.connections}
                onChange={set('connections')}
                error={fieldError('concurrency.connections')}
                hint={`2 to ${MAX_CONCURRENT_CONNECTIONS}. Exchange Online refuses the 4th with 432 at the end of DATA.`}
              />
              <CheckboxInput
                label={`I agree that each connection sends one test email to ${draft.to || 'the recipient above'}`}
                checked={draft.consent}
                onChange={set('consent')}
                error={fieldError('concurrency.consent')}
              />
            </div>
          )}
          <details>
            <summary>Trusted certificate authorities</summary>
            <TextInput
              label="Extra certificate authorities (PEM)"
              multiline
              value={draft.trustedCaPem}
              onChange={set('trustedCaPem')}
              error={fieldError('trustedCaPem')}
              hint="For a server behind the customer's own authority or a TLS-inspecting proxy; the system's authorities are trusted as well."
            />
          </details>
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={running}>
              Run check
            </button>
            {running && (
              <>
                <progress aria-label="SMTP check progress" max={1} value={progress?.fraction} />
                <span role="status">{progress?.message ?? 'Checking'}</span>
                <button type="button" className="btn btn-small" onClick={() => callId.current && void api['app.cancel']({ callId: callId.current })}>
                  Cancel check
                </button>
              </>
            )}
          </div>
        </div>
      </form>
      {error && !(error.field && FIELDS.includes(error.field)) && (
        <div className="banner banner-error" role="alert" aria-label="SMTP check problem">
          <div className="banner-body">{error.message}</div>
        </div>
      )}
      {result && (
        <section className="card stack" aria-label="SMTP check result">
          <p className={result.outcome === 'passed' ? 'banner banner-success' : 'banner banner-error'}>{result.summary}</p>
          <SmtpCheckStages result={result} />
          <div className="row">
            <button type="button" className="btn" onClick={downloadJson}>
              Download JSON
            </button>
            {refused && (
              <button type="button" className="btn btn-primary" onClick={startSession}>
                Start a session with this error
              </button>
            )}
          </div>
        </section>
      )}
    </section>
  );
}
