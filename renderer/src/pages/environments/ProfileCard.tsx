import { useId, useState } from 'react';
import { PROVIDERS } from '../../../../shared/capacity/providers';
import { DEMO_SCENARIO_LABELS, DEMO_SCENARIOS, type DemoScenario } from '../../../../shared/probes/types';
import { ENGINE_LABELS, ROLE_LABELS, type EnvironmentRole, type ProfilePublic } from '../../../../shared/profiles/schema';
import { api } from '../../api/client';
import { useUi, withErrorBanner } from '../../stores/ui';
import { TestProgress, TestResultPanel, useConnectionTest } from './connection-test';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PasswordDialog } from './dialogs';
import { formatLocalTime, formatRelativeTime } from '../../format-time';
import { useEnvironments } from './store';
import { userExpiry } from '../../lib/user-expiry';

const ROLE_BADGE: Record<EnvironmentRole, string> = {
  production: 'badge-danger',
  test: 'badge-warning',
  development: 'badge-success',
  lifetime: '',
  other: '',
};

/** Where the profile connects, without any credential. */
export function serverText(p: ProfilePublic): string {
  if (p.engine === 'demo') return 'Embedded database in the data folder';
  if (p.engine === 'oracle') {
    const where = p.connectString ? 'connect string' : `${p.host}:${p.port}/${p.serviceName}`;
    return p.schema ? `${where} · schema ${p.schema.toUpperCase()}` : where;
  }
  const host = p.instanceName ? `${p.host}\\${p.instanceName}` : `${p.host}:${p.port}`;
  return `${host} / ${p.database}`;
}

function passwordText(p: ProfilePublic): string | null {
  switch (p.passwordState) {
    case 'saved':
      return 'Password saved, encrypted';
    case 'session':
      return 'Password kept for this session only';
    case 'missing':
      return 'Password asked each session';
    case 'other-host':
      return p.passwordNote ?? 'Password saved elsewhere; enter it again';
    default:
      return null;
  }
}

/** One environment: what it is, where it connects, and what can be done with it. */
export function ProfileCard({ profile, onEdit }: { profile: ProfilePublic; onEdit(id: string): void }) {
  const titleId = useId();
  const navigate = useUi((s) => s.navigate);
  const put = useEnvironments((s) => s.put);
  const remove = useEnvironments((s) => s.remove);
  const duplicate = useEnvironments((s) => s.duplicate);
  const load = useEnvironments((s) => s.load);
  const test = useConnectionTest();
  const [confirm, setConfirm] = useState<'delete' | 'reset' | null>(null);
  const [scenario, setScenario] = useState<DemoScenario>('concurrency');
  const [askPassword, setAskPassword] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const expiry = userExpiry(profile.userExpiresAt);
  const password = passwordText(profile);

  const runTest = () => {
    setMessage(null);
    void test.start({ id: profile.id });
  };
  const onTest = () => {
    if (!profile.builtIn && !profile.hasPassword) setAskPassword(true);
    else runTest();
  };
  const unlock = async (pw: string, logPw?: string) => {
    setAskPassword(false);
    const updated = await withErrorBanner(() => api['profiles.unlock']({ id: profile.id, password: pw, ...(logPw ? { logPassword: logPw } : {}) }));
    if (updated) {
      put(updated);
      runTest();
    }
  };

  return (
    <article className="card env-card" aria-labelledby={titleId}>
      <header className="env-card-header">
        <h3 id={titleId} className="env-card-title">
          {profile.name}
        </h3>
        <span className={`badge ${ROLE_BADGE[profile.role]}`}>{ROLE_LABELS[profile.role]}</span>
        <span className="badge">{ENGINE_LABELS[profile.engine]}</span>
        {profile.builtIn && (
          <span className="badge" title="Built in: it cannot be edited or deleted. Apply writes to its demo database; Reset demo puts the incident back.">
            Built-in
          </span>
        )}
      </header>
      <dl className="env-facts">
        {profile.customer && (
          <>
            <dt>Customer</dt>
            <dd>{profile.customer}</dd>
          </>
        )}
        <dt>Server</dt>
        <dd className="mono env-server">{serverText(profile)}</dd>
        <dt>Mailbox</dt>
        <dd>
          {profile.mailbox || <span className="muted">not set</span>}
          <span className="muted small"> · {PROVIDERS[profile.smtpProvider]?.name.replace(/ \(.*\)$/, '') ?? profile.smtpProvider}</span>
        </dd>
        {profile.hosting === 'outsystems-cloud' && (
          <>
            <dt>Hosting</dt>
            <dd>OutSystems Cloud · read only</dd>
          </>
        )}
        {password && (
          <>
            <dt>Password</dt>
            <dd className={profile.passwordState === 'other-host' ? 'env-warning' : undefined}>{password}</dd>
          </>
        )}
      </dl>
      {expiry && (
        <p className={expiry.level === 'later' ? 'muted small' : 'small env-warning'} role={expiry.level === 'later' ? undefined : 'status'}>
          {expiry.text}
        </p>
      )}
      {profile.notes && <p className="muted small env-notes">{profile.notes}</p>}
      <p className="muted small">
        <time dateTime={profile.lastUsedAt ?? undefined} title={profile.lastUsedAt ? formatLocalTime(profile.lastUsedAt) : undefined}>
          {profile.lastUsedAt ? `Used ${formatRelativeTime(profile.lastUsedAt)}` : 'Never used'}
        </time>
      </p>
      <div className="row env-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => navigate('troubleshoot', 'new', profile.id)}>
          Open in Troubleshoot
        </button>
        <button type="button" className="btn btn-small" onClick={onTest} disabled={test.state.running}>
          Test connection
        </button>
        {profile.builtIn ? (
          <button type="button" className="btn btn-small" onClick={() => setConfirm('reset')}>
            Reset demo
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-small" onClick={() => onEdit(profile.id)}>
              Edit
            </button>
            <button type="button" className="btn btn-small" onClick={() => void duplicate(profile.id)}>
              Duplicate
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirm('delete')}>
              Delete
            </button>
          </>
        )}
      </div>
      {message && (
        <p className="env-card-message" role="status">
          {message}
        </p>
      )}
      <TestProgress state={test.state} onCancel={() => void test.cancel()} />
      <TestResultPanel state={test.state} onNeedPassword={() => setAskPassword(true)} />

      <ConfirmDialog
        danger
        open={confirm === 'delete'}
        title={`Delete ${profile.name}?`}
        confirmLabel="Delete environment"
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          await remove(profile.id);
        }}
      >
        <p>
          The connection settings and the saved password of this environment are removed from the data folder. This cannot be undone; an exported file keeps a
          copy without the password.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        danger
        open={confirm === 'reset'}
        title="Reset the demo database?"
        confirmLabel="Reset demo"
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          const done = await withErrorBanner(() => api['demo.reset']({ scenario }));
          if (done) {
            test.clear();
            setMessage(`The demo database was reset: ${DEMO_SCENARIO_LABELS[scenario]}.`);
            await load();
          }
        }}
      >
        <p>Every change made to the demo database (Apply, Undo) is lost and the chosen incident is seeded. Your own environments are not touched.</p>
        <fieldset className="field">
          <legend>Incident to seed</legend>
          {DEMO_SCENARIOS.map((s) => (
            <label key={s} className="row">
              <input type="radio" name="demo-scenario" value={s} checked={scenario === s} onChange={() => setScenario(s)} />
              <span>{DEMO_SCENARIO_LABELS[s]}</span>
            </label>
          ))}
        </fieldset>
      </ConfirmDialog>
      <PasswordDialog profile={askPassword ? profile : null} onCancel={() => setAskPassword(false)} onSubmit={(pw, logPw) => void unlock(pw, logPw)} />
    </article>
  );
}
