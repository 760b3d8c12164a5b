import { useId, type ReactNode } from 'react';
import { Modal } from './Modal';

/**
 * Asks before something that writes or cannot be undone (delete, reset, apply to a database).
 * Cancel has the focus, so Enter or Escape never confirms by accident.
 */
export function ConfirmDialog(props: {
  /** Shown while true; a dialog rendered only when needed can leave it out. */
  open?: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button for destructive actions. */
  danger?: boolean;
  children: ReactNode;
  onCancel(): void;
  onConfirm(): void;
}) {
  const titleId = useId();
  return (
    <Modal open={props.open ?? true} labelledBy={titleId} onClose={props.onCancel}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onCancel} autoFocus>
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button type="button" className={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
