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
export type ServerInput = z.infer<typeof serverSchema>;

export const environmentSchema = z.object({
  name: z.string().trim().min(1, 'Environment name is required'),
  /** Environments with the same mailbox share its limit; missing mailbox = its own. */
  mailbox: z.string().trim().optional(),
  /** Scheduler.NumberOfThreadsForEmails, the global value. */
  emailThreads: wholeNumber('Email threads'),
  servers: z.array(serverSchema).min(1, 'At least one front-end server is needed'),
});
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

export const budgetInputSchema = z.object({
  provider: providerIdSchema.default('exchange-online'),
  /** Overrides the preset's concurrent connection limit (required for providers that publish none). */
  limit: z.number().int('Limit must be a whole number').min(1, 'Limit must be at least 1').optional(),
  /** Overrides the preset's messages-per-minute cap. */
  perMinuteCap: z.number().positive().optional(),
  environments: z.array(environmentSchema).min(1, 'At least one environment is needed'),
  throughput: throughputSchema.optional(),
}).superRefine(checkNamesAndLimit);
export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetInputParsed = z.output<typeof budgetInputSchema>;

/** The one-environment shorthand: `{ servers: 2, threads: 2 }` = 2 email-sending servers. */
export const budgetShorthandSchema = z.object({
  servers: z.number().int('servers must be a whole number').min(1, 'servers must be at least 1'),
  threads: wholeNumber('threads'),
  limit: z.number().int().min(1).optional(),
  provider: providerIdSchema.optional(),
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
  kind: 'set-global-threads' | 'disable-email' | 'set-host-threads' | 'remove-host-override';
  environment: string;
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

export interface BudgetResult {
  provider: { id: ProviderId; name: string; limit: number; perMinuteCap: number | null };
  mailboxes: MailboxBudget[];
  allWithinLimit: boolean;
  /** plans[0] is the recommendation; empty when within limit or when no plan exists. */
  plans: Plan[];
  noPlan: NoPlanReason[];
  /** One sentence verdict. */
  verdict: string;
}
