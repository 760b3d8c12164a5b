import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PROVIDER_LIST } from '../../../../shared/capacity/providers';
import { ApiError } from '../../../../shared/api/errors';
import { ROLE_LABELS, roleSchema, type ProfileEngine, type ProfilePublic } from '../../../../shared/profiles/schema';
import { unencryptedWarning } from '../../../../shared/profiles/unencrypted';
import { api } from '../../api/client';
import { useUi } from '../../stores/ui';
import { TestProgress, TestResultPanel, useConnectionTest } from './connection-test';
import { TimeZoneInput } from './TimeZoneInput';
import { draftOf, fieldKey, newDraft, switchEngine, toInput, validate, type DraftErrors, type ProfileDraft } from './draft';
import { CheckboxInput, DateTimeInput, SelectInput, TextInput } from './fields';
import { sentence, useEnvironments } from './store';

const ROLE_OPTIONS = roleSchema.options.map((value) => ({ value, label: ROLE_LABELS[value] }));
const PROVIDER_OPTIONS = PROVIDER_LIST.map((p) => ({ value: p.id, label: p.name }));

/** Create (no `profile`) or edit a saved environment. Validated with the API's own schema. */
export function ProfileEditor({ profile }: { profile?: ProfilePublic }) {
  const navigate = useUi((s) => s.navigate);
  const showError = useUi((s) => s.showError);
  const capabilities = useEnvironments((s) => s.capabilities);
  const put = useEnvironments((s) => s.put);
  const canRemember = capabilities?.canRememberPasswords ?? false;
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftOf(profile) : newDraft(canRemember)));
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const test = useConnectionTest();
  const formRef = useRef<HTMLFormElement>(null);

  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());

  // Capabilities may arrive after a new form opened: offer "remember" exactly when it can be kept.
  useEffect(() => {
    if (!profile) setDraft((d) => ({ ...d, rememberPassword: canRemember }));
  }, [profile, canRemember]);

  const { errors: schemaErrors } = validate(draft);
  // A field's error shows once the user has left it, and every error after a Save or Test.
  const shownSchemaErrors = checked ? schemaErrors : Object.fromEntries(Object.entries(schemaErrors).filter(([key]) => touched.has(key)));
  const errors: DraftErrors = { ...shownSchemaErrors, ...serverErrors };
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // Drop the key rather than set it to undefined: a present key would hide the schema's error.
    setServerErrors(({ [key]: _dropped, ...rest }) => rest);
  };
  const text = (key: keyof ProfileDraft) => ({
    value: String(draft[key]),
    onChange: (value: string) => set(key, value as never),
    onBlur: () => setTouched((t) => (t.has(key) ? t : new Set(t).add(key))),
    error: errors[key],
  });

  /** Shows every error and moves the focus to the first wrong field. */
  const check = (): boolean => {
    setChecked(true);
    const { errors: found } = validate(draft);
    if (Object.keys(found).length === 0) return true;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    return false;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    setSaving(true);
    try {
      const input = toInput(draft);
      const saved = profile ? await api['profiles.update']({ id: profile.id, profile: input }) : await api['profiles.create']({ profile: input });
      put(saved);
      navigate('environments');
    } catch (error) {
      if (error instanceof ApiError && error.field) {
        setServerErrors({ [fieldKey(error.field)]: error.message.replace(/^[\w.]+: /, '') });
      }
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const runTest = () => {
    if (!check()) return;
    void test.start({ ...(profile ? { id: profile.id } : {}), profile: toInput(draft) });
  };

  const sql = draft.engine === 'sqlserver';
  const savedPasswordHint =
    profile?.passwordState === 'other-host' ? profile.passwordNote : profile?.hasPassword ? 'A password is known. Leave empty to keep it.' : undefined;

  return (
    <form ref={formRef} className="stack env-editor" onSubmit={save} noValidate aria-label={profile ? `Edit ${profile.name}` : 'New environment'}>
      <section className="card" aria-labelledby="env-general">
        <h3 id="env-general">Environment</h3>
        <div className="env-grid">
          <TextInput label="Name" {...text('name')} placeholder="e.g. Contoso PRD" />
          <TextInput label="Customer or tag" {...text('customer')} placeholder="e.g. Contoso" />
          <SelectInput label="Role" value={draft.role} options={ROLE_OPTIONS} onChange={(v) => set('role', v)} error={errors.role} />
        </div>
        <TextInput label="Notes" multiline {...text('notes')} />
      </section>

      <section className="card" aria-labelledby="env-db">
        <h3 id="env-db">Platform database</h3>
        <fieldset className="field">
          <legend>Engine</legend>
          <div className="segmented">
            {(['sqlserver', 'oracle'] as ProfileEngine[]).map((engine) => (
              <label key={engine}>
                <input type="radio" name="engine" checked={draft.engine === engine} onChange={() => setDraft((d) => switchEngine(d, engine))} />
                {engine === 'sqlserver' ? 'SQL Server' : 'Oracle'}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="env-grid">
          <TextInput
            label="Host"
            {...text('host')}
            placeholder={sql ? 'sql01.contoso.local' : 'ora01.contoso.local'}
            hint={sql ? undefined : 'Or leave empty and give a connect string.'}
          />
          <TextInput label="Port" numeric {...text('port')} hint={sql ? 'SQL Server default: 1433' : 'Oracle default: 1521'} />
          {sql ? (
            <>
              <TextInput label="Instance name" {...text('instanceName')} hint="Optional, for a named instance (uses SQL Browser)." />
              <TextInput label="Database" {...text('database')} placeholder="outsystems" hint="The platform catalog holding the OSSYS tables." />
            </>
          ) : (
            <>
              <TextInput label="Service name" {...text('serviceName')} placeholder="ORCLPDB1" />
              <TextInput label="Platform schema" {...text('schema')} placeholder="OSADMIN" hint="Owner of the OSSYS tables; empty = the user's own schema." />
            </>
          )}
        </div>
        {!sql && (
          <TextInput
            label="Connect string"
            {...text('connectString')}
            placeholder="ora01.contoso.local:1521/ORCLPDB1 or (DESCRIPTION=...)"
            hint="Easy Connect or a full connect descriptor, used instead of host, port and service name."
          />
        )}
        {sql && (
          <div className="row env-checks">
            <CheckboxInput
              label="Encrypt the connection"
              checked={draft.encrypt}
              onChange={(v) => set('encrypt', v)}
              hint={unencryptedWarning({ engine: draft.engine, encrypt: draft.encrypt, auth: draft.auth }) ?? undefined}
            />
            <CheckboxInput
              label="Trust the server certificate"
              checked={draft.trustServerCertificate}
              onChange={(v) => set('trustServerCertificate', v)}
              hint="Only for servers with a self-signed certificate."
            />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="env-signin">
        <h3 id="env-signin">Sign-in</h3>
        <div className="env-grid">
          {sql && (
            <SelectInput
              label="Authentication"
              value={draft.auth}
              options={[
                { value: 'sql', label: 'SQL login' },
                { value: 'ntlm', label: 'Windows (NTLM)' },
              ]}
              onChange={(v) => set('auth', v)}
              error={errors.auth}
            />
          )}
          {sql && draft.auth === 'ntlm' && <TextInput label="Domain" {...text('domain')} placeholder="CONTOSO" />}
          <TextInput label="User" {...text('user')} autoComplete="off" />
          <TextInput label="Password" type="password" {...text('password')} autoComplete="new-password" hint={savedPasswordHint} />
        </div>
        <CheckboxInput
          label="Remember password"
          checked={draft.rememberPassword}
          disabled={!canRemember}
          onChange={(v) => set('rememberPassword', v)}
          error={errors.rememberPassword}
          hint={
            canRemember
              ? 'Saved encrypted in the data folder. Off: asked once per session and kept in memory only.'
              : `Not available here. ${sentence(capabilities?.reason ?? 'this host cannot encrypt passwords')}`
          }
        />
      </section>

      <section className="card" aria-labelledby="env-hosting">
        <h3 id="env-hosting">Hosting</h3>
        <div className="env-grid">
          <SelectInput
            label="Where the platform runs"
            value={draft.hosting}
            options={[
              { value: 'self-managed', label: 'Self-managed' },
              { value: 'outsystems-cloud', label: 'OutSystems Cloud' },
            ]}
            onChange={(v) => set('hosting', v)}
            error={errors.hosting}
            hint={
              draft.hosting === 'outsystems-cloud'
                ? 'The app reads this database but never writes to it: a Cloud database user may change only application tables. Fixes are applied in Factory Configuration and LifeTime, then recorded.'
                : undefined
            }
          />
          <DateTimeInput
            label="Database user expires at"
            value={draft.userExpiresAt}
            onChange={(v) => set('userExpiresAt', v)}
            error={errors.userExpiresAt}
            hint="A temporary user made in LifeTime works for 12 hours. Empty: it does not expire."
          />
          <TimeZoneInput {...text('timeZone')} />
        </div>
      </section>

      <section className="card" aria-labelledby="env-log">
        <h3 id="env-log">Separate log database (optional)</h3>
        <p className="muted small">When the platform logs are in their own {sql ? 'catalog' : 'schema'}. Leave empty when they are with the platform tables.</p>
        <div className="env-grid">
          {sql ? (
            <TextInput label="Log database" {...text('logDatabase')} placeholder="outsystems_log" />
          ) : (
            <TextInput label="Log schema" {...text('logSchema')} placeholder="OSLOG" />
          )}
          <TextInput label="Log user" {...text('logUser')} hint="Empty: the platform user signs in to the log database too." />
          {draft.logUser && (
            <TextInput
              label="Log password"
              type="password"
              {...text('logPassword')}
              autoComplete="new-password"
              hint={profile?.hasLogPassword && profile.logUser ? 'A password is known. Leave empty to keep it.' : undefined}
            />
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="env-mail">
        <h3 id="env-mail">Email sending</h3>
        <div className="env-grid env-grid-wide">
          <TextInput
            label="Sending mailbox"
            type="email"
            {...text('mailbox')}
            placeholder="noreply@contoso.com"
            hint="Environments sending from the same mailbox share its connection limit."
          />
          <SelectInput
            label="SMTP provider"
            value={draft.smtpProvider}
            options={PROVIDER_OPTIONS}
            onChange={(v) => set('smtpProvider', v)}
            error={errors.smtpProvider}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="env-timeouts">
        <h3 id="env-timeouts">Timeouts</h3>
        <div className="env-grid">
          <TextInput label="Connect timeout (seconds)" numeric {...text('connectSeconds')} hint="Default 15" />
          <TextInput label="Query timeout (seconds)" numeric {...text('querySeconds')} hint="Default 30" />
        </div>
      </section>

      <div className="row env-editor-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {profile ? 'Save changes' : 'Save environment'}
        </button>
        <button type="button" className="btn" onClick={runTest} disabled={test.state.running}>
          Test connection
        </button>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={() => navigate('environments')}>
          Cancel
        </button>
      </div>
      {checked && Object.keys(schemaErrors).length > 0 && (
        <p className="field-error" role="alert">
          {Object.keys(schemaErrors).length === 1 ? 'One field needs attention.' : `${Object.keys(schemaErrors).length} fields need attention.`}
        </p>
      )}
      <TestProgress state={test.state} onCancel={() => void test.cancel()} />
      <TestResultPanel state={test.state} />
    </form>
  );
}
