import { z } from 'zod';
import { PROVIDERS } from './providers';

/**
 * Input and output of the connection budget engine (what-if calculator, CLI, wizard diagnosis).
 * Facts: domain.md sections 1, 2 and 4. The engine itself lives in ./engine.ts.
 */

const wholeNumber = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`);

export const providerIdSchema = z.enum(['exchange-online', 'exchange-relay', 'google-relay', 'amazon-ses', 'custom']);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const serverSchema = z.object({
  name: z.string().trim().min(1, 'Server name is required'),
  sendsEmail: z.boolean().default(true),
  /** Per-host override of the threads parameter (an OSSYS_PARAMETER row with HOST set). */
  emailThreads: wholeNumber('Per-host email threads').optional(),
  zone: z.string().trim().min(1).default('Global'),
});

/**
 * A daily volume figure. Any value is let through here and checked by checkVolume, whose
 * messages name the environment ("QA: recipients per email must be ..."), which a field schema
 * cannot do. A value that fails the check fails the whole parse, so the output is a number.
 */
const volumeField = () => z.custom<number>(() => true).optional();

/** Above this a daily figure is a typo (and sums stay exact). */
const MAX_DAILY = 100_000_000;

/**
 * The optional daily volume of one environment (the recipients per 24 h quota, domain.md
 * section 2): recipients per day directly, or emails per day and recipients per email.
 */
function checkVolume(env: { name: string; emailsPerDay?: unknown; recipientsPerEmail?: unknown; recipientsPerDay?: unknown }, ctx: z.RefinementCtx): void {
  const who = env.name.trim() || 'This environment';
  const whole = (key: 'emailsPerDay' | 'recipientsPerEmail' | 'recipientsPerDay', what: string, min: number) => {
    const value = env[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_DAILY) {
      const range = min === 0 ? 'of 0 or more' : `of at least ${min}`;
      const tooBig = typeof value === 'number' && value > MAX_DAILY ? ` (at most ${MAX_DAILY.toLocaleString('en-US')})` : '';
      ctx.addIssue({ code: 'custom', path: [key], message: `${who}: ${what} must be a whole number ${range}${tooBig}` });
    }
  };
  whole('emailsPerDay', 'emails per day', 0);
  whole('recipientsPerEmail', 'recipients per email', 1);
  whole('recipientsPerDay', 'recipients per day', 0);
  const emails = env.emailsPerDay !== undefined;
  const perEmail = env.recipientsPerEmail !== undefined;
  if (env.recipientsPerDay !== undefined && (emails || perEmail)) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipientsPerDay'],
      message: `${who}: give recipients per day, or emails per day and recipients per email, not both`,
    });
  } else if (emails && !perEmail) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipientsPerEmail'],
      message: `${who}: give the recipients per email too (1 when each email goes to one address)`,
    });
  } else if (perEmail && !emails) {
    ctx.addIssue({ code: 'custom', path: ['emailsPerDay'], message: `${who}: give the emails per day too` });
  }
}

export const environmentSchema = z
  .object({
    name: z.string().trim().min(1, 'Environment name is required'),
    /** Environments with the same mailbox share its limit; missing mailbox = its own. */
    mailbox: z.string().trim().optional(),
    /** Scheduler.NumberOfThreadsForEmails, the global value. */
    emailThreads: wholeNumber('Email threads'),
    servers: z.array(serverSchema).min(1, 'At least one front-end server is needed'),
    /** Emails this environment sends per day (optional; with recipientsPerEmail). */
    emailsPerDay: volumeField(),
    /** Average recipients (To, Cc, Bcc) per email, a whole number of at least 1. */
    recipientsPerEmail: volumeField(),
    /** Recipients per day directly, instead of emailsPerDay x recipientsPerEmail. */
    recipientsPerDay: volumeField(),
  })
  .superRefine(checkVolume);
export type EnvironmentInput = z.infer<typeof environmentSchema>;

export const throughputSchema = z.object({
  avgSendSeconds: z.number().positive('Average send time must be more than 0 seconds'),
  backlog: wholeNumber('Backlog').default(0),
});

/**
 * Rules that span fields: names must be unique (plans and the report name servers and
 * environments, so two of the same name would be ambiguous), and providers that publish no
 * connection limit need one from the user.
 */
function checkNamesAndLimit(
  input: { provider: ProviderId; limit?: number; environments: { name: string; servers: { name: string }[] }[] },
  ctx: z.RefinementCtx,
): void {
  if (input.limit === undefined && PROVIDERS[input.provider].limit === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['limit'],
      message:
        input.provider === 'custom'
          ? 'Give the concurrent connection limit of your SMTP server'
          : `Give a concurrent connection limit: ${PROVIDERS[input.provider].name} publishes none`,
    });
  }
  const environments = new Set<string>();
  input.environments.forEach((environment, e) => {
    const key = environment.name.toLowerCase();
    if (environments.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['environments', e, 'name'], message: `Environment name "${environment.name}" is used twice` });
    }
    environments.add(key);
    const servers = new Set<string>();
    environment.servers.forEach((server, s) => {
      const serverKey = server.name.toLowerCase();
      if (servers.has(serverKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', e, 'servers', s, 'name'],
          message: `Server name "${server.name}" is used twice in ${environment.name}`,
        });
      }
      servers.add(serverKey);
    });
  });
}

export const budgetInputSchema = z
  .object({
    provider: providerIdSchema.default('exchange-online'),
    /** Overrides the preset's concurrent connection limit (required for providers that publish none). */
    limit: z.number().int('Limit must be a whole number').min(1, 'Limit must be at least 1').optional(),
    /** Overrides the preset's messages-per-minute cap. */
    perMinuteCap: z.number().positive().optional(),
    environments: z.array(environmentSchema).min(1, 'At least one environment is needed'),
    throughput: throughputSchema.optional(),
    /**
     * Overrides the preset's recipients per 24 h limit per mailbox (Exchange Online 10,000); the
     * only way to check the quota of Amazon SES (the account's), a custom server or a relay.
     */
    recipientLimit: z
      .number({ error: 'Recipients per 24 h limit must be a number' })
      .int('Recipients per 24 h limit must be a whole number of at least 1')
      .min(1, 'Recipients per 24 h limit must be a whole number of at least 1')
      .optional(),
    /** The engineer saw 554 5.2.0 ...SubmissionQuotaExceededException: a low volume then points to a compromised account. */
    quotaErrorSeen: z.boolean().optional(),
  })
  .superRefine(checkNamesAndLimit);
export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetInputParsed = z.output<typeof budgetInputSchema>;

/** The one-environment shorthand: `{ servers: 2, threads: 2 }` = 2 email-sending servers. */
export const budgetShorthandSchema = z.object({
  servers: z.number().int('servers must be a whole number').min(1, 'servers must be at least 1'),
  threads: wholeNumber('threads'),
  limit: z.number().int().min(1).optional(),
  provider: providerIdSchema.optional(),
  /** The environment's daily volume and the quota options, checked by the full schema once expanded. */
  emailsPerDay: volumeField(),
  recipientsPerEmail: volumeField(),
  recipientsPerDay: volumeField(),
  recipientLimit: z.custom<number>(() => true).optional(),
  quotaErrorSeen: z.boolean().optional(),
});
export type BudgetShorthand = z.infer<typeof budgetShorthandSchema>;

export interface ServerLoad {
  environment: string;
  server: string;
  zone: string;
  sendsEmail: boolean;
  /** Threads that apply to this server (override or global). */
  threads: number;
  threadsSource: 'global' | 'per-host override';
  /** Concurrent SMTP connections it opens (0 when it does not send email). */
  connections: number;
}

export interface MailboxBudget {
  mailbox: string;
  environments: string[];
  servers: ServerLoad[];
  connections: number;
  limit: number;
  withinLimit: boolean;
  /** limit - connections; negative when over. */
  headroom: number;
  /** e.g. "2 servers x 2 threads = 4 > 3". */
  arithmetic: string;
}

export interface PlanChange {
  kind: 'set-global-threads' | 'disable-email' | 'set-host-threads' | 'remove-host-override' | 'move-to-mailbox';
  environment: string;
  /** move-to-mailbox: the mailbox the environment sends through afterwards. */
  mailbox?: string;
  /** Server name for per-server changes. */
  server?: string;
  parameter?: string;
  from?: number | boolean;
  to?: number | boolean;
  /** In words, e.g. "Scheduler.NumberOfThreadsForEmails 2 -> 1". */
  description: string;
}

export interface ThroughputFigures {
  messagesPerMinute: number;
  /** Minutes to drain the backlog; null when there is none or the rate is 0. */
  minutesToDrain: number | null;
}

export interface Plan {
  id: string;
  /** Short title, e.g. "2 servers x 1 thread". */
  title: string;
  /** The trade-off in words. */
  tradeOff: string;
  changes: PlanChange[];
  /** Connections per mailbox after the plan. */
  connectionsAfter: Record<string, number>;
  emailServersAfter: number;
  touchesOverrides: boolean;
  throughput?: { before: ThroughputFigures; after: ThroughputFigures };
}

export interface NoPlanReason {
  mailbox: string;
  reason: string;
  /** The ways out Microsoft documents (separate mailbox, relay connector, bulk service). */
  alternatives: string[];
}

/** One sender (environment) on a mailbox, for the recipients per 24 h quota. */
export interface RecipientSender {
  environment: string;
  /** null when the environment's daily volume was not given. */
  recipientsPerDay: number | null;
  /** Set when the volume was given as emails per day x recipients per email. */
  emailsPerDay?: number;
  recipientsPerEmail?: number;
}

export interface MailboxQuota {
  /** The same label as the connection budget's mailbox (or the SES account, see QuotaResult.scope). */
  mailbox: string;
  environments: string[];
  senders: RecipientSender[];
  /** Recipients per 24 h summed over the senders whose volume was given. */
  recipients: number;
  /** Senders whose volume was not given: `recipients` is then a lower bound. */
  missing: string[];
  limit: number | null;
  /** not-checked: no limit known, or no sender on it gave a volume. */
  status: 'within' | 'over' | 'not-checked';
  /** limit - recipients; null when not checked. */
  headroom: number | null;
  /** e.g. "PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000". */
  arithmetic: string;
}

/** What one mailbox carries after a quota option. */
export interface QuotaMailboxAfter {
  mailbox: string;
  environments: string[];
  recipients: number;
  /** Concurrent connections its senders open today (each mailbox has its own connection limit). */
  connections: number;
  withinLimit: boolean;
}

export interface QuotaOption {
  id: string;
  kind: 'own-mailbox' | 'split-mailboxes' | 'fewer-recipients' | 'relay-or-bulk' | 'raise-quota';
  /** The over-quota mailbox it is about. */
  mailbox: string;
  title: string;
  /** Whether it brings every mailbox it touches within the recipients limit. */
  fits: boolean;
  /** The option in words and numbers. */
  detail: string;
  /** Split: ceil(total / limit), the fewest mailboxes any split needs. */
  mailboxesNeeded?: number;
  after?: QuotaMailboxAfter[];
}

/** The recipients per 24 h quota next to the connection budget (domain.md sections 2, 4 and 4b). */
export interface QuotaResult {
  /** Recipients per 24 h per mailbox; null when not known (then nothing is checked). */
  limit: number | null;
  limitSource: 'preset' | 'input' | 'none';
  /** What the provider's quota is, in words. */
  rule: string;
  /** mailbox: per sending mailbox; account: Amazon SES counts every sender of the account together. */
  scope: 'mailbox' | 'account';
  /** True when a limit is known and at least one sender gave a volume. */
  checked: boolean;
  mailboxes: MailboxQuota[];
  /** No mailbox is over (a mailbox not checked is not over). */
  allWithinLimit: boolean;
  /** Ways to bring each over-quota mailbox within the limit, those that fit first. */
  options: QuotaOption[];
  /** E.g. the compromised-account warning; sentences. */
  warnings: string[];
  /** One sentence verdict. */
  verdict: string;
}

export interface BudgetResult {
  provider: { id: ProviderId; name: string; limit: number; perMinuteCap: number | null };
  mailboxes: MailboxBudget[];
  allWithinLimit: boolean;
  /** plans[0] is the recommendation; empty when within limit or when no plan exists. */
  plans: Plan[];
  noPlan: NoPlanReason[];
  /** One sentence verdict (connections). */
  verdict: string;
  /** The recipients per 24 h quota; `allWithinLimit`, `plans` and `verdict` above are about connections only. */
  quota: QuotaResult;
}
