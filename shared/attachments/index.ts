import { looksLikeJson, MAX_SMTP_CHECK_BYTES, parseSmtpCheckJson } from '../smtp-check/attachment';
import type { SmtpCheckResult } from '../smtp-check/result';

/**
 * Files the customer sent (screenshots, PDFs) attached to a troubleshooting session. The session
 * keeps only what is written here; the bytes live in the data folder beside the session
 * (sessions/<id>/attachments/<attachmentId>.<ext>). Pure: no Node, no DOM.
 */

export const ATTACHMENT_TYPES = ['png', 'jpeg', 'pdf', 'smtp-check'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** One file: at most 10 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** All files of one session together: at most 20 MB (every image is also inside the report's HTML and PDF). */
export const MAX_SESSION_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 200;
export const MAX_ATTACHMENT_CAPTION = 500;

export const ATTACHMENT_MIME: Record<AttachmentType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  'smtp-check': 'application/json',
};
export const ATTACHMENT_EXTENSION: Record<AttachmentType, string> = { png: 'png', jpeg: 'jpg', pdf: 'pdf', 'smtp-check': 'json' };
export const ATTACHMENT_TYPE_LABEL: Record<AttachmentType, string> = {
  png: 'PNG image',
  jpeg: 'JPEG image',
  pdf: 'PDF document',
  'smtp-check': 'SMTP check JSON',
};

/** File name endings the picker offers and a name must have. */
const EXTENSIONS: Record<string, AttachmentType> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', pdf: 'pdf', json: 'smtp-check' };
export const ATTACHMENT_ACCEPT = '.png,.jpg,.jpeg,.pdf,.json,image/png,image/jpeg,application/pdf,application/json';

/** What a session keeps about one attached file (never its bytes). */
export interface SessionAttachment {
  id: string;
  fileName: string;
  /** '' when none was given. */
  caption: string;
  /** From the file's first bytes, not from its name. */
  type: AttachmentType;
  bytes: number;
  sha256: string;
  addedAt: string;
  addedBy: string;
  /** For an SMTP check's JSON: the check as validated when it was attached (the report shows it as a table). */
  smtpCheck?: SmtpCheckResult;
}

/** The type the first bytes say (PNG signature, JPEG SOI marker, "%PDF-"), or null. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (bytes.length <= MAX_SMTP_CHECK_BYTES && looksLikeJson(bytes) && parseSmtpCheckJson(bytes).ok) return 'smtp-check';
  return null;
}

/**
 * The name as it is kept and shown: the last path part (a browser hands "C:\fakepath\x.png"),
 * no control characters, at most 200 characters with the ending kept.
 */
export function cleanAttachmentName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean.length <= MAX_ATTACHMENT_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ending = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_ATTACHMENT_NAME - ending.length) + ending;
}

/** The type a file name claims by its ending, or null when it is not a PNG, JPEG or PDF name. */
export function typeOfName(fileName: string): AttachmentType | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return match ? (EXTENSIONS[match[1]!.toLowerCase()] ?? null) : null;
}

/** "120 KB", "1.5 MB": sizes in words, rounded up so a size over a bound never reads as equal to it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toString()} MB`;
}

/** Why a file cannot be attached, and which input it is about. */
export interface AttachmentRefusal {
  field: 'fileName' | 'contentBase64';
  message: string;
}

/**
 * Why this file cannot be attached, or null. `used` is what the session's files already take.
 * Checked in the page before the upload and again in the back end, which alone decides.
 */
export function attachmentRefusal(fileName: string, bytes: Uint8Array, used: number): AttachmentRefusal | null {
  const name = cleanAttachmentName(fileName);
  if (!name) return { field: 'fileName', message: 'Give the file a name.' };
  const claimed = typeOfName(name);
  if (!claimed)
    return {
      field: 'fileName',
      message: `${name} cannot be attached: only PNG, JPEG and PDF files can, and an SMTP check's JSON (a name ending in .png, .jpg, .jpeg, .pdf or .json).`,
    };
  const refuse = (message: string): AttachmentRefusal => ({ field: 'contentBase64', message });
  const length = bytes.length;
  if (length === 0) return refuse(`${name} is empty: nothing was attached.`);
  if (claimed === 'smtp-check') {
    const check = parseSmtpCheckJson(bytes);
    if (!check.ok) return refuse(`${name} cannot be attached: ${check.reason}. Nothing was attached.`);
  }
  if (length > MAX_ATTACHMENT_BYTES)
    return refuse(`${name} is ${formatBytes(length)}; a file can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}. Nothing was attached.`);
  if (!sniffAttachmentType(bytes)) {
    return refuse(
      `${name} is not a ${claimed === 'pdf' ? 'PDF document' : `${claimed.toUpperCase()} image`}: its content is not a PNG, JPEG or PDF file, whatever its name says. Nothing was attached.`,
    );
  }
  if (used + length > MAX_SESSION_ATTACHMENT_BYTES) {
    return refuse(
      `The files of one session can take at most ${formatBytes(MAX_SESSION_ATTACHMENT_BYTES)} together; ${formatBytes(used)} are attached already and ${name} is ${formatBytes(length)}. Remove one first, or attach a smaller file.`,
    );
  }
  return null;
}

/** The files of a session (absent in older sessions). */
export function attachmentsOf(session: { attachments?: SessionAttachment[] }): SessionAttachment[] {
  return session.attachments ?? [];
}

export function usedBytes(session: { attachments?: SessionAttachment[] }): number {
  return attachmentsOf(session).reduce((sum, a) => sum + a.bytes, 0);
}

/** The event log's sentence for an attached or removed file. */
export function attachmentSummary(a: Pick<SessionAttachment, 'fileName' | 'type' | 'bytes' | 'caption'>, what: 'attached' | 'removed'): string {
  const caption = a.caption ? `: “${a.caption}”` : '';
  return what === 'attached'
    ? `Attached ${a.fileName} (${ATTACHMENT_TYPE_LABEL[a.type]}, ${formatBytes(a.bytes)})${caption}.`
    : `Removed the attachment ${a.fileName}.`;
}

/** The session with one more file, its sentence in the event log. */
export function withAttachment<S extends AttachmentHolder>(session: S, attachment: SessionAttachment, step: string): S {
  return logged({ ...session, attachments: [...attachmentsOf(session), attachment] } as S, attachment.addedAt, step, attachmentSummary(attachment, 'attached'));
}

/** The session without the file `id` (unchanged when it has none). */
export function withoutAttachment<S extends AttachmentHolder>(session: S, id: string, at: string, step: string): S {
  const gone = attachmentsOf(session).find((a) => a.id === id);
  if (!gone) return session;
  return logged({ ...session, attachments: attachmentsOf(session).filter((a) => a.id !== id) } as S, at, step, attachmentSummary(gone, 'removed'));
}

/** The session with a new caption on the file `id`. */
export function withCaption<S extends AttachmentHolder>(session: S, id: string, caption: string, at: string, step: string): S {
  const target = attachmentsOf(session).find((a) => a.id === id);
  if (!target || target.caption === caption) return session;
  const attachments = attachmentsOf(session).map((a) => (a.id === id ? { ...a, caption } : a));
  return logged(
    { ...session, attachments } as S,
    at,
    step,
    caption ? `Captioned ${target.fileName}: “${caption}”.` : `Removed the caption of ${target.fileName}.`,
  );
}

/** A change to a session's files, as the session reducer receives it from the back end. */
export type AttachmentChange =
  { kind: 'add'; attachment: SessionAttachment } | { kind: 'remove'; id: string } | { kind: 'caption'; id: string; caption: string };

export function changeAttachments<S extends AttachmentHolder>(session: S, change: AttachmentChange, now: string, step: string): S {
  switch (change.kind) {
    case 'add':
      return withAttachment(session, change.attachment, step);
    case 'remove':
      return withoutAttachment(session, change.id, now, step);
    case 'caption':
      return withCaption(session, change.id, change.caption, now, step);
  }
}

interface AttachmentHolder {
  attachments?: SessionAttachment[];
  updatedAt: string;
  events: Array<{ at: string; type: string; step: string; summary: string }>;
}

function logged<S extends AttachmentHolder>(session: S, at: string, step: string, summary: string): S {
  return { ...session, updatedAt: at, events: [...session.events, { at, type: 'attachment', step, summary }] } as S;
}
