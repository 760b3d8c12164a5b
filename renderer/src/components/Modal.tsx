import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal native <dialog> shown while `open`: the browser traps focus inside it and Escape closes
 * it, which is reported through `onClose` like Cancel.
 */
export function Modal({ open, labelledBy, onClose, children }: { open: boolean; labelledBy: string; onClose(): void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    else if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={labelledBy} onClose={onClose}>
      {open && children}
    </dialog>
  );
}
