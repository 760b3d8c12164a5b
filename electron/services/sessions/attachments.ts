import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import {
  ATTACHMENT_EXTENSION,
  ATTACHMENT_MIME,
  attachmentRefusal,
  attachmentsOf,
  cleanAttachmentName,
  sniffAttachmentType,
  usedBytes,
  type AttachmentType,
  type SessionAttachment,
} from '../../../shared/attachments';
import { parseSmtpCheckJson } from '../../../shared/smtp-check/attachment';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import type { SessionView } from '../../../shared/wizard/view';
import type { HandlersFor } from '../context';
import { writeFileAtomic } from '../json-file';
import { SESSIONS_DIR } from './store';

const ATTACHMENT_ID = /^[A-Za-z0-9-]{1,64}$/;

function smtpCheckOf(bytes: Uint8Array) {
  const parsed = parseSmtpCheckJson(bytes);
  if (!parsed.ok) throw new ApiError('invalid_input', `The file cannot be attached: ${parsed.reason}.`, { field: 'contentBase64' });
  return parsed.check;
}

/**
 * The bytes of the files attached to sessions: sessions/<sessionId>/attachments/<id>.<ext>, written
 * atomically (0600, folders 0700) like every other file of the data folder. The session keeps only
 * their description (shared/attachments).
 */
export function createAttachmentFiles(dataDir: string) {
  const folderOf = (sessionId: string) => path.join(dataDir, SESSIONS_DIR, sessionId);
  const fileOf = (sessionId: string, a: Pick<SessionAttachment, 'id' | 'type'>) => {
    if (!ATTACHMENT_ID.test(a.id) || !ATTACHMENT_ID.test(sessionId)) throw new ApiError('not_found', 'No attachment has that id', { field: 'attachmentId' });
    return path.join(folderOf(sessionId), 'attachments', `${a.id}.${ATTACHMENT_EXTENSION[a.type]}`);
  };
  return {
    fileOf,
    write: (sessionId: string, a: Pick<SessionAttachment, 'id' | 'type'>, bytes: Uint8Array) => writeFileAtomic(fileOf(sessionId, a), bytes),
    remove: (sessionId: string, a: Pick<SessionAttachment, 'id' | 'type'>) => fs.rm(fileOf(sessionId, a), { force: true }),
    /** Every file of a session (its folder), when the session is deleted. */
    removeAll: (sessionId: string) => (ATTACHMENT_ID.test(sessionId) ? fs.rm(folderOf(sessionId), { recursive: true, force: true }) : Promise.resolve()),
    /** The bytes, or null when the file is gone or no longer what was attached (its SHA-256 differs). */
    async read(sessionId: string, a: SessionAttachment): Promise<Buffer | null> {
      const bytes = await fs.readFile(fileOf(sessionId, a)).catch(() => null);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== a.sha256) return null;
      return bytes;
    },
  };
}
export type AttachmentFiles = ReturnType<typeof createAttachmentFiles>;

/** The data: URL of every attached image that is still as it was attached, by attachment id (for the report's HTML and PDF). */
export async function attachmentImages(files: AttachmentFiles, sessionId: string, list: ReadonlyArray<SessionAttachment>): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  for (const a of list) {
    if (a.type !== 'png' && a.type !== 'jpeg') continue;
    const bytes = await files.read(sessionId, a);
    // Told by the bytes again: only a real PNG or JPEG becomes an image in the report.
    if (bytes && sniffAttachmentType(bytes) === a.type) images[a.id] = `data:${ATTACHMENT_MIME[a.type]};base64,${bytes.toString('base64')}`;
  }
  return images;
}

export interface AttachmentNeeds {
  files: AttachmentFiles;
  now(): string;
  actor(): Promise<string>;
  /** The session as stored (upgraded), refused when completed. */
  openSession(id: string): Promise<Session>;
  /**
   * Serialised change of one session through the reducer: `check` sees the session as it is at that
   * moment (and may refuse) before `action` is applied.
   */
  change(id: string, action: SessionAction, check?: (session: Session) => void): Promise<SessionView>;
}

type AttachmentMethods = Pick<typeof sessionMethods, 'sessions.attach' | 'sessions.detach' | 'sessions.captionAttachment'>;

export function attachmentHandlers(needs: AttachmentNeeds): HandlersFor<AttachmentMethods> {
  const refuse = (message: string, field = 'contentBase64') => new ApiError('invalid_input', message, { field });

  function find(session: Session, attachmentId: string): SessionAttachment {
    const found = attachmentsOf(session).find((a) => a.id === attachmentId);
    if (!found) throw new ApiError('not_found', 'This session has no attachment with that id (it may have been removed).', { field: 'attachmentId' });
    return found;
  }

  return {
    'sessions.attach': async ({ id, fileName, contentBase64, caption }) => {
      const session = await needs.openSession(id);
      const bytes = Buffer.from(contentBase64, 'base64');
      const name = cleanAttachmentName(fileName);
      const refusal = attachmentRefusal(fileName, bytes, usedBytes(session));
      if (refusal) throw refuse(refusal.message, refusal.field);
      const type = sniffAttachmentType(bytes) as AttachmentType;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const same = attachmentsOf(session).find((a) => a.sha256 === sha256);
      if (same) throw refuse(`This file is already attached as ${same.fileName}.`);
      const attachment: SessionAttachment = {
        id: randomUUID(),
        fileName: name,
        caption: caption ?? '',
        type,
        bytes: bytes.length,
        sha256,
        addedAt: needs.now(),
        addedBy: await needs.actor(),
        // Validated again here (the page's check is only a courtesy); kept parsed so the report shows it as a table.
        ...(type === 'smtp-check' ? { smtpCheck: smtpCheckOf(bytes) } : {}),
      };
      // The file first, then the session names it: a session never names a file that is not there.
      await needs.files.write(id, attachment, bytes);
      try {
        return await needs.change(id, { type: 'attachment', change: { kind: 'add', attachment } }, (current) => {
          // Checked again where changes are serialised: two files attached at once cannot pass the total together.
          const again = attachmentRefusal(fileName, bytes, usedBytes(current));
          if (again) throw refuse(again.message, again.field);
          const twin = attachmentsOf(current).find((a) => a.sha256 === sha256);
          if (twin) throw refuse(`This file is already attached as ${twin.fileName}.`);
        });
      } catch (error) {
        await needs.files.remove(id, attachment).catch(() => undefined);
        throw error;
      }
    },
    'sessions.detach': async ({ id, attachmentId }) => {
      const target = find(await needs.openSession(id), attachmentId);
      const view = await needs.change(id, { type: 'attachment', change: { kind: 'remove', id: attachmentId } }, (current) => void find(current, attachmentId));
      await needs.files.remove(id, target);
      return view;
    },
    'sessions.captionAttachment': async ({ id, attachmentId, caption }) => {
      find(await needs.openSession(id), attachmentId);
      return needs.change(id, { type: 'attachment', change: { kind: 'caption', id: attachmentId, caption } }, (current) => void find(current, attachmentId));
    },
  };
}
