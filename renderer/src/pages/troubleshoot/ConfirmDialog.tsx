import { useEffect, useRef, type ReactNode } from 'react';

/** A modal question (native <dialog>: focus is trapped and Escape cancels). */
export function ConfirmDialog(props: { title: string; children: ReactNode; confirmLabel: string; cancelLabel?: string; danger?: boolean; onConfirm(): void; onCancel(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog ts-dialog" aria-labelledby="ts-confirm-title" onClose={props.onCancel}>
      <h3 id="ts-confirm-title">{props.title}</h3>
      {props.children}
      <div className="dialog-actions">
        <button type="button" className="btn" autoFocus onClick={props.onCancel}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button type="button" className={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
