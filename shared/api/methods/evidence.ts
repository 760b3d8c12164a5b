import { z } from 'zod';
import { method } from '../define';

/**
 * The customer's own evidence: the Excel file Service Center > Monitoring > Errors downloads, a
 * `.csv`, or text copied from the Errors page (domain.md 4c). Its columns are not documented, so
 * they are found by their header names and the engineer can correct the mapping in the preview.
 */

/** At most this much file, once decoded. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** At most this many rows of data. */
export const MAX_EVIDENCE_ROWS = 200_000;
/** Base64 of MAX_EVIDENCE_BYTES, with padding. */
const MAX_BASE64_CHARS = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4;

export const EVIDENCE_FIELDS = ['time', 'message', 'server', 'module', 'application'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

const column = z.string().max(200).nullable();

/** Which column holds what, by the column's header as the file names it (null: none). */
export const evidenceMappingSchema = z
  .object({
    time: column,
    message: column,
    server: column,
    module: column,
    application: column,
    /** Dates written like 01/12/2026: day first (1 December) when true, month first (January 12) when false. */
    dayFirst: z.boolean(),
  })
  .strict();
export type EvidenceMapping = z.infer<typeof evidenceMappingSchema>;

export const utcOffsetSchema = z.number().int('Use whole minutes').min(-720, 'At least -720 minutes (UTC-12:00)').max(840, 'At most 840 minutes (UTC+14:00)');

/** The file: its name (for the kind and the sentences) and its bytes in base64. */
export const evidenceFileSchema = {
  fileName: z.string().trim().min(1, 'Name the file').max(255, 'A file name can be at most 255 characters'),
  contentBase64: z
    .string()
    .max(MAX_BASE64_CHARS + 4, `Too large: a file can be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'The file content must be base64'),
};

export interface EvidencePreview {
  fileName: string;
  /** How the file was read. */
  kind: 'xlsx' | 'csv' | 'text';
  /** The columns, by header (a column without one is "Column 3"). */
  columns: string[];
  /** What the headers say, before any correction. */
  detected: EvidenceMapping;
  /** The mapping used for `times` (the one given, else the detected one). */
  mapping: EvidenceMapping;
  /** The first 20 rows as text, one string per column. */
  rows: string[][];
  /** The time of each of those rows in UTC (ISO) under the mapping and offset; null when it cannot be read. */
  times: Array<string | null>;
  /** Rows of data (the header row not counted). */
  rowCount: number;
  /** The offset the times were read in, minutes east of UTC. */
  utcOffsetMinutes: number;
  /** Oldest and newest time of all rows, ISO UTC; null when none could be read. */
  firstAt: string | null;
  lastAt: string | null;
  /** What stops an import or makes it partial (no message column, rows without a time). */
  problems: string[];
  /** Assumptions said out loud (day/month order, the time zone). */
  notes: string[];
}

export const evidenceMethods = {
  /** Reads a file (or pasted text) and shows what an import would take; changes nothing. */
  'evidence.preview': method(
    z
      .object({
        ...evidenceFileSchema,
        mapping: evidenceMappingSchema.optional(),
        utcOffsetMinutes: utcOffsetSchema.optional(),
      })
      .strict(),
    { long: true, upload: true },
  ).returns<EvidencePreview>(),
};
