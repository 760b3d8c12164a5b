import { z } from 'zod';
import { SMTP_TLS_MODES } from './request';

/**
 * What a live SMTP check found, stage by stage. One schema for the API result, the CLI's JSON, the
 * file a customer sends back (validated before it is attached to a session) and the report. Never
 * holds a password or a token: only the user name, the server's replies and the certificate.
 */

export const SMTP_CHECK_FORMAT = 'support-toolkit.smtp-check';
export const SMTP_CHECK_VERSION = 1;

export const SMTP_STAGES = ['dns', 'connect', 'tls', 'banner', 'ehlo', 'auth-offered', 'login', 'envelope', 'message', 'concurrency'] as const;
export type SmtpStage = (typeof SMTP_STAGES)[number];

export const SMTP_STAGE_LABEL: Record<SmtpStage, string> = {
  dns: 'Name resolution',
  connect: 'TCP connect',
  tls: 'TLS',
  banner: 'Banner',
  ehlo: 'EHLO',
  'auth-offered': 'AUTH mechanisms offered',
  login: 'Login',
  envelope: 'MAIL FROM / RCPT TO',
  message: 'Test email',
  concurrency: 'Concurrent connections',
};

export const SMTP_STAGE_STATUSES = ['passed', 'failed', 'warning', 'skipped'] as const;

export const SMTP_OUTCOMES = ['passed', 'not-reached', 'tls', 'login-refused', 'send-refused', 'limit-reached', 'protocol'] as const;
export type SmtpOutcome = (typeof SMTP_OUTCOMES)[number];

const text = (max: number) => z.string().max(max);

/** A refused reply the playbooks' matchers recognise: which playbook, and which form of it. */
export const smtpReplyMatchSchema = z.object({
  playbookId: text(100),
  playbookTitle: text(300),
  /** The form (variant) the matcher names, e.g. "tenant-disabled"; null when the playbook has no forms. */
  form: text(100).nullable(),
});
export type SmtpReplyMatch = z.infer<typeof smtpReplyMatchSchema>;

export const smtpStageResultSchema = z.object({
  stage: z.enum(SMTP_STAGES),
  status: z.enum(SMTP_STAGE_STATUSES),
  /** Milliseconds the stage took; null when it did not run. */
  ms: z.number().nonnegative().max(3_600_000).nullable(),
  /** What was found or went wrong, in words. */
  detail: text(2_000),
  /** The command sent, secrets left out ("AUTH LOGIN", "MAIL FROM:<a@b>"). */
  command: text(1_000).optional(),
  /** The server's reply, as received (several lines joined by "\n"). */
  reply: text(8_000).optional(),
  /** The client library's error code (ETIMEDOUT, ETLS, EAUTH, ...), for a ticket. */
  errorCode: text(40).optional(),
  match: smtpReplyMatchSchema.optional(),
});
export type SmtpStageResult = z.infer<typeof smtpStageResultSchema>;

export const smtpCertificateSchema = z.object({
  subject: text(1_000),
  subjectAltNames: z.array(text(300)).max(500),
  issuer: text(1_000),
  /** Subject of each certificate from the server's up to the root it sent or the store completed, in order. */
  issuerChain: z.array(text(1_000)).max(20),
  validFrom: text(40),
  validTo: text(40),
  fingerprintSha256: text(120),
});

export const smtpTlsDetailsSchema = z.object({
  mode: z.enum(SMTP_TLS_MODES),
  protocol: text(40).nullable(),
  cipher: text(120).nullable(),
  certificate: smtpCertificateSchema.nullable(),
  /** The chain ends in an authority this computer (or the given CA) trusts, and the dates hold. */
  trusted: z.boolean(),
  /** The certificate names the host that was typed. */
  validForHost: z.boolean(),
  /** Why it does not validate, in words; null when it does. */
  problem: text(1_000).nullable(),
});
export type SmtpTlsDetails = z.infer<typeof smtpTlsDetailsSchema>;

export const smtpConcurrencyConnectionSchema = z.object({
  /** 1-based, in the order the connections were opened. */
  index: z.number().int().min(1).max(6),
  status: z.enum(['sent', 'refused', 'failed']),
  /** The stage where it stopped, or `message` when the test email was accepted. */
  stage: z.enum(SMTP_STAGES),
  reply: text(8_000).optional(),
  match: smtpReplyMatchSchema.optional(),
});

export const smtpConcurrencySchema = z.object({
  requested: z.number().int().min(2).max(6),
  /** Connections whose test email was accepted. */
  accepted: z.number().int().min(0).max(6),
  connections: z.array(smtpConcurrencyConnectionSchema).max(6),
});
export type SmtpConcurrencyResult = z.infer<typeof smtpConcurrencySchema>;

export const smtpCheckResultSchema = z.object({
  format: z.literal(SMTP_CHECK_FORMAT),
  version: z.literal(SMTP_CHECK_VERSION),
  host: text(253),
  port: z.number().int().min(1).max(65535),
  tlsMode: z.enum(SMTP_TLS_MODES),
  /** The user that signed in, when a login was asked for; never the password or token. */
  user: text(320).nullable(),
  loginMethod: z.enum(['password', 'xoauth2']).nullable(),
  startedAt: text(40),
  finishedAt: text(40),
  outcome: z.enum(SMTP_OUTCOMES),
  /** The CLI's exit code for this outcome. */
  exitCode: z.number().int().min(0).max(255),
  summary: text(2_000),
  addresses: z.array(text(60)).max(50),
  extensions: z.array(text(300)).max(100),
  authMechanisms: z.array(text(40)).max(30),
  tls: smtpTlsDetailsSchema.nullable(),
  stages: z.array(smtpStageResultSchema).max(20),
  concurrency: smtpConcurrencySchema.nullable(),
  warnings: z.array(text(1_000)).max(20),
});
export type SmtpCheckResult = z.infer<typeof smtpCheckResultSchema>;

/** Progress of a running check: the stage it is in and a sentence. */
export interface SmtpCheckProgress {
  stage: SmtpStage;
  message: string;
  /** 0..1 of the stages this check will run. */
  fraction: number;
}
