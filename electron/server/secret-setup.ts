import type { SecretCipher } from '../services/context';
import { createGcmCipher } from '../services/secrets';
import { defaultDataDir } from '../services/data-dir';

/**
 * How the browser host and the CLI get their secret cipher: AES-256-GCM keyed by a passphrase the
 * user gives at start (see README, "Passwords"): SUPPORT_TOOLKIT_PASSPHRASE, else a hidden prompt
 * when the terminal is interactive, else no cipher and a reason (passwords then live in memory for
 * the session only).
 */
export async function resolveSecretCipher(
  env: NodeJS.ProcessEnv,
  options: { dataDir?: string; stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream } = {},
): Promise<{ cipher?: SecretCipher; reason?: string }> {
  const dataDir = options.dataDir ?? defaultDataDir(env);
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  let passphrase = env.SUPPORT_TOOLKIT_PASSPHRASE;
  if (!passphrase && stdin.isTTY) {
    passphrase = await askHidden('Passphrase for saved passwords (Enter to skip): ', stdin, stdout);
  }
  if (!passphrase) {
    return {
      reason:
        'no passphrase was given at start (set SUPPORT_TOOLKIT_PASSPHRASE or type one when asked), so passwords are kept in memory for this session only',
    };
  }
  try {
    return { cipher: await createGcmCipher(dataDir, passphrase) };
  } catch (error) {
    return { reason: `${(error as Error).message} Passwords are kept in memory for this session only` };
  }
}

/** Reads one line without echoing it. */
function askHidden(question: string, stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): Promise<string> {
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
