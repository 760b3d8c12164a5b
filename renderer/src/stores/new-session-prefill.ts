/**
 * Text another page hands to New session (e.g. the refused reply of an SMTP check), read once when
 * the New session page opens, so a reload never brings it back.
 */
let pending: string | null = null;

export function prefillNewSession(pastedError: string): void {
  pending = pastedError;
}

export function takeNewSessionPrefill(): string {
  const text = pending ?? '';
  // Forgotten after this render (React may call a state initialiser twice in one render).
  queueMicrotask(() => {
    pending = null;
  });
  return text;
}
