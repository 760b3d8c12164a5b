import type { MethodName, MethodParsedInput, MethodResult } from '../../shared/api/contract';
import type { HostKind } from '../../shared/api/methods/app';

/** Per-call context every handler receives. */
export interface CallContext {
  callId: string;
  /** Aborted by `app.cancel` or when the host shuts down. Long operations must honour it. */
  signal: AbortSignal;
  /** Reports progress of a long call to the renderer through the host's event channel. */
  progress(message: string, fraction?: number): void;
}

/**
 * Encrypts secrets (database passwords) for storage. The Electron host passes one backed by
 * safeStorage; the browser host and CLI pass AES-256-GCM with a passphrase-derived key. Stored
 * values carry a scheme prefix (`v2:safe:` / `v2:gcm:`; `v1:` ones, unbound, are still read).
 * `binding` says which profile, purpose and destination a secret is for (services/secrets/binding.ts).
 */
export interface SecretCipher {
  readonly scheme: 'safe' | 'gcm';
  /** Seals `plain` to `binding`: it opens only under the same binding. */
  encrypt(plain: string, binding: string): string;
  /** Opens a value sealed to `binding` (else ApiError 'locked': saved for another environment), or a legacy `v1:` one. */
  decrypt(stored: string, binding: string): string;
}

/** Prints self-contained HTML to PDF (Electron printToPDF, or Chromium through Playwright). */
export interface PdfPrinter {
  print(html: string, options: { pageSize: 'A4' | 'Letter'; title: string; signal?: AbortSignal }): Promise<Uint8Array>;
  close?(): Promise<void>;
}

/**
 * Collects sentences the user must see (files moved aside, degraded capabilities). The ones found
 * at start are in `app.info`; each one added later is also handed to the subscribers (the host
 * prints it in its terminal and pushes it to open pages as a `notice` event).
 */
export interface NoticeBoard {
  add(message: string): void;
  list(): string[];
  /** Calls `listener` with every notice added from now on; returns the unsubscribe function. */
  subscribe(listener: (message: string) => void): () => void;
}

/** What the host hands to the services. Electron-only capabilities arrive as small interfaces. */
export interface ServiceDeps {
  dataDir: string;
  hostKind: HostKind;
  appVersion: string;
  notices: NoticeBoard;
  /** Undefined when the host cannot encrypt (e.g. Linux without a keyring): saving passwords is refused. */
  secretCipher?: SecretCipher;
  /** Why `secretCipher` is missing, in words for the user. */
  secretCipherUnavailableReason?: string;
  pdfPrinter?: PdfPrinter;
  /** Desktop only: asks where to save an exported file and writes it; null when the user cancels. */
  saveFile?: (suggestedName: string, data: Uint8Array) => Promise<string | null>;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: CallContext) => Promise<MethodResult<M>>;

/** The handlers of one feature's methods, e.g. `HandlersFor<typeof profileMethods>`. */
export type HandlersFor<T> = { [K in keyof T & MethodName]: Handler<K> };

export function createNoticeBoard(): NoticeBoard {
  const messages: string[] = [];
  const listeners = new Set<(message: string) => void>();
  return {
    add: (message) => {
      if (messages.includes(message)) return;
      messages.push(message);
      for (const listener of listeners) {
        try {
          listener(message);
        } catch {
          /* a listener (a closed page, a closed terminal) never stops the notice from being kept */
        }
      }
    },
    list: () => [...messages],
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
