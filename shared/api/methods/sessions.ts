import { z } from 'zod';
import { method } from '../define';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_CAPTION } from '../../attachments';
import type { ApplyPreview } from '../../probes/types';
import type { SessionSummary, SessionView } from '../../wizard/view';
import { boundedFactValue } from '../../wizard/fact-bounds';
import { smtpCheckRequestSchema } from '../../smtp-check/request';
import { evidenceFileSchema, evidenceMappingSchema, utcOffsetSchema } from './evidence';

const id = z.string().min(1, 'Choose a session');
const factValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string().max(20_000), z.number(), z.boolean(), z.null(), z.array(factValue).max(500), z.record(z.string(), factValue)]),
);
const reason = z.string().max(2000);
/** The ticket or case number, e.g. "CS-123456": in the session list, the report and the exported file names. */
const ticket = z.string().trim().max(64, 'A ticket number can be at most 64 characters');
/** The customer, when the environment does not say it (or says it otherwise). */
const customer = z.string().trim().max(100, 'A customer name can be at most 100 characters');
const attachmentIdSchema = z.string().min(1, 'Choose an attachment').max(64);
/** Base64 of a little more than the largest file, so a file just over it is refused with its size named. */
const MAX_ATTACHMENT_BASE64 = Math.ceil((MAX_ATTACHMENT_BYTES * 1.2) / 3) * 4;

/** An ISO date and time given by the engineer. */
const doneAt = z.iso.datetime({ offset: true, message: 'Give the time as a date and time, e.g. 2026-12-07T09:30:00Z' });

/** What the engineer can do in a session. Probe results and apply records come only from the back end. */
export const sessionActionSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('answer'), facts: z.record(z.string().min(1).max(200), boundedFactValue(factValue)), detail: z.string().max(500).optional() })
    .strict(),
  z.object({ type: z.literal('continue') }).strict(),
  z.object({ type: z.literal('back') }).strict(),
  z.object({ type: z.literal('goto'), step: z.string().min(1) }).strict(),
  z.object({ type: z.literal('skip'), reason }).strict(),
  z.object({ type: z.literal('choose-plan'), planId: z.string().min(1), reason }).strict(),
  // `at`: when it was really done (offline the restart may be an hour before the tick); checked against now by the engine.
  z.object({ type: z.literal('applied-manually'), note: z.string().max(5000), at: doneAt.optional(), option: z.string().min(1).max(64).optional() }).strict(),
  z.object({ type: z.literal('tick'), server: z.string().min(1), done: z.boolean(), at: doneAt.optional() }).strict(),
  z
    .object({
      type: z.literal('verify'),
      result: z.literal('watch').optional(),
      watchMinutes: z.number().int().min(1, 'At least 1 minute').max(240).optional(),
    })
    .strict(),
  z.object({ type: z.literal('complete') }).strict(),
  z.object({ type: z.literal('reopen') }).strict(),
]);
export type EngineerAction = z.infer<typeof sessionActionSchema>;

/** Another playbook's errors in the window the session searched, e.g. "84 errors of the 432 … playbook in this window." */
export interface OtherKnownError {
  playbookId: string;
  title: string;
  count: number;
  /** The row cap was hit: `count` is a lower bound. */
  capped: boolean;
  sentence: string;
}

/** A probe of the session's playbook, by the id its steps use. */
export const probeKindSchema = z.string().min(1, 'Name a probe').max(64);

export const sessionMethods = {
  'sessions.list': method(z.object({}).strict()).returns<SessionSummary[]>(),
  'sessions.get': method(z.object({ id }).strict()).returns<SessionView>(),
  /** Starts a session on a saved environment (`profileId`) or offline (`profileId: null`, facts typed in). */
  'sessions.create': method(
    z
      .object({
        playbookId: z.string().min(1, 'Choose a playbook'),
        profileId: z.string().min(1).nullable(),
        /** Offline only: what to call the environment in the report. */
        environmentName: z.string().trim().max(100).optional(),
        pastedError: z.string().max(100_000).optional(),
        ticket: ticket.optional(),
        customer: customer.optional(),
      })
      .strict(),
  ).returns<SessionView>(),
  /**
   * Sets or changes the ticket and the customer at any time, a completed session too (they name the
   * session and its report; they change no finding). '' clears one; an absent one stays as it is.
   * The change is recorded in the event log.
   */
  'sessions.update': method(z.object({ id, ticket: ticket.optional(), customer: customer.optional() }).strict()).returns<SessionView>(),
  /**
   * When the session's own search of the error log found nothing: other playbooks' matchers over the
   * same window (from `since`), each playbook whose errors are there with its count, most first.
   * Empty otherwise, offline, or over an imported export.
   */
  'sessions.otherKnownErrors': method(z.object({ id }).strict(), { long: true }).returns<{ found: OtherKnownError[]; since?: string }>(),
  'sessions.act': method(z.object({ id, action: sessionActionSchema }).strict()).returns<SessionView>(),
  /** Runs one probe on the session's environment and records its result as probe facts. */
  'sessions.runProbe': method(
    z
      .object({
        id,
        probe: probeKindSchema,
        /** For the error-log search: how many days back (the log views hold 7 to 14; the result says what was covered). */
        days: z.number().int('Use whole days').min(1, 'At least 1 day').max(14, 'At most 14 days: the two log views show this week and last week').optional(),
      })
      .strict(),
    { long: true },
  ).returns<SessionView>(),
  /**
   * On a new session on a saved connection: every read-only probe the playbook needs runs at once,
   * in parallel (progress "<probe>: <step>", one cancel); then the wizard goes on to the first step
   * that needs the engineer, or the diagnosis. A failed probe is recorded in its step.
   */
  'sessions.autoProbe': method(z.object({ id }).strict(), { long: true }).returns<SessionView>(),
  /**
   * Runs one of the playbook's live checks of the mail server with what the engineer typed for it
   * (the password or token for this check only) and records its stages as checked live.
   */
  'sessions.liveCheck': method(z.object({ id, probe: probeKindSchema, request: smtpCheckRequestSchema }).strict(), { long: true }).returns<SessionView>(),
  /**
   * "Verify now": on a saved connection, runs the playbook's read-back probes (a failed one is
   * recorded in the step), then judges pass, fail or watching. Offline, judges the typed-in facts.
   */
  'sessions.verify': method(z.object({ id }).strict(), { long: true }).returns<SessionView>(),
  /** Reads another sender on the same mailbox from its own saved environment and lists it. */
  'sessions.probeSender': method(z.object({ id, profileId: z.string().min(1) }).strict(), { long: true }).returns<SessionView>(),
  /** Exactly the statement the app's Apply would run for the chosen plan. */
  'sessions.previewApply': method(z.object({ id }).strict()).returns<ApplyPreview & { expected: string | null; newValue: number }>(),
  'sessions.apply': method(z.object({ id }).strict(), { long: true }).returns<SessionView>(),
  'sessions.undo': method(z.object({ id, auditId: z.string().min(1) }).strict(), { long: true }).returns<SessionView>(),
  'sessions.delete': method(z.object({ id }).strict()).returns<{ deleted: true }>(),
  /**
   * Attaches a file the customer sent (PNG, JPEG or PDF, told by its first bytes; at most 10 MB, 20 MB
   * per session) with a caption. The bytes go to the data folder beside the session, which keeps
   * only the name, caption, type, size, SHA-256, when and by whom. Refused with the reason, nothing kept.
   */
  'sessions.attach': method(
    z
      .object({
        id,
        fileName: z.string().trim().min(1, 'Give the file a name').max(1000),
        contentBase64: z
          .string()
          .max(MAX_ATTACHMENT_BASE64, `A file can be at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64'),
        caption: z.string().trim().max(MAX_ATTACHMENT_CAPTION, `A caption can be at most ${MAX_ATTACHMENT_CAPTION} characters`).optional(),
      })
      .strict(),
    { upload: true },
  ).returns<SessionView>(),
  /** Removes an attached file: from the session and from the data folder. */
  'sessions.detach': method(z.object({ id, attachmentId: attachmentIdSchema }).strict()).returns<SessionView>(),
  /** Gives an attached file another caption ('' removes it). */
  'sessions.captionAttachment': method(
    z
      .object({
        id,
        attachmentId: attachmentIdSchema,
        caption: z.string().trim().max(MAX_ATTACHMENT_CAPTION, `A caption can be at most ${MAX_ATTACHMENT_CAPTION} characters`),
      })
      .strict(),
  ).returns<SessionView>(),
  /**
   * The customer's export of the error log (Service Center > Monitoring > Errors, .xlsx or .csv, or
   * pasted text), counted with the playbook's matchers and recorded as its error-log probe's result,
   * as the search would have; the rows after a recorded fix also as the "since the fix" count.
   * Offline sessions too. `utcOffsetMinutes`: the zone of the file's times (default the database
   * clock's, else UTC). A second import adds to the first (rows already counted are not counted
   * twice); `replace` drops the earlier count instead, and is required over a count read from the database.
   */
  'sessions.importEvidence': method(
    z
      .object({
        id,
        ...evidenceFileSchema,
        mapping: evidenceMappingSchema.optional(),
        utcOffsetMinutes: utcOffsetSchema.optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    { long: true, upload: true },
  ).returns<SessionView>(),
};
