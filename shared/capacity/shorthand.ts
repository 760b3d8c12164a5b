import { z } from 'zod';
import { budgetInputSchema, budgetShorthandSchema, type BudgetInput, type BudgetInputParsed, type BudgetShorthand } from './types';

/**
 * `{ servers: 2, threads: 2 }` = one environment with 2 email-sending servers FE1, FE2 in one zone;
 * its daily volume and the quota options may come along.
 */
export function expandShorthand(shorthand: BudgetShorthand): BudgetInput {
  const { servers, threads, limit, provider, emailsPerDay, recipientsPerEmail, recipientsPerDay, recipientLimit, quotaErrorSeen } =
    budgetShorthandSchema.parse(shorthand);
  return {
    ...(provider ? { provider } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(recipientLimit !== undefined ? { recipientLimit } : {}),
    ...(quotaErrorSeen !== undefined ? { quotaErrorSeen } : {}),
    environments: [
      {
        name: 'Environment',
        emailThreads: threads,
        ...(emailsPerDay !== undefined ? { emailsPerDay } : {}),
        ...(recipientsPerEmail !== undefined ? { recipientsPerEmail } : {}),
        ...(recipientsPerDay !== undefined ? { recipientsPerDay } : {}),
        servers: Array.from({ length: servers }, (_, i) => ({ name: `FE${i + 1}`, sendsEmail: true, zone: 'Global' })),
      },
    ],
  };
}

/** A plain object with a numeric `servers` is the shorthand; anything else is the full input. */
function looksLikeShorthand(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && typeof (raw as { servers?: unknown }).servers === 'number';
}

/** Validates either form (files given to the CLI, pasted scenarios). */
export function parseAnyBudgetInput(raw: unknown): z.ZodSafeParseResult<BudgetInputParsed> {
  if (looksLikeShorthand(raw)) {
    const shorthand = budgetShorthandSchema.safeParse(raw);
    if (!shorthand.success) return shorthand as unknown as z.ZodSafeParseResult<BudgetInputParsed>;
    return budgetInputSchema.safeParse(expandShorthand(shorthand.data));
  }
  return budgetInputSchema.safeParse(raw);
}
