import { z } from 'zod';

/**
 * What the engineer asks the live SMTP check to do (domain.md 4e). The secrets (password, access
 * token) are typed for one check only: this schema is the one place they appear, and nothing that
 * is saved, logged or reported is built from a request.
 */

export const SMTP_TLS_MODES = ['starttls', 'implicit', 'none'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

/** A concurrency measure opens at most this many connections at once (Exchange Online allows 3 per mailbox). */
export const MAX_CONCURRENT_CONNECTIONS = 6;

/** Stages with a time-out of their own. */
export const TIMED_STAGES = ['dns', 'connect', 'banner', 'ehlo', 'tls', 'login', 'envelope', 'message'] as const;
export type TimedStage = (typeof TIMED_STAGES)[number];

export const DEFAULT_STAGE_TIMEOUT_MS: Record<TimedStage, number> = {
  dns: 10_000,
  connect: 10_000,
  banner: 20_000,
  ehlo: 15_000,
  tls: 15_000,
  login: 20_000,
  envelope: 20_000,
  message: 60_000,
};

// A host name (letters, digits, dots, hyphens, underscores), an IPv4 address or a bracket-free IPv6 address.
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?|[0-9A-Fa-f:.]+)$/;

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Type the mail server’s host name, e.g. smtp.office365.com')
  .max(253, 'A host name has at most 253 characters')
  .regex(HOST, 'Host must be a host name or an IP address, without a scheme, a port or spaces (e.g. smtp.office365.com)');

const mailbox = (what: string) =>
  z
    .string()
    .trim()
    .min(3, `Type the ${what} address`)
    .max(320, `The ${what} address has at most 320 characters`)
    .regex(/^[^\s<>@]+@[^\s<>@]+$/, `The ${what} address must look like name@example.com`);

const userSchema = z.string().trim().min(1, 'Type the user (the mailbox that signs in)').max(320, 'The user has at most 320 characters');

export const smtpLoginSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('password'),
      user: userSchema,
      password: z.string().min(1, 'Type the password').max(1024, 'The password has at most 1,024 characters'),
    })
    .strict(),
  z
    .object({
      method: z.literal('xoauth2'),
      user: userSchema,
      accessToken: z.string().trim().min(1, 'Paste the OAuth 2.0 access token').max(16_384, 'The access token has at most 16,384 characters'),
    })
    .strict(),
]);
export type SmtpLogin = z.infer<typeof smtpLoginSchema>;

export const smtpEnvelopeSchema = z
  .object({
    from: mailbox('sender (MAIL FROM)'),
    to: mailbox('recipient (RCPT TO)'),
    /** False: MAIL FROM and RCPT TO only, then RSET (nothing is delivered). True: a real test email to `to`. */
    send: z.boolean().default(false),
  })
  .strict();

export const smtpConcurrencySchema = z
  .object({
    connections: z
      .number()
      .int('Connections must be a whole number')
      .min(2, 'Open at least 2 connections to measure a limit')
      .max(MAX_CONCURRENT_CONNECTIONS, `Open at most ${MAX_CONCURRENT_CONNECTIONS} connections at once`),
    /** Each connection submits one test email to the envelope's recipient: the engineer must agree to it. */
    consent: z.literal(true, 'Tick the box to agree that each connection sends one test email'),
  })
  .strict();

const timeoutMs = z.number().int().min(100, 'A time-out is at least 100 ms').max(300_000, 'A time-out is at most 5 minutes');

export const smtpCheckRequestSchema = z
  .object({
    host: hostSchema,
    port: z.number().int('Port must be a whole number').min(1, 'Port must be between 1 and 65535').max(65535, 'Port must be between 1 and 65535'),
    tls: z.enum(SMTP_TLS_MODES, 'TLS must be starttls, implicit or none').default('starttls'),
    login: smtpLoginSchema.optional(),
    envelope: smtpEnvelopeSchema.optional(),
    concurrency: smtpConcurrencySchema.optional(),
    /**
     * Extra certificate authorities (PEM) to trust, for a server behind the customer's own CA or a
     * TLS-inspecting proxy. The system's authorities are trusted as well.
     */
    trustedCaPem: z.string().max(100_000, 'The trusted certificates have at most 100,000 characters').optional(),
    /** Per stage, in milliseconds; the rest keep their defaults. */
    timeoutsMs: z.partialRecord(z.enum(TIMED_STAGES), timeoutMs).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.concurrency && !r.login)
      ctx.addIssue({ code: 'custom', path: ['login'], message: 'A concurrency measure signs in on each connection: give a user and a password or token' });
    if (r.concurrency && !r.envelope)
      ctx.addIssue({
        code: 'custom',
        path: ['envelope'],
        message: 'A concurrency measure sends a test email on each connection: give the sender and the recipient',
      });
  });

export type SmtpCheckRequest = z.infer<typeof smtpCheckRequestSchema>;
export type SmtpCheckRequestInput = z.input<typeof smtpCheckRequestSchema>;

export function stageTimeout(request: Pick<SmtpCheckRequest, 'timeoutsMs'>, stage: TimedStage): number {
  return request.timeoutsMs?.[stage] ?? DEFAULT_STAGE_TIMEOUT_MS[stage];
}
