import { create } from 'zustand';
import type { EngineerAction } from '../../../../shared/api/methods/sessions';
import type { ProbeKind } from '../../../../shared/wizard/playbook';
import type { SessionView } from '../../../../shared/wizard/view';
import { api, newCallId } from '../../api/client';
import { ApiError } from '../../../../shared/api/errors';
import { useUi, withErrorBanner } from '../../stores/ui';
import type { SmtpCheckRequestInput } from '../../../../shared/smtp-check/request';

/** A probe (or Apply/Undo) in flight: what it is doing, how far, and the call id to cancel it. */
export interface Running {
  label: string;
  callId: string;
  message: string;
  fraction?: number;
  /** Probes running side by side: the latest message of each, by its label ("<label>: <message>"). */
  lines?: Record<string, string>;
}

/** A parallel run's progress names its probe first: "Read the servers: Connecting". */
function progressLine(message: string): [string, string] | null {
  const at = message.indexOf(': ');
  return at > 0 ? [message.slice(0, at), message.slice(at + 2)] : null;
}

interface WizardState {
  view: SessionView | null;
  loadingId: string | null;
  running: Running | null;
  /** Error of the last refused action, shown next to the controls (Continue refused, etc.). */
  refusal: string | null;
  load(id: string): Promise<void>;
  act(action: EngineerAction): Promise<boolean>;
  runProbe(probe: ProbeKind, label: string, days?: number): Promise<boolean>;
  /** A new session on a saved environment: every read-only probe at once, then on to the first step that needs the engineer. */
  autoProbe(view: SessionView): Promise<boolean>;
  /** Verify now: the back end reads the read-back probes itself, then judges. */
  verify(label: string): Promise<boolean>;
  /** Reads another sender on the same mailbox from its own saved environment. */
  probeSender(profileId: string, name: string): Promise<boolean>;
  /** Runs one of the playbook's live checks of the mail server with what was typed for it (the secret for this call only). */
  liveCheck(probe: ProbeKind, label: string, request: SmtpCheckRequestInput): Promise<boolean>;
  apply(): Promise<boolean>;
  undo(auditId: string): Promise<boolean>;
  cancel(): Promise<void>;
  clear(): void;
}

/**
 * The open session. The back end is the source of truth: every action goes through the API and the
 * returned view replaces the cached one, so the page never computes a transition itself.
 */
export const useWizard = create<WizardState>((set, get) => {
  /**
   * A call with progress and Cancel. A refusal or a cancel is said beside the controls, where the
   * engineer is looking, and the view is read again (a verify may have recorded probes before it
   * refused); a failed probe comes back inside the view, in its step.
   */
  async function long(label: string, work: (callId: string, onProgress: (p: { message: string; fraction?: number }) => void) => Promise<SessionView>) {
    const callId = newCallId();
    set({ running: { label, callId, message: 'Starting', fraction: 0 }, refusal: null });
    try {
      const view = await work(callId, (p) =>
        set((s) => {
          if (s.running?.callId !== callId) return {};
          const line = progressLine(p.message);
          const lines = line ? { ...s.running.lines, [line[0]]: line[1] } : s.running.lines;
          return { running: { ...s.running, message: p.message, fraction: p.fraction, ...(lines ? { lines } : {}) } };
        }),
      );
      set({ running: null, view });
      return true;
    } catch (error) {
      set({ running: null });
      if (error instanceof ApiError && (error.code === 'invalid_input' || error.code === 'cancelled' || error.code === 'conflict')) {
        set({ refusal: error.message });
        const fresh = await withErrorBanner(() => api['sessions.get']({ id: idOf() }));
        if (fresh) set({ view: fresh });
      } else {
        useUi.getState().showError(error);
      }
      return false;
    }
  }
  const idOf = () => get().view!.session.id;
  return {
    view: null,
    loadingId: null,
    running: null,
    refusal: null,
    async load(id) {
      set({ loadingId: id, refusal: null });
      const view = await withErrorBanner(() => api['sessions.get']({ id }));
      // A newer view of the same session (e.g. from the probes a new session runs) is kept.
      set((s) => ({ loadingId: null, view: s.view?.session.id === id && view && s.view.session.updatedAt > view.session.updatedAt ? s.view : (view ?? null) }));
    },
    autoProbe: (view) => {
      set({ view });
      return long('Reading the environment', (callId, onProgress) => api['sessions.autoProbe']({ id: view.session.id }, { callId, onProgress }));
    },
    async act(action) {
      const id = idOf();
      try {
        const view = await api['sessions.act']({ id, action });
        set({ view, refusal: null });
        return true;
      } catch (error) {
        // Continue refused (a fact missing) is part of the walk, not an app error: say it beside the button.
        set({ refusal: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
    runProbe: (probe, label, days) =>
      long(label, (callId, onProgress) => api['sessions.runProbe']({ id: idOf(), probe, ...(days ? { days } : {}) }, { callId, onProgress })),
    verify: (label) => long(label, (callId, onProgress) => api['sessions.verify']({ id: idOf() }, { callId, onProgress })),
    probeSender: (profileId, name) =>
      long(`Reading ${name}`, (callId, onProgress) => api['sessions.probeSender']({ id: idOf(), profileId }, { callId, onProgress })),
    liveCheck: (probe, label, request) =>
      long(label, (callId, onProgress) => api['sessions.liveCheck']({ id: idOf(), probe, request }, { callId, onProgress })),
    apply: () => long('Applying the change', (callId, onProgress) => api['sessions.apply']({ id: idOf() }, { callId, onProgress })),
    undo: (auditId) => long('Undoing the change', (callId, onProgress) => api['sessions.undo']({ id: idOf(), auditId }, { callId, onProgress })),
    async cancel() {
      const running = get().running;
      if (running) await withErrorBanner(() => api['app.cancel']({ callId: running.callId }));
    },
    clear: () => set({ view: null, refusal: null }),
  };
});
