import { PROVIDER_LIST, PROVIDERS } from '../../../../shared/capacity/providers';
import type { ProviderId } from '../../../../shared/capacity/types';
import { thousands } from '../../../../shared/capacity/wording';
import { newEnvironment, newServer, type EnvironmentDraft, type WhatIfDraft } from './draft';
import { FieldError, TextField } from './fields';
import { useWhatIf } from './store';
import { Breakable } from '../../components/Breakable';
import { ServerListEditor } from '../../components/ServerListEditor';

/** The calculator's input: provider and limits, throughput, the daily quota, environments and their servers. */
export function Editor() {
  const draft = useWhatIf((s) => s.draft);
  const errors = useWhatIf((s) => s.evaluation.errors);
  const edit = useWhatIf((s) => s.edit);
  const preset = PROVIDERS[draft.provider];
  const set = (patch: Partial<WhatIfDraft>) => edit((d) => ({ ...d, ...patch }));

  return (
    <div className="stack whatif-editor">
      <section className="card" aria-labelledby="whatif-provider">
        <h3 id="whatif-provider">SMTP provider</h3>
        <div className="field">
          <label htmlFor="whatif-provider-select">Provider</label>
          <select
            id="whatif-provider-select"
            value={draft.provider}
            onChange={(event) => set({ provider: event.target.value as ProviderId })}
            aria-describedby="whatif-provider-note"
          >
            {PROVIDER_LIST.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <span id="whatif-provider-note" className="field-hint">
            <Breakable text={preset.note} />
          </span>
        </div>
        <div className="whatif-inline">
          <TextField
            label="Connection limit per mailbox"
            numeric
            value={draft.limit}
            placeholder={preset.limit === null ? 'required' : String(preset.limit)}
            onChange={(limit) => set({ limit })}
            error={errors.limit}
          />
          <TextField
            label="Messages per minute per mailbox"
            numeric
            value={draft.perMinuteCap}
            placeholder={preset.perMinuteCap === null ? 'no cap' : String(preset.perMinuteCap)}
            onChange={(perMinuteCap) => set({ perMinuteCap })}
            error={errors.perMinuteCap}
          />
        </div>
        <h4>Throughput (optional)</h4>
        <div className="whatif-inline">
          <TextField
            label="Seconds to send one email"
            numeric
            value={draft.avgSendSeconds}
            placeholder="e.g. 1.5"
            onChange={(avgSendSeconds) => set({ avgSendSeconds })}
            error={errors['throughput.avgSendSeconds']}
          />
          <TextField
            label="Emails waiting (backlog)"
            numeric
            value={draft.backlog}
            placeholder="e.g. 1200"
            onChange={(backlog) => set({ backlog })}
            error={errors['throughput.backlog']}
          />
        </div>
        <h4>Recipients per 24 hours</h4>
        <div className="whatif-inline">
          <TextField
            label={`Recipients per 24 h limit${preset.recipients.scope === 'account' ? ' (account)' : ' per mailbox'}`}
            numeric
            value={draft.recipientLimit}
            placeholder={preset.recipients.limit === null ? 'not checked' : thousands(preset.recipients.limit)}
            onChange={(recipientLimit) => set({ recipientLimit })}
            error={errors.recipientLimit}
          />
        </div>
        <p className="field-hint whatif-quota-rule">
          <Breakable text={preset.recipients.rule} />
        </p>
        <div className="field">
          <label className="row whatif-check">
            <input type="checkbox" checked={draft.quotaErrorSeen} onChange={(event) => set({ quotaErrorSeen: event.target.checked })} />
            <span>The quota error (554 5.2.0 SubmissionQuotaExceededException) was seen</span>
          </label>
        </div>
      </section>

      {draft.environments.map((env, e) => (
        <EnvironmentEditor key={env.key} env={env} index={e} canRemove={draft.environments.length > 1} />
      ))}
      <FieldError id="whatif-environments-error" message={errors.environments} />
      <div className="row">
        <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, environments: [...d.environments, newEnvironment(d.environments.length)] }))}>
          Add environment
        </button>
      </div>
    </div>
  );
}

function EnvironmentEditor({ env, index, canRemove }: { env: EnvironmentDraft; index: number; canRemove: boolean }) {
  const errors = useWhatIf((s) => s.evaluation.errors);
  const edit = useWhatIf((s) => s.edit);
  const path = `environments.${index}`;
  const update = (change: (env: EnvironmentDraft) => EnvironmentDraft) =>
    edit((d) => ({ ...d, environments: d.environments.map((x) => (x.key === env.key ? change(x) : x)) }));
  const label = `Environment ${index + 1}`;

  return (
    <section className="card" role="group" aria-label={label}>
      <div className="row">
        <h3 className="whatif-env-title">
          {label}
          {env.name.trim() ? `: ${env.name}` : ''}
        </h3>
        <span className="spacer" />
        {canRemove && (
          <button
            type="button"
            className="btn btn-small btn-danger"
            onClick={() => edit((d) => ({ ...d, environments: d.environments.filter((x) => x.key !== env.key) }))}
          >
            Remove environment
          </button>
        )}
      </div>
      <div className="whatif-inline">
        <TextField label="Environment name" value={env.name} onChange={(name) => update((x) => ({ ...x, name }))} error={errors[`${path}.name`]} />
        <TextField
          label="Sending mailbox"
          value={env.mailbox}
          placeholder="its own when empty"
          hint="Environments with the same mailbox share its limit."
          onChange={(mailbox) => update((x) => ({ ...x, mailbox }))}
          error={errors[`${path}.mailbox`]}
        />
        <TextField
          label="Email threads (global)"
          numeric
          value={env.threads}
          hint="Scheduler.NumberOfThreadsForEmails"
          onChange={(threads) => update((x) => ({ ...x, threads }))}
          error={errors[`${path}.emailThreads`]}
        />
      </div>
      <h4>Daily volume (optional)</h4>
      <div className="whatif-inline">
        <TextField
          label="Emails per day"
          numeric
          value={env.emailsPerDay}
          placeholder="optional"
          onChange={(emailsPerDay) => update((x) => ({ ...x, emailsPerDay }))}
          error={errors[`${path}.emailsPerDay`]}
        />
        <TextField
          label="Recipients per email"
          numeric
          value={env.recipientsPerEmail}
          placeholder="average"
          hint="To + Cc + Bcc"
          onChange={(recipientsPerEmail) => update((x) => ({ ...x, recipientsPerEmail }))}
          error={errors[`${path}.recipientsPerEmail`]}
        />
        <TextField
          label="Recipients per day"
          numeric
          value={env.recipientsPerDay}
          placeholder="or this one"
          hint="Instead of the two before."
          onChange={(recipientsPerDay) => update((x) => ({ ...x, recipientsPerDay }))}
          error={errors[`${path}.recipientsPerDay`]}
        />
      </div>
      <ServerListEditor
        caption={`Front-end servers of ${label}`}
        rows={env.servers}
        columns={['sendsEmail', 'threads', 'zone']}
        namedBy="number"
        sendsEmail="checkbox"
        zonePlaceholder="Global"
        errors={(s, field) => errors[`${path}.servers.${s}.${field === 'threads' ? 'emailThreads' : field}`]}
        canRemove={env.servers.length > 1}
        onChange={(s, patch) =>
          update((x) => ({ ...x, servers: x.servers.map((y, j) => (j === s ? { ...y, ...patch, sendsEmail: patch.sendsEmail ?? y.sendsEmail } : y)) }))
        }
        onRemove={(s) => update((x) => ({ ...x, servers: x.servers.filter((_, j) => j !== s) }))}
        onAdd={() => update((x) => ({ ...x, servers: [...x.servers, newServer(x.servers.map((y) => y.name))] }))}
      />
      <FieldError id={`whatif-${env.key}-servers-error`} message={errors[`${path}.servers`]} />
    </section>
  );
}
