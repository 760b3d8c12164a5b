/**
 * "Encrypt" means the login never leaves without TLS.
 *
 * tedious (TDS 7.x) sends its pre-login with ENCRYPT_ON, then starts TLS only when the server
 * answers ON or REQ. When the server, or anyone in between, answers NOT_SUP (or OFF) tedious carries
 * on in clear and sends the Login7 packet, whose password is only XOR-scrambled. Strict encryption
 * (TDS 8, TLS before the pre-login) would avoid that, but only SQL Server 2022 speaks it, and
 * OutSystems 11 runs on older ones too.
 *
 * So each tedious connection of an Encrypt profile is guarded at the two points where tedious
 * decides, on the same socket (no probe of our own, so no time-of-check/time-of-use gap):
 * - `performTlsNegotiation(preloginResponse)`: anything but ON or REQ ends the connection, with
 *   a sentence, before tedious goes on;
 * - `sendLogin7Packet()`: refuses to run unless TLS is set up on that connection, whatever
 *   tedious decided before (a second lock, should its logic change).
 * Both are tedious internals: `assertGuardable` refuses to connect (fails closed) when a tedious
 * upgrade renamed them, and test/security/tls-refused.test.ts fails too.
 */

export const ENCRYPTION_REFUSED_CODE = 'EENCRYPTREFUSED';
export const ENCRYPTION_REFUSED_MESSAGE =
  'The server answered that it does not support encryption; the password was not sent. Turn Encrypt off only if you trust the network.';

/** The tedious internals the guard wraps (tedious 19, lib/connection.js). */
interface GuardableTedious {
  performTlsNegotiation(preloginPayload: { encryptionString?: string }, signal: AbortSignal): Promise<void>;
  sendLogin7Packet(): void;
  messageIo?: { tlsNegotiationComplete?: boolean };
}

export class EncryptionRefusedError extends Error {
  readonly code = ENCRYPTION_REFUSED_CODE;
  constructor(readonly answer: string) {
    super(`${ENCRYPTION_REFUSED_MESSAGE} (pre-login encryption answer: ${answer})`);
    this.name = 'EncryptionRefusedError';
  }
}

function isGuardable(conn: unknown): conn is GuardableTedious {
  const c = conn as Partial<GuardableTedious> | null;
  return Boolean(c) && typeof c!.performTlsNegotiation === 'function' && typeof c!.sendLogin7Packet === 'function';
}

/** Throws when this tedious build lacks the methods the guard wraps: better no connection than an unguarded one. */
export function assertGuardable(prototype: unknown): void {
  if (!isGuardable(prototype)) {
    throw Object.assign(
      new Error('This build cannot guarantee that the login is encrypted (unexpected SQL Server driver version), so it does not connect with Encrypt on.'),
      { code: ENCRYPTION_REFUSED_CODE },
    );
  }
}

/** Wraps one tedious connection (mssql's `beforeConnect` hands it over before any byte is read). */
export function requireTlsBeforeLogin(conn: unknown): void {
  assertGuardable(conn);
  const tedious = conn as GuardableTedious;
  const negotiate = tedious.performTlsNegotiation;
  const sendLogin = tedious.sendLogin7Packet;
  tedious.performTlsNegotiation = async function guardedNegotiation(this: GuardableTedious, payload, signal) {
    const answer = payload?.encryptionString;
    if (answer !== 'ON' && answer !== 'REQ') throw new EncryptionRefusedError(answer ?? 'none');
    return negotiate.call(this, payload, signal);
  };
  tedious.sendLogin7Packet = function guardedLogin(this: GuardableTedious) {
    if (!this.messageIo?.tlsNegotiationComplete) throw new EncryptionRefusedError('no TLS before the login');
    return sendLogin.call(this);
  };
}
