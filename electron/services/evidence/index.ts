import { ApiError } from '../../../shared/api/errors';
import { MAX_EVIDENCE_BYTES, type evidenceMethods, type EvidenceMapping } from '../../../shared/api/methods/evidence';
import type { Matcher } from '../../../shared/incidents/matcher';
import type { ErrorsProbeResult, ImportedEvidence } from '../../../shared/probes/types';
import { fixEffectiveAt } from '../../../shared/wizard/fix';
import type { Playbook, ProbeKind, ProbeUseOf } from '../../../shared/wizard/playbook';
import type { Session } from '../../../shared/wizard/session';
import type { CallContext, HandlersFor } from '../context';
import { formatUtcMinute } from '../probes/db-time';
import { summarise, type ErrorMatch } from '../probes/read-errors';
import { earlierMatches, MAX_KEPT_OCCURRENCES, newOnly, occurrencesOf } from './merge';
import type { EvidenceCount } from './parse';
import { runEvidence } from './run';

/**
 * The customer's own evidence (domain.md 4c): the Errors export of Service Center, a .csv, or the
 * Errors page pasted as text. `evidence.preview` reads it and changes nothing; an import counts the
 * playbook's errors in it exactly as the error-log search counts them in the log, and hands back
 * the results the session records as that search's.
 */

const MB = 1024 * 1024;

/** The file's bytes; refused before decoding when the base64 says it is over the limit. */
export function decodeEvidence(contentBase64: string): Uint8Array {
  const clean = contentBase64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const size = Math.floor((clean.length * 3) / 4) - padding;
  if (size > MAX_EVIDENCE_BYTES) {
    throw new ApiError(
      'invalid_input',
      `Too large: the file is ${(size / MB).toFixed(1)} MB; at most ${MAX_EVIDENCE_BYTES / MB} MB is read. Filter the export in Service Center and export again.`,
      {
        field: 'contentBase64',
      },
    );
  }
  if (size <= 0) throw new ApiError('invalid_input', 'Empty: the file has no content.', { field: 'contentBase64' });
  const bytes = Buffer.from(clean, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rowsProgress(ctx: CallContext, verb: string) {
  return (rows: number) => ctx.progress(`${verb}: ${rows.toLocaleString('en-US')} rows read`);
}

export function createEvidenceService() {
  const handlers: HandlersFor<typeof evidenceMethods> = {
    'evidence.preview': async ({ fileName, contentBase64, mapping, utcOffsetMinutes }, ctx) => {
      const bytes = decodeEvidence(contentBase64);
      const result = await runEvidence(
        { task: 'preview', bytes, fileName, mapping, utcOffsetMinutes: utcOffsetMinutes ?? 0 },
        { signal: ctx.signal, onRows: rowsProgress(ctx, 'Reading the file') },
      );
      return result.preview;
    },
  };
  return { handlers };
}

/** The error-log readings of a playbook an import fills: the first that is not "since the fix", and the first that is. */
export function importTargets(playbook: Playbook): { main: [ProbeKind, ProbeUseOf<'error-log'>]; sinceFix: [ProbeKind, ProbeUseOf<'error-log'>] | null } {
  const errorLogs = Object.entries(playbook.probes ?? {}).filter((entry): entry is [ProbeKind, ProbeUseOf<'error-log'>] => entry[1].probe === 'error-log');
  const main = errorLogs.find(([, use]) => !use.sinceFix);
  if (!main) throw new ApiError('invalid_input', 'This playbook counts no errors from the error log, so there is nothing to import into it.');
  return { main, sinceFix: errorLogs.find(([, use]) => use.sinceFix) ?? null };
}

export interface ImportInput {
  fileName: string;
  contentBase64: string;
  mapping?: EvidenceMapping;
  utcOffsetMinutes?: number;
  /** The earlier imports this one adds to, by probe id (none when it replaces them). */
  previous?: Partial<Record<ProbeKind, ErrorsProbeResult>>;
}

/**
 * Counts the playbook's errors in the file and returns the probe results to record: the main
 * error-log reading, and the "since the fix" one when a fix is recorded and the file goes past it.
 * Nothing is recorded here; a refused file throws before anything changes.
 */
export async function importResults(
  session: Session,
  playbook: Playbook,
  input: ImportInput,
  ctx: CallContext,
  now: () => Date,
): Promise<Array<{ probe: ProbeKind; result: ErrorsProbeResult }>> {
  const started = Date.now();
  const { main, sinceFix } = importTargets(playbook);
  const matchers = main[1].matchers;
  const errorName = main[1].errorName.trim() || playbook.report.errorName;
  const utcOffsetMinutes = input.utcOffsetMinutes ?? session.clock?.utcOffsetMinutes ?? 0;
  const fixAt = sinceFix ? fixEffectiveAt(session, playbook) : null;
  const bytes = decodeEvidence(input.contentBase64);
  const outcome = await runEvidence(
    { task: 'count', bytes, fileName: input.fileName, mapping: input.mapping, utcOffsetMinutes, matchers, fixAt },
    { signal: ctx.signal, onRows: rowsProgress(ctx, 'Reading the file') },
  );
  if (outcome.task !== 'count') throw new ApiError('internal', 'The file reader answered another question.');
  const { count, preview } = outcome;
  ctx.progress(`Counted ${count.matches.length.toLocaleString('en-US')} matching rows`, 1);
  const readAt = now().toISOString();
  const base = { fileName: input.fileName, utcOffsetMinutes, mapping: preview.mapping };
  const results: Array<{ probe: ProbeKind; result: ErrorsProbeResult }> = [];
  const all = count.matches.map((m) => ({ instant: m.instant, server: m.server, message: m.message, matcher: matchers[m.matcher]! }));
  const name = input.fileName;
  const add = (probe: ProbeKind, found: ErrorMatch[], rows: number, what: string, since: Date | null) => {
    const earlier = input.previous?.[probe];
    const fresh = newOnly(found, earlier);
    const union = earlier ? [...earlierMatches(earlier, matchers), ...fresh] : fresh;
    const files = [...(earlier?.evidence?.files ?? []), { name, rows, matching: found.length }];
    const repeated = found.length - fresh.length;
    const occurrences = [...(earlier?.evidence?.occurrences ?? []), ...occurrencesOf(fresh, matchers)];
    const filesText = files.map((f) => `${f.name} (${n(f.rows)} ${what}, ${n(f.matching)} matching)`).join(' + ');
    const label =
      files.length === 1
        ? `imported: ${name}, ${n(rows)} ${what}, ${n(found.length)} matching`
        : `imported: ${filesText}: ${n(union.length)} counted${repeated ? `, ${n(repeated)} already counted before` : ''}`;
    const times = union.map((m) => m.instant).sort();
    results.push({
      probe,
      result: resultOf(union, count, {
        since: since ?? new Date(times[0] ?? count.firstAt!),
        until: new Date(times.at(-1) ?? count.lastAt!),
        rows: files.reduce((sum, f) => sum + f.rows, 0),
        evidence: {
          ...base,
          rows: files.reduce((sum, f) => sum + f.rows, 0),
          matching: union.length,
          label,
          files,
          ...(occurrences.length <= MAX_KEPT_OCCURRENCES ? { occurrences } : {}),
        },
        matchers,
        errorName,
        readAt,
        started,
      }),
    });
  };
  add(main[0], all, count.rowCount, 'rows', null);
  if (sinceFix && fixAt && count.rowsAfterFix > 0) {
    const since = new Date(fixAt);
    const after = all.filter((m) => m.instant > since.toISOString());
    add(sinceFix[0], after, count.rowsAfterFix, `rows after the fix (${formatUtcMinute(since)})`, since);
  }
  return results;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function resultOf(
  matches: ErrorMatch[],
  count: EvidenceCount,
  info: {
    since: Date;
    until: Date;
    rows: number;
    evidence: ImportedEvidence;
    matchers: readonly Matcher[];
    errorName: string;
    readAt: string;
    started: number;
  },
): ErrorsProbeResult {
  const problems: string[] = [];
  if (count.rowsWithoutTime > 0) {
    problems.push(
      `${n(count.rowsWithoutTime)} row${count.rowsWithoutTime === 1 ? '' : 's'} without a readable time${count.matchesWithoutTime ? `, ${n(count.matchesWithoutTime)} of them matching,` : ''} not counted`,
    );
  }
  const windowText = `in ${info.evidence.fileName} between ${formatUtcMinute(info.since)} and ${formatUtcMinute(info.until)}`;
  const summary = summarise([...matches], {
    since: info.since,
    until: info.until,
    capped: false,
    problems,
    candidatesRead: info.rows,
    errorName: info.errorName,
    matchers: info.matchers,
    windowText,
  });
  const source = info.evidence.label.charAt(0).toUpperCase() + info.evidence.label.slice(1);
  return {
    readAt: info.readAt,
    durationMs: Date.now() - info.started,
    engine: 'import',
    ...summary,
    summary: `${source}. ${summary.summary.replace(' in the log in ', ' in ')}`,
    coveredStart: null,
    evidence: info.evidence,
  };
}
