import type { FactOrigin, ServerFact, ServersProbeResult, SettingsEvidence } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { probeFailure, unreadableReason } from './failures';
import { missingPlatformSchema } from './platform-schema';
import { readOnly } from './read-only';
import { candidateColumnsSql } from './sql/introspect';
import { mailParameterNamesSql, sendEmailsHostRowsSql, serverZonesSql, serversSql } from './sql/servers';
import type { ProbeCallOptions } from './types';
import { flag, text } from './values';

/** Column names on OSSYS_SERVER that would say "Send Emails" (the real one is unknown, domain.md 3). */
export const SEND_EMAILS_COLUMNS = [
  'SEND_EMAILS',
  'SENDS_EMAILS',
  'SEND_EMAIL',
  'IS_EMAIL_ENABLED',
  'EMAIL_ENABLED',
  'EMAILS_ENABLED',
  'ENABLE_EMAILS',
  'IS_SEND_EMAILS',
];
/** Per-host parameter rows that would say the same, lower case. */
export const SEND_EMAILS_PARAMETERS = ['scheduler.sendemails', 'scheduler.emailsenabled', 'server.sendemails'];
const CAP = 500;
/** At most this many parameter names are kept as evidence. */
export const EVIDENCE_CAP = 200;
const ASK_SEND = 'check Service Center > Administration > Servers and say whether this server sends email';
const ASK_ZONE = 'check Service Center > Administration > Deployment Zones';
/** O11 replaced these tables by Deployment Zones (breaking change 28): what they hold is at most a hint. */
const ZONE_HINT = `legacy OSSYS_ZONE / OSSYS_ZONE_SERVER rows, which O11 no longer keeps up to date; confirm in Service Center > Administration > Deployment Zones`;

type Columns = Map<string, Set<string>>;

export async function readColumns(tx: DbConnection, signal?: AbortSignal): Promise<Columns> {
  const rows = await tx.query<{ TABLE_NAME: unknown; COLUMN_NAME: unknown }>(candidateColumnsSql[tx.engine], {}, { signal });
  const columns: Columns = new Map();
  for (const row of rows) {
    const table = String(row.TABLE_NAME).toUpperCase();
    if (!columns.has(table)) columns.set(table, new Set());
    columns.get(table)!.add(String(row.COLUMN_NAME).toUpperCase());
  }
  return columns;
}

/** Reads one optional fact; "may not read" and "does not exist" become a reason, anything else stops the probe. */
async function optional<T>(object: string, doing: string, read: () => Promise<T>): Promise<{ value: T } | { reason: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    const reason = unreadableReason(error, object);
    if (reason === null) throw probeFailure(error, doing);
    return { reason };
  }
}

export async function readServers(conn: DbConnection, opts: ProbeCallOptions = {}): Promise<Omit<ServersProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const { signal } = opts;
  return readOnly(conn, async (tx) => {
    const engine = tx.engine;
    opts.progress?.('Looking for the columns that hold "Send Emails" and zones', 0.1);
    const discovered = await optional('the column catalog', 'listing columns', () => readColumns(tx, signal));
    const columns: Columns = 'value' in discovered ? discovered.value : new Map();
    let catalogProblem = 'reason' in discovered ? discovered.reason : null;
    // Oracle lists the current schema only: nothing there may mean "no platform schema set".
    if (!catalogProblem && !columns.has('OSSYS_SERVER')) catalogProblem = await missingPlatformSchema(tx, signal);
    const serverColumns = columns.get('OSSYS_SERVER') ?? new Set<string>();
    const sendColumn = SEND_EMAILS_COLUMNS.find((c) => serverColumns.has(c)) ?? null;

    opts.progress?.('Reading OSSYS_SERVER', 0.3);
    const listed = await optional('OSSYS_SERVER', 'reading OSSYS_SERVER', () =>
      tx.query<Record<string, unknown>>(serversSql(sendColumn)[engine], { cap: CAP }, { signal }),
    );
    if ('reason' in listed) {
      const problem = (await missingPlatformSchema(tx, signal)) ?? listed.reason;
      return { servers: [], summary: `The front-end servers could not be read: ${problem}. Enter them by hand.`, problem };
    }

    opts.progress?.('Reading per-host parameter rows', 0.55);
    const hostRows = sendColumn
      ? { value: [] as Array<Record<string, unknown>> }
      : await optional('OSSYS_PARAMETER', 'reading per-host parameter rows', () =>
          tx.query<Record<string, unknown>>(
            sendEmailsHostRowsSql[engine],
            { n0: SEND_EMAILS_PARAMETERS[0]!, n1: SEND_EMAILS_PARAMETERS[1]!, n2: SEND_EMAILS_PARAMETERS[2]!, cap: CAP },
            { signal },
          ),
        );

    opts.progress?.('Reading deployment zones', 0.8);
    const zoneTables =
      columns.get('OSSYS_ZONE')?.has('NAME') &&
      columns.get('OSSYS_ZONE')?.has('ID') &&
      columns.get('OSSYS_ZONE_SERVER')?.has('SERVER_ID') &&
      columns.get('OSSYS_ZONE_SERVER')?.has('ZONE_ID');
    const zones = zoneTables
      ? await optional('OSSYS_ZONE / OSSYS_ZONE_SERVER', 'reading deployment zones', () =>
          tx.query<{ SERVER_ID: unknown; NAME: unknown }>(serverZonesSql[engine], { cap: CAP * 4 }, { signal }),
        )
      : { reason: catalogProblem ?? 'no OSSYS_ZONE and OSSYS_ZONE_SERVER tables with ID, NAME, ZONE_ID and SERVER_ID columns were found' };

    const zonesByServer = new Map<string, string[]>();
    if ('value' in zones) {
      for (const z of zones.value) {
        const key = String(z.SERVER_ID);
        zonesByServer.set(key, [...(zonesByServer.get(key) ?? []), String(z.NAME)]);
      }
    }

    const servers: ServerFact[] = listed.value.map((row) => {
      const name = text(row.NAME) ?? '?';
      let sendsEmail: boolean | null = null;
      let sendsEmailOrigin: FactOrigin;
      if (sendColumn) {
        sendsEmail = flag(row.SENDS_EMAIL);
        sendsEmailOrigin =
          sendsEmail === null
            ? { kind: 'unknown', reason: `OSSYS_SERVER.${sendColumn} is empty or unreadable; ${ASK_SEND}` }
            : { kind: 'database', detail: `OSSYS_SERVER.${sendColumn}` };
      } else if ('reason' in hostRows) {
        sendsEmailOrigin = { kind: 'unknown', reason: `per-host parameter rows could not be read (${hostRows.reason}); ${ASK_SEND}` };
      } else {
        const hostRow = hostRows.value.find((r) => String(r.HOST ?? '').toLowerCase() === name.toLowerCase() && flag(r.VAL) !== null);
        if (hostRow) {
          sendsEmail = flag(hostRow.VAL);
          sendsEmailOrigin = { kind: 'database', detail: `OSSYS_PARAMETER row ${text(hostRow.NAME)} for host ${name}` };
        } else {
          sendsEmailOrigin = {
            kind: 'unknown',
            reason: catalogProblem
              ? `the column catalog could not be read (${catalogProblem}); ${ASK_SEND}`
              : `neither an OSSYS_SERVER column nor a per-host parameter row says it; ${ASK_SEND}`,
          };
        }
      }
      let zone: string | null = null;
      let zoneOrigin: FactOrigin;
      if ('reason' in zones) {
        zoneOrigin = { kind: 'unknown', reason: `${zones.reason}; ${ASK_ZONE}` };
      } else {
        const names = zonesByServer.get(String(row.ID));
        zone = names ? names.join(', ') : null;
        zoneOrigin = names ? { kind: 'hint', detail: ZONE_HINT } : { kind: 'unknown', reason: `OSSYS_ZONE_SERVER has no row for ${name}; ${ASK_ZONE}` };
      }
      return { name, ip: text(row.IP_ADDRESS), active: flag(row.IS_ACTIVE) ?? false, sendsEmail, sendsEmailOrigin, zone, zoneOrigin };
    });
    opts.progress?.('Keeping what the database shows about mail settings', 0.9);
    const evidence = await readEvidence(tx, serverColumns, signal);
    const summary = summarise(servers) + (evidence.problem ? ` Mail parameter names were not read: ${evidence.problem}.` : '');
    return { servers, summary, evidence: evidence.value };
  });
}

/**
 * Where "Send Emails" lives is not documented, so what this database shows is kept: the columns
 * of OSSYS_SERVER and the names (never the values) of parameters about mail, email or SMTP.
 */
async function readEvidence(tx: DbConnection, serverColumns: Set<string>, signal?: AbortSignal): Promise<{ value: SettingsEvidence; problem?: string }> {
  const value: SettingsEvidence = { serverColumns: [...serverColumns].sort().slice(0, EVIDENCE_CAP), mailParameters: [] };
  const rows = await optional('OSSYS_PARAMETER', 'reading the names of mail parameters', () =>
    tx.query<{ NAME: unknown; HOST: unknown }>(mailParameterNamesSql[tx.engine], { mail: '%mail%', smtp: '%smtp%', cap: EVIDENCE_CAP }, { signal }),
  );
  if ('reason' in rows) return { value, problem: rows.reason };
  value.mailParameters = rows.value.map((r) => ({ name: text(r.NAME) ?? '', host: text(r.HOST) || null }));
  return { value };
}

function summarise(servers: ServerFact[]): string {
  if (servers.length === 0) return 'OSSYS_SERVER has no rows.';
  const active = servers.filter((s) => s.active);
  const sending = active.filter((s) => s.sendsEmail === true).length;
  const unknown = active.filter((s) => s.sendsEmail === null).length;
  const zones = new Set(servers.map((s) => s.zone).filter(Boolean));
  const parts = [`${servers.length} server${servers.length === 1 ? '' : 's'}, ${active.length} active`];
  parts.push(unknown ? `${sending} known to send email, ${unknown} unknown` : `${sending} sending email`);
  if (zones.size) parts.push(`${zones.size} deployment zone${zones.size === 1 ? '' : 's'} according to the legacy zone tables (a hint to confirm)`);
  return `${parts.join('; ')}.`;
}
