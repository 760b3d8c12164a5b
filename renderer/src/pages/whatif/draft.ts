import { computeBudget } from '../../../../shared/capacity/engine';
import { budgetInputSchema, type BudgetInputParsed, type BudgetResult, type ProviderId } from '../../../../shared/capacity/types';

/**
 * What the form holds: numbers stay text while the user types ("", "1.", "-"), so an invalid
 * value can be shown and explained at its field instead of being lost.
 */
export interface ServerDraft {
  key: string;
  name: string;
  sendsEmail: boolean;
  /** Per-host threads override; empty = follows the global value. */
  threads: string;
  zone: string;
}

export interface EnvironmentDraft {
  key: string;
  name: string;
  mailbox: string;
  threads: string;
  servers: ServerDraft[];
  /** Daily volume for the recipients per 24 h quota; all optional. */
  emailsPerDay: string;
  recipientsPerEmail: string;
  recipientsPerDay: string;
}

export interface WhatIfDraft {
  provider: ProviderId;
  limit: string;
  perMinuteCap: string;
  avgSendSeconds: string;
  backlog: string;
  /** Recipients per 24 h per mailbox; empty = the provider's. */
  recipientLimit: string;
  quotaErrorSeen: boolean;
  environments: EnvironmentDraft[];
}

let keyCounter = 0;
export const newKey = (): string => `k${++keyCounter}`;

/** A new server named FE<n> with the first n not taken, so adding never creates a duplicate. */
export function newServer(taken: string[] = []): ServerDraft {
  const used = new Set(taken.map((t) => t.trim().toLowerCase()));
  let n = 1;
  while (used.has(`fe${n}`)) n++;
  return { key: newKey(), name: `FE${n}`, sendsEmail: true, threads: '', zone: 'Global' };
}

export function newEnvironment(index: number): EnvironmentDraft {
  const names = ['PRD', 'QA', 'DEV', 'LifeTime'];
  return {
    key: newKey(),
    name: names[index] ?? `ENV${index + 1}`,
    mailbox: '',
    threads: '2',
    servers: [newServer(), newServer(['FE1'])],
    emailsPerDay: '',
    recipientsPerEmail: '',
    recipientsPerDay: '',
  };
}

/** The farm of the support article: 2 front-ends x 2 threads on one Exchange Online mailbox. */
export function defaultDraft(): WhatIfDraft {
  const env = newEnvironment(0);
  env.mailbox = 'noreply@contoso.com';
  return {
    provider: 'exchange-online',
    limit: '',
    perMinuteCap: '',
    avgSendSeconds: '',
    backlog: '',
    recipientLimit: '',
    quotaErrorSeen: false,
    environments: [env],
  };
}

/** "" -> undefined (the field is optional or the schema says it is missing); otherwise a number, NaN included. */
function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** Counts may be typed with thousands separators ("10,000"); anything else is read as typed. */
function countOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return numberOrUndefined(/^\d{1,3}(,\d{3})+$/.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed);
}

export function draftToRaw(draft: WhatIfDraft): unknown {
  const avg = numberOrUndefined(draft.avgSendSeconds);
  const backlog = numberOrUndefined(draft.backlog);
  return {
    provider: draft.provider,
    ...(numberOrUndefined(draft.limit) !== undefined ? { limit: numberOrUndefined(draft.limit) } : {}),
    ...(numberOrUndefined(draft.perMinuteCap) !== undefined ? { perMinuteCap: numberOrUndefined(draft.perMinuteCap) } : {}),
    ...(avg !== undefined || backlog !== undefined ? { throughput: { avgSendSeconds: avg, ...(backlog !== undefined ? { backlog } : {}) } } : {}),
    ...(countOrUndefined(draft.recipientLimit) !== undefined ? { recipientLimit: countOrUndefined(draft.recipientLimit) } : {}),
    ...(draft.quotaErrorSeen ? { quotaErrorSeen: true } : {}),
    environments: draft.environments.map((env) => ({
      name: env.name,
      ...(env.mailbox.trim() ? { mailbox: env.mailbox } : {}),
      emailThreads: numberOrUndefined(env.threads),
      ...(countOrUndefined(env.emailsPerDay) !== undefined ? { emailsPerDay: countOrUndefined(env.emailsPerDay) } : {}),
      ...(countOrUndefined(env.recipientsPerEmail) !== undefined ? { recipientsPerEmail: countOrUndefined(env.recipientsPerEmail) } : {}),
      ...(countOrUndefined(env.recipientsPerDay) !== undefined ? { recipientsPerDay: countOrUndefined(env.recipientsPerDay) } : {}),
      servers: env.servers.map((s) => ({
        name: s.name,
        sendsEmail: s.sendsEmail,
        ...(numberOrUndefined(s.threads) !== undefined ? { emailThreads: numberOrUndefined(s.threads) } : {}),
        ...(s.zone.trim() ? { zone: s.zone } : {}),
      })),
    })),
  };
}

export function inputToDraft(input: BudgetInputParsed): WhatIfDraft {
  return {
    provider: input.provider,
    limit: input.limit?.toString() ?? '',
    perMinuteCap: input.perMinuteCap?.toString() ?? '',
    avgSendSeconds: input.throughput?.avgSendSeconds.toString() ?? '',
    backlog: input.throughput ? input.throughput.backlog.toString() : '',
    recipientLimit: input.recipientLimit?.toString() ?? '',
    quotaErrorSeen: input.quotaErrorSeen ?? false,
    environments: input.environments.map((env) => ({
      key: newKey(),
      name: env.name,
      mailbox: env.mailbox ?? '',
      threads: env.emailThreads.toString(),
      emailsPerDay: env.emailsPerDay?.toString() ?? '',
      recipientsPerEmail: env.recipientsPerEmail?.toString() ?? '',
      recipientsPerDay: env.recipientsPerDay?.toString() ?? '',
      servers: env.servers.map((s) => ({
        key: newKey(),
        name: s.name,
        sendsEmail: s.sendsEmail,
        threads: s.emailThreads?.toString() ?? '',
        zone: s.zone,
      })),
    })),
  };
}

export interface Evaluation {
  input?: BudgetInputParsed;
  result?: BudgetResult;
  /** Message per field path, e.g. "environments.0.servers.1.name". */
  errors: Record<string, string>;
}

const MISSING_NUMBER: Record<string, string> = {
  'throughput.avgSendSeconds': 'Give the average time to send one email, in seconds',
};

/** Validates the draft and, when valid, runs the engine. */
export function evaluate(draft: WhatIfDraft): Evaluation {
  const parsed = budgetInputSchema.safeParse(draftToRaw(draft));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const friendly = issue.code === 'invalid_type' && MISSING_NUMBER[path];
      errors[path] ??= friendly || issue.message;
    }
    return { errors };
  }
  return { input: parsed.data, result: computeBudget(parsed.data), errors: {} };
}
