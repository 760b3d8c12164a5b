import { useRef, useState } from 'react';
import { ApiError } from '../../../../shared/api/errors';
import type { SessionView } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { useUi } from '../../stores/ui';
import { useWizard } from './store';

/**
 * The ticket and the customer in the session's header, editable at any time (a completed session
 * too): the case number often arrives after the work has started, and it names the report's files.
 */
export function SessionDetails({ view }: { view: SessionView }) {
  const { session } = view;
  const [editing, setEditing] = useState(false);
  const [ticket, setTicket] = useState('');
  const [customer, setCustomer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const firstInput = useRef<HTMLInputElement>(null);

  function open() {
    setTicket(session.ticket ?? '');
    setCustomer(session.environment.customer ?? '');
    setError(null);
    setEditing(true);
    requestAnimationFrame(() => firstInput.current?.focus());
  }

  function close() {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const updated = await api['sessions.update']({ id: session.id, ticket: ticket.trim(), customer: customer.trim() });
      useWizard.setState({ view: updated });
      close();
    } catch (failure) {
      // A refusal names the field: said beside the form, where the engineer is typing.
      if (failure instanceof ApiError && failure.code === 'invalid_input') setError(failure.message);
      else useUi.getState().showError(failure);
    } finally {
      setSaving(false);
    }
  }

  if (!editing) {
    return (
      <p className="small ts-details">
        <span>Ticket: {session.ticket ? <strong>{session.ticket}</strong> : <span className="muted">none</span>}</span>
        <span>Customer: {session.environment.customer ? <strong>{session.environment.customer}</strong> : <span className="muted">none</span>}</span>
        <button ref={editButton} type="button" className="btn btn-small btn-ghost" onClick={open}>
          {session.ticket ? 'Edit ticket and customer' : 'Add ticket or customer'}
        </button>
      </p>
    );
  }

  return (
    <form
      className="row ts-details-form"
      aria-label="Ticket and customer"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
        // Enter saves this form; it must not also reach the wizard's own Enter (Continue).
        if (event.key === 'Enter') event.stopPropagation();
      }}
    >
      <div className="field">
        <label htmlFor="ts-details-ticket">Ticket or case number</label>
        <input ref={firstInput} id="ts-details-ticket" value={ticket} maxLength={64} placeholder="e.g. CS-123456" onChange={(e) => setTicket(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ts-details-customer">Customer</label>
        <input id="ts-details-customer" value={customer} maxLength={100} onChange={(e) => setCustomer(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-small btn-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="btn btn-small" onClick={close}>
        Cancel
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
