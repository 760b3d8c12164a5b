import { useId, useState } from 'react';
import type { SmtpCheckResult } from '../../../../shared/smtp-check/result';
import type { SessionView, StepInfo } from '../../../../shared/wizard/view';
import { SelectInput, TextInput } from '../environments/fields';
import { SmtpCheckStages } from '../environments/SmtpCheckResult';
import { DEFAULT_SMTP_DRAFT, smtpCheckRequestOf, type SmtpCheckDraft } from '../environments/smtp-check-form';
import { useWizard } from './store';

/**
 * A step's live check of the mail server (a playbook probe of kind 'smtp-check'): the server and
 * the login typed here, the password for this check only (cleared as the check starts, never
 * saved). What the check found is recorded in the session as checked live, and shown here.
 */
export function LiveCheck({ view, probe }: { view: SessionView; probe: StepInfo['probes'][number] }) {
  const id = useId();
  const liveCheck = useWizard((s) => s.liveCheck);
  const running = useWizard((s) => s.running);
  const mailbox = view.session.facts.find((f) => f.key === 'mailbox')?.value;
  const [draft, setDraft] = useState<SmtpCheckDraft>({ ...DEFAULT_SMTP_DRAFT, signIn: true, user: typeof mailbox === 'string' ? mailbox : '' });
  const set =
    <K extends keyof SmtpCheckDraft>(key: K) =>
    (value: SmtpCheckDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const kept = view.session.probes[probe.id] as SmtpCheckResult | undefined;

  async function run() {
    const request = smtpCheckRequestOf(draft);
    setDraft((d) => ({ ...d, secret: '' }));
    await liveCheck(probe.id, probe.label, request);
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{probe.label}</h4>
      <p className="small muted">
        From this computer, so run it where the platform sends from (or give the customer the command line in the README). The password is used for this check
        only: it is not saved, logged or reported.
      </p>
      <div className="row ts-live-check">
        <TextInput label="Mail server" value={draft.host} onChange={set('host')} />
        <TextInput label="Port" value={draft.port} numeric onChange={set('port')} />
        <SelectInput
          label="TLS"
          value={draft.tls}
          options={[
            { value: 'starttls', label: 'STARTTLS' },
            { value: 'implicit', label: 'Implicit TLS' },
            { value: 'none', label: 'None (the password would travel unencrypted)' },
          ]}
          onChange={set('tls')}
        />
        <TextInput label="User (the mailbox that signs in)" value={draft.user} onChange={set('user')} />
        <TextInput label="Password (this check only)" type="password" autoComplete="new-password" value={draft.secret} onChange={set('secret')} />
      </div>
      <div>
        <button type="button" className="btn" disabled={running !== null || !draft.secret} onClick={() => void run()}>
          Check the login now
        </button>
      </div>
      {kept?.stages && <SmtpCheckStages result={kept} />}
    </section>
  );
}
