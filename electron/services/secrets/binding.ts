import { createHash } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';

/**
 * A stored secret is sealed to what it is for: the profile id, the purpose (platform or log) and
 * where it goes (profiles/exchange.ts `secretBinding`). AES-GCM takes the binding as additional
 * authenticated data; safeStorage values carry its hash inside the encrypted envelope. Either way a
 * value copied into another profile, or into one pointing elsewhere, does not open, and nothing is
 * sent to that server.
 *
 * Formats: `v2:<scheme>:` bound; `v1:<scheme>:` unbound, from before: read once, then re-sealed.
 */
export const BOUND_ELSEWHERE_MESSAGE = 'This password was saved for another environment; enter it again.';

export function boundElsewhere(): ApiError {
  return new ApiError('locked', BOUND_ELSEWHERE_MESSAGE);
}

/** SHA-256 of the binding, domain-separated. */
export function bindingHash(binding: string): Buffer {
  return createHash('sha256').update('support-toolkit secret binding v2\n').update(binding, 'utf8').digest();
}

/** The plain text a safeStorage value encrypts: the binding's hash and the secret, together. */
export function sealEnvelope(plain: string, binding: string): string {
  return JSON.stringify({ v: 2, b: bindingHash(binding).toString('base64'), s: plain });
}

/** Opens what `sealEnvelope` made, checking the binding. */
export function openEnvelope(text: string, binding: string): string {
  let envelope: { v?: unknown; b?: unknown; s?: unknown };
  try {
    envelope = JSON.parse(text) as typeof envelope;
  } catch {
    throw new ApiError('corrupt_data', 'A saved password could not be read: it was changed on disk. Enter it again.');
  }
  if (envelope?.v !== 2 || typeof envelope.b !== 'string' || typeof envelope.s !== 'string') {
    throw new ApiError('corrupt_data', 'A saved password could not be read: it was changed on disk. Enter it again.');
  }
  if (envelope.b !== bindingHash(binding).toString('base64')) throw boundElsewhere();
  return envelope.s;
}

/** `v1:gcm:` -> 1, `v2:safe:` -> 2; undefined for anything else. */
export function formatVersion(stored: string, scheme: 'gcm' | 'safe'): 1 | 2 | undefined {
  if (stored.startsWith(`v2:${scheme}:`)) return 2;
  if (stored.startsWith(`v1:${scheme}:`)) return 1;
  return undefined;
}
