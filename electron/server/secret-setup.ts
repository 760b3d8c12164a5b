import type { SecretCipher } from '../services/context';
import { createGcmCipher, MIN_PASSPHRASE_LENGTH } from '../services/secrets';
import { defaultDataDir } from '../services/data-dir';

export const PASSPHRASE_ENV = 'SUPPORT_TOOLKIT_PASSPHRASE';

/**
 * A passphrase was given but cannot be used (wrong one, too short for a new key file, damaged
 * key file): the host or command stops at start with this message and a non-zero exit, rather
 * than run on while every saved password fails.
 */
export class PassphraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PassphraseError';
  }
}

const RUN_WITHOUT = `To run without saved passwords, press Enter at the prompt or set ${PASSPHRASE_ENV} to an empty value.`;

/**
 * How the browser host and the CLI get their secret cipher: AES-256-GCM keyed by a passphrase the
 * user gives at start (see README, "Passwords"):
 * - SUPPORT_TOOLKIT_PASSPHRASE set and not empty: that passphrase;
 * - SUPPORT_TOOLKIT_PASSPHRASE set to an empty value: run without one, on purpose (no prompt);
 * - not set: a hidden prompt when the terminal is interactive, where Enter alone runs without one;
 * - not set and no terminal: run without one.
 * Without a passphrase there is no cipher and a reason (passwords live in memory for the session).
 * A passphrase that is given but fails throws PassphraseError.
 */
export async function resolveSecretCipher(
  env: NodeJS.ProcessEnv,
  options: { dataDir?: string; stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream } = {},
): Promise<{ cipher?: SecretCipher; reason?: string }> {
  const dataDir = options.dataDir ?? defaultDataDir(env);
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  let passphrase = env[PASSPHRASE_ENV];
  if (passphrase === undefined && stdin.isTTY) {
    passphrase = await askHidden(
      `Passphrase for saved passwords (at least ${MIN_PASSPHRASE_LENGTH} characters; Enter alone to run without saving passwords): `,
      stdin,
      stdout,
    );
  }
  if (!passphrase) {
    return {
      reason:
        passphrase === ''
          ? 'the host was started without a passphrase on purpose, so passwords are kept in memory for this session only'
          : `no passphrase was given at start (set ${PASSPHRASE_ENV} or type one when asked), so passwords are kept in memory for this session only`,
    };
  }
  try {
    return { cipher: await createGcmCipher(dataDir, passphrase) };
  } catch (error) {
    throw new PassphraseError(`${(error as Error).message} ${RUN_WITHOUT}`);
  }
}

/** Reads one line without echoing it. */
export function askHidden(question: string, stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve) => {
    stdout.write(question);
    let answer = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (value: string) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      stdout.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(answer);
        if (ch === '\u0003') return done(''); // Ctrl+C: skip, the host keeps passwords in memory
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    stdin.on('data', onData);
  });
}
