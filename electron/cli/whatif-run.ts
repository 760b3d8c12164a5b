import { parseArgs } from 'node:util';
import { zodToApiError } from '../../shared/api/errors';
import { computeBudget, expandShorthand, parseAnyBudgetInput } from '../../shared/capacity/engine';
import { budgetInputSchema, budgetShorthandSchema, providerIdSchema, type BudgetInputParsed } from '../../shared/capacity/types';
import { formatBudgetText } from './whatif-format';

export const WHATIF_USAGE = `Usage:
  npm run -s whatif -- --servers N --threads N [--limit N] [--provider ID] [volume] [--json]
  npm run -s whatif -- --input scenario.json [--limit N] [--provider ID] [volume] [--json]

  --servers N     email-sending front-end servers (one environment)
  --threads N     Scheduler.NumberOfThreadsForEmails
  --limit N       concurrent connections per mailbox (default: the provider's, 3 for Exchange Online)
  --provider ID   ${providerIdSchema.options.join(', ')}
  --input FILE    a scenario file: the full input or the { "servers": N, "threads": N } shorthand
  --json          print the engine's result object instead of the summary

Daily volume, for the recipients per 24 h quota (optional; with --input, the file's one environment):
  --recipients-per-day N                        recipients the environment sends per day, or
  --emails-per-day N --recipients-per-email N   emails per day and average recipients per email
  --recipient-limit N   recipients per 24 h per mailbox (default: the provider's, 10,000 for
                        Exchange Online; needed for Amazon SES, a relay or a custom server)
  --quota-error-seen    the 554 5.2.0 SubmissionQuotaExceededException error was seen

Exit code: 0 every mailbox within its connection limit and recipients quota, 1 a mailbox over
either, 2 invalid input.
`;

export interface CliOutcome {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2;
}

const invalid = (message: string): CliOutcome => ({ stdout: '', stderr: `Invalid input: ${message}\n`, exitCode: 2 });

/** Lets `--threads -1` reach the schema (which explains it) instead of failing as a missing value. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A number option; undefined when absent, an error message when it is not a number. */
function numberOption(name: string, value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : { error: `--${name} must be a number, not "${value}"` };
}

/** The whole command, without touching the process, so tests can run it in place. */
export async function runWhatIf(argv: string[], readFile: (file: string) => Promise<string>): Promise<CliOutcome> {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        servers: { type: 'string' },
        threads: { type: 'string' },
        limit: { type: 'string' },
        provider: { type: 'string' },
        input: { type: 'string' },
        'recipients-per-day': { type: 'string' },
        'emails-per-day': { type: 'string' },
        'recipients-per-email': { type: 'string' },
        'recipient-limit': { type: 'string' },
        'quota-error-seen': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n\n${WHATIF_USAGE}`, exitCode: 2 };
  }
  if (values.help) return { stdout: WHATIF_USAGE, stderr: '', exitCode: 0 };

  const volume: Record<string, number> = {};
  for (const [option, key] of [
    ['recipients-per-day', 'recipientsPerDay'],
    ['emails-per-day', 'emailsPerDay'],
    ['recipients-per-email', 'recipientsPerEmail'],
  ] as const) {
    const value = numberOption(option, values[option]);
    if (typeof value === 'object') return invalid(value.error);
    if (value !== undefined) volume[key] = value;
  }
  const recipientLimit = numberOption('recipient-limit', values['recipient-limit']);
  if (typeof recipientLimit === 'object') return invalid(recipientLimit.error);
  const quota = {
    ...(recipientLimit !== undefined ? { recipientLimit } : {}),
    ...(values['quota-error-seen'] ? { quotaErrorSeen: true } : {}),
  };

  let parsed: BudgetInputParsed;
  if (values.input !== undefined) {
    if (values.servers !== undefined || values.threads !== undefined) {
      return invalid('give either --input or --servers and --threads, not both');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(values.input));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
      return invalid(`cannot read ${values.input}: ${reason}`);
    }
    const result = parseAnyBudgetInput(raw);
    if (!result.success) return invalid(zodToApiError(result.error).message);
    parsed = result.data;
  } else {
    if (values.servers === undefined || values.threads === undefined) {
      return { stdout: '', stderr: `Give --servers and --threads, or --input FILE.\n\n${WHATIF_USAGE}`, exitCode: 2 };
    }
    const servers = numberOption('servers', values.servers);
    const threads = numberOption('threads', values.threads);
    const limit = numberOption('limit', values.limit);
    for (const option of [servers, threads, limit]) if (typeof option === 'object') return invalid(option.error);
    const shorthand = budgetShorthandSchema.safeParse({
      servers,
      threads,
      ...(limit !== undefined ? { limit } : {}),
      ...(values.provider !== undefined ? { provider: values.provider } : {}),
      ...volume,
      ...quota,
    });
    if (!shorthand.success) return invalid(zodToApiError(shorthand.error).message);
    const result = budgetInputSchema.safeParse(expandShorthand(shorthand.data));
    if (!result.success) return invalid(zodToApiError(result.error).message);
    parsed = result.data;
  }
  if (values.input !== undefined && (values.limit !== undefined || values.provider !== undefined)) {
    // Options on the command line win over the file, so one file can be checked against several limits.
    const limit = numberOption('limit', values.limit);
    if (typeof limit === 'object') return invalid(limit.error);
    const override = budgetInputSchema.safeParse({
      ...parsed,
      ...(limit !== undefined ? { limit } : {}),
      ...(values.provider !== undefined ? { provider: values.provider } : {}),
    });
    if (!override.success) return invalid(zodToApiError(override.error).message);
    parsed = override.data;
  }

  if (values.input !== undefined && (Object.keys(volume).length > 0 || Object.keys(quota).length > 0)) {
    // The volume options describe one environment; a file with several gives each its own.
    if (Object.keys(volume).length > 0 && parsed.environments.length > 1) {
      return invalid(`the file has ${parsed.environments.length} environments: give each its daily volume in the file, not on the command line`);
    }
    const override = budgetInputSchema.safeParse({
      ...parsed,
      ...quota,
      environments: parsed.environments.map((env) =>
        Object.keys(volume).length > 0 ? { ...env, emailsPerDay: undefined, recipientsPerEmail: undefined, recipientsPerDay: undefined, ...volume } : env,
      ),
    });
    if (!override.success) return invalid(zodToApiError(override.error).message);
    parsed = override.data;
  }

  const result = computeBudget(parsed);
  return {
    stdout: values.json ? `${JSON.stringify(result, null, 2)}\n` : formatBudgetText(result),
    stderr: '',
    // Over either limit (connections or recipients per 24 h) is a finding.
    exitCode: result.allWithinLimit && result.quota.allWithinLimit ? 0 : 1,
  };
}
