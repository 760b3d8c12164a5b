import { zodToApiError } from '../../shared/api/errors';
import type { RunSmtpCheck } from '../../shared/smtp-check';
import { SMTP_EXIT_CODES } from '../../shared/smtp-check/outcome';
import { smtpCheckRequestSchema, type SmtpCheckRequestInput, type TimedStage, TIMED_STAGES } from '../../shared/smtp-check/request';
import { parseSmtpCheckArgs, SMTP_CHECK_USAGE, type SmtpCheckArgs } from './smtp-check-args';
import { formatSmtpCheckText } from './smtp-check-format';

export interface SmtpCheckCliDeps {
  run: RunSmtpCheck;
  env: Record<string, string | undefined>;
  /** Asks for a secret without echo; rejects when there is no terminal to ask in. */
  promptHidden: (question: string) => Promise<string>;
  readFile: (file: string) => Promise<string>;
  signal?: AbortSignal;
  /** Progress lines (stderr, so --json stays clean on stdout). */
  progress?: (line: string) => void;
}

export interface SmtpCheckCliOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const usage = (message: string): SmtpCheckCliOutcome => ({
  stdout: '',
  stderr: `Invalid input: ${message}\nNothing was sent. See npm run -s smtp-check -- --help\n`,
  exitCode: SMTP_EXIT_CODES.usage,
});

function number(name: string, value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : { error: `--${name} must be a number, not "${value}"` };
}

/** The login's secret from the environment, else from a prompt without echo. */
async function secretFor(args: SmtpCheckArgs, deps: SmtpCheckCliDeps): Promise<string> {
  const variable = args.xoauth2 ? 'SMTP_CHECK_TOKEN' : 'SMTP_CHECK_PASSWORD';
  const fromEnv = deps.env[variable];
  if (fromEnv) return fromEnv;
  return deps.promptHidden(args.xoauth2 ? `Access token for ${args.user} (not shown): ` : `Password for ${args.user} (not shown): `);
}

/** The whole command without touching the process, so tests can run it in place. */
export async function runSmtpCheckCli(argv: string[], deps: SmtpCheckCliDeps): Promise<SmtpCheckCliOutcome> {
  let args: SmtpCheckArgs;
  try {
    args = parseSmtpCheckArgs(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (args.help) return { stdout: SMTP_CHECK_USAGE, stderr: '', exitCode: 0 };
  if (!args.host) return usage('--host is required (the mail server, e.g. smtp.office365.com)');

  const port = number('port', args.port);
  const connections = number('concurrency', args.concurrency);
  const timeout = number('timeout', args.timeout);
  for (const n of [port, connections, timeout]) if (n && typeof n === 'object') return usage(n.error);
  if (args.concurrency !== undefined && !args['yes-send-test-emails'])
    return usage(`--concurrency sends one test email per connection to --to: add --yes-send-test-emails to agree`);
  if ((args.from === undefined) !== (args.to === undefined)) return usage('--from and --to go together');
  if (args.send && !args.to) return usage('--send needs --from and --to');
  if (args.xoauth2 && !args.user) return usage('--xoauth2 needs --user');

  let trustedCaPem: string | undefined;
  if (args.ca) {
    try {
      trustedCaPem = await deps.readFile(args.ca);
    } catch (error) {
      return usage(`--ca: cannot read ${args.ca} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const tls = (args.tls ?? 'starttls') as SmtpCheckRequestInput['tls'];
  const input: SmtpCheckRequestInput = {
    host: args.host,
    port: (port as number | undefined) ?? (tls === 'implicit' ? 465 : 587),
    tls,
    ...(trustedCaPem ? { trustedCaPem } : {}),
    ...(args.from !== undefined && args.to !== undefined ? { envelope: { from: args.from, to: args.to, send: args.send } } : {}),
    ...(connections !== undefined ? { concurrency: { connections: connections as number, consent: true } } : {}),
    ...(timeout !== undefined ? { timeoutsMs: Object.fromEntries(TIMED_STAGES.map((s: TimedStage) => [s, timeout as number])) } : {}),
  };
  // Checked before the secret is asked for: a wrong host or port is said without a prompt.
  const shape = smtpCheckRequestSchema.safeParse(input);
  if (!shape.success) return usage(cliWords(zodToApiError(shape.error).message));
  if (args.user) {
    let secret: string;
    try {
      secret = await secretFor(args, deps);
    } catch (error) {
      return usage((error as Error).message);
    }
    input.login = args.xoauth2 ? { method: 'xoauth2', user: args.user, accessToken: secret } : { method: 'password', user: args.user, password: secret };
  }
  const parsed = smtpCheckRequestSchema.safeParse(input);
  if (!parsed.success) return usage(cliWords(zodToApiError(parsed.error).message));

  let result;
  try {
    result = await deps.run(parsed.data, {
      signal: deps.signal,
      onProgress: (p) => deps.progress?.(`${p.message}`),
    });
  } catch (error) {
    if (deps.signal?.aborted) return { stdout: '', stderr: 'Cancelled: the connection was closed.\n', exitCode: SMTP_EXIT_CODES.cancelled };
    throw error;
  }
  const warnings = result.warnings.map((w) => `Warning: ${w}\n`).join('');
  return args.json
    ? { stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: warnings, exitCode: result.exitCode }
    : { stdout: formatSmtpCheckText(result), stderr: '', exitCode: result.exitCode };
}

/** Field paths of the request in the options' own names: "port: …" reads as "--port: …". */
function cliWords(message: string): string {
  return message
    .replace(/^login\.(user|password|accessToken): /, (_, f: string) =>
      f === 'user' ? '--user: ' : f === 'password' ? 'SMTP_CHECK_PASSWORD: ' : 'SMTP_CHECK_TOKEN: ',
    )
    .replace(/^envelope\.(from|to): /, '--$1: ')
    .replace(/^concurrency\.connections: /, '--concurrency: ')
    .replace(/^timeoutsMs\.\w+: /, '--timeout: ')
    .replace(/^(host|port|tls): /, '--$1: ');
}
