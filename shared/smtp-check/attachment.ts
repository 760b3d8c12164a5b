import { smtpCheckResultSchema, SMTP_CHECK_FORMAT, type SmtpCheckResult } from './result';

/**
 * The JSON a customer sends back (`npm run -s smtp-check -- … --json`), attached to a session: read
 * only when it is small, parses, and is a check this app wrote (the schema keeps exactly the known
 * fields, so nothing else in the file is kept).
 */

/** A check's JSON is a few kilobytes; this leaves room for six connections' replies and a long chain. */
export const MAX_SMTP_CHECK_BYTES = 512 * 1024;

/** Whether the bytes start like JSON (after any byte-order mark and white space). */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += 1;
  return bytes[i] === 0x7b;
}

export type SmtpCheckParse = { ok: true; check: SmtpCheckResult } | { ok: false; reason: string };

export function parseSmtpCheckJson(bytes: Uint8Array): SmtpCheckParse {
  if (bytes.length > MAX_SMTP_CHECK_BYTES) return { ok: false, reason: `it is larger than an SMTP check's JSON can be (${MAX_SMTP_CHECK_BYTES / 1024} KB)` };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})` };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== SMTP_CHECK_FORMAT) {
    return { ok: false, reason: 'it is not the JSON of an SMTP check (npm run -s smtp-check -- … --json writes one)' };
  }
  const parsed = smtpCheckResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `it is an SMTP check's JSON with a wrong field: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'unknown'}`,
    };
  }
  return { ok: true, check: parsed.data };
}
