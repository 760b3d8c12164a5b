import { promises as fs } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { ApiError } from '../../../shared/api/errors';
import { DEMO_SCENARIOS, type DemoScenario } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { moveAside, writeFileAtomic } from '../json-file';
import { canonicalZone } from '../../../shared/profiles/time-zone';
import { DEMO_MIGRATIONS, DEMO_SCHEMA_VERSION } from './schema';
import { incidentSeed } from './scenarios/concurrency';
import type { DemoSeed } from './seed-model';
import { demoScenarioSeeds } from './seeds';
import { applySeed } from './sql-writer';
import { createLock, createSqlJsConnection, type DemoDatabaseHandle } from './sqljs-connection';

/** The built-in profile id of the embedded demo environment. */
export const DEMO_PROFILE_ID = 'demo';
export const DEMO_PROFILE_NAME = 'Demo farm (embedded)';

export function demoDatabaseFile(dataDir: string): string {
  return path.join(dataDir, 'demo', 'platform.sqlite');
}

let sqlJs: Promise<SqlJsStatic> | undefined;
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** The demo's zone: from UTC-12:00 to UTC+14:00, as real zones go. */
export const DEMO_OFFSET_RANGE = { min: -720, max: 840 } as const;

export function checkDemoOffset(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < DEMO_OFFSET_RANGE.min || minutes > DEMO_OFFSET_RANGE.max) {
    throw new ApiError('invalid_input', 'The demo clock offset must be whole minutes from -720 (UTC-12:00) to 840 (UTC+14:00)', { field: 'utcOffsetMinutes' });
  }
  return minutes;
}

/** An IANA zone for the demo (its daylight-saving rules then apply), canonical; null clears it. */
export function checkDemoZone(value: string | null): string | null {
  if (value === null) return null;
  const zone = canonicalZone(value);
  if (!zone) throw new ApiError('invalid_input', `The demo time zone must be an IANA name such as America/New_York, not "${value}"`, { field: 'timeZone' });
  return zone;
}

export function checkDemoScenario(value: unknown): DemoScenario {
  if (!(DEMO_SCENARIOS as readonly unknown[]).includes(value)) {
    throw new ApiError('invalid_input', `The demo scenario must be one of ${DEMO_SCENARIOS.join(', ')}`, { field: 'scenario' });
  }
  return value as DemoScenario;
}

/**
 * Builds a fresh seeded database in memory (also used by tests and the bench), its times stored as
 * local wall-clock text at `utcOffsetMinutes` from UTC (default UTC).
 */
export async function createSeededDatabase(seed: DemoSeed, now: Date, utcOffsetMinutes = 0, timeZone: string | null = null): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  applySeed(db, seed, now, checkDemoOffset(utcOffsetMinutes), checkDemoZone(timeZone));
  db.run(`PRAGMA user_version = ${DEMO_SCHEMA_VERSION}`);
  return db;
}

export interface DemoOptions {
  now?: () => Date;
  /** Told when a damaged demo file was moved aside and a fresh one seeded. */
  onNotice?: (message: string) => void;
}

// One in-memory copy per file, shared by every connection: sql.js has no server to share it.
const open = new Map<string, Promise<DemoDatabaseHandle>>();

async function loadOrSeed(file: string, options: DemoOptions): Promise<DemoDatabaseHandle> {
  const SQL = await loadSqlJs();
  const now = options.now?.() ?? new Date();
  let db: Database | undefined;
  try {
    const bytes = await fs.readFile(file);
    const candidate = new SQL.Database(bytes);
    try {
      let version = candidate.exec('PRAGMA user_version')[0]?.values[0]?.[0];
      // An older demo is brought forward, its data kept.
      while (typeof version === 'number' && DEMO_MIGRATIONS[version]) {
        for (const statement of DEMO_MIGRATIONS[version]!) candidate.run(statement);
        version += 1;
        candidate.run(`PRAGMA user_version = ${version}`);
      }
      if (version !== DEMO_SCHEMA_VERSION) throw new Error(`it has schema version ${String(version)}, this app uses ${DEMO_SCHEMA_VERSION}`);
      candidate.exec('SELECT COUNT(*) FROM OSSYS_PARAMETER');
      db = candidate;
    } catch (error) {
      candidate.close();
      const moved = await moveAside(file, (error as Error).message);
      options.onNotice?.(`The demo database could not be read (${(error as Error).message}). It was moved to ${moved} and a fresh demo was created.`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const handle: DemoDatabaseHandle = {
    db: db ?? (await createSeededDatabase(incidentSeed(now), now)),
    lock: createLock(),
    save: async () => writeFileAtomic(file, handle.db.export()),
  };
  if (!db) await handle.save();
  return handle;
}

function handleFor(dataDir: string, options: DemoOptions): Promise<DemoDatabaseHandle> {
  const file = path.resolve(demoDatabaseFile(dataDir));
  let handle = open.get(file);
  if (!handle) {
    handle = loadOrSeed(file, options);
    open.set(file, handle);
    handle.catch(() => open.delete(file));
  }
  return handle;
}

/**
 * Opens the embedded demo platform database (sql.js) kept in the data folder, creating and
 * seeding it with the 432 incident on first use.
 */
export async function openDemoConnection(dataDir: string, options: DemoOptions = {}): Promise<DbConnection> {
  return createSqlJsConnection(await handleFor(dataDir, options));
}

/** The zone the demo database keeps its times in (minutes east of UTC); UTC when it has none. */
export function demoOffsetOf(db: Database): number {
  try {
    const value = Number(db.exec('SELECT UTC_OFFSET_MINUTES FROM DEMO_CLOCK LIMIT 1')[0]?.values[0]?.[0] ?? 0);
    return Number.isInteger(value) && value >= DEMO_OFFSET_RANGE.min && value <= DEMO_OFFSET_RANGE.max ? value : 0;
  } catch {
    return 0;
  }
}

/** The IANA zone the demo keeps its times in, when it has one. */
export function demoZoneOf(db: Database): string | null {
  try {
    const value = db.exec('SELECT ZONE FROM DEMO_CLOCK LIMIT 1')[0]?.values[0]?.[0];
    return typeof value === 'string' ? canonicalZone(value) : null;
  } catch {
    return null;
  }
}

/**
 * The playbook scenario the demo database holds; 'concurrency' when it has none (a demo seeded
 * before scenarios were kept, or a damaged value).
 */
export function demoScenarioOf(db: Database): DemoScenario {
  try {
    const value = db.exec('SELECT NAME FROM DEMO_SCENARIO LIMIT 1')[0]?.values[0]?.[0];
    return (DEMO_SCENARIOS as readonly unknown[]).includes(value) ? (value as DemoScenario) : 'concurrency';
  } catch {
    return 'concurrency';
  }
}

/**
 * Replaces the demo database with a fresh seed and saves it (atomically): `seed` when given (tests),
 * else the seed of `scenario`, else of the scenario the demo holds ('concurrency' on a new folder).
 * `utcOffsetMinutes` sets a fixed offset, `timeZone` an IANA zone whose daylight-saving rules apply
 * (domain.md 4d); without either the demo keeps what it has. The seed's instants are the same
 * whatever the zone; only their local text changes.
 */
export async function resetDemoDatabase(
  dataDir: string,
  options: DemoOptions & { seed?: (now: Date) => DemoSeed; scenario?: DemoScenario; utcOffsetMinutes?: number; timeZone?: string | null } = {},
): Promise<void> {
  if (options.utcOffsetMinutes !== undefined) checkDemoOffset(options.utcOffsetMinutes);
  if (options.timeZone !== undefined) checkDemoZone(options.timeZone);
  if (options.scenario !== undefined) checkDemoScenario(options.scenario);
  const handle = await handleFor(dataDir, options);
  await handle.lock(async () => {
    const now = options.now?.() ?? new Date();
    // A fixed offset given clears the zone; a zone given wins; neither keeps what the demo has.
    const zone = options.timeZone !== undefined ? options.timeZone : options.utcOffsetMinutes !== undefined ? null : demoZoneOf(handle.db);
    const offset = options.utcOffsetMinutes ?? demoOffsetOf(handle.db);
    const seed = options.seed ?? demoScenarioSeeds[options.scenario ?? demoScenarioOf(handle.db)];
    const fresh = await createSeededDatabase(seed(now), now, offset, zone);
    handle.db.close();
    handle.db = fresh;
    await handle.save();
  });
}

/** @internal Drops the in-memory copy so the next connection reads the file again (tests of what was saved). */
export async function forgetDemoDatabase(dataDir: string): Promise<void> {
  const file = path.resolve(demoDatabaseFile(dataDir));
  const handle = open.get(file);
  open.delete(file);
  if (handle) (await handle).db.close();
}
