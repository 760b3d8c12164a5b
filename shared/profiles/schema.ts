import { z } from 'zod';
import { providerIdSchema } from '../capacity/types';
import { canonicalZone, FIXED_OFFSET_ZONE } from './time-zone';

/**
 * Saved environment connections. Facts about the databases: domain.md section 3.
 *
 * Three shapes of one profile:
 * - `profileFormSchema`: what the form (and the API) accepts, with the passwords typed by the user;
 * - `storedProfileSchema`: what the profiles file keeps, passwords only encrypted;
 * - `ProfilePublic`: what the renderer and the other services see, `hasPassword` and never a password.
 * The form validates with the same schema the API uses, so a field is named the same way in both.
 */

export const roleSchema = z.enum(['development', 'test', 'production', 'lifetime', 'other'], {
  error: 'Environment role must be Development, Test, Production, LifeTime or Other',
});
export type EnvironmentRole = z.infer<typeof roleSchema>;
export const ROLE_LABELS: Record<EnvironmentRole, string> = {
  development: 'Development',
  test: 'Test',
  production: 'Production',
  lifetime: 'LifeTime',
  other: 'Other',
};

export const engineSchema = z.enum(['sqlserver', 'oracle'], { error: 'Engine must be SQL Server or Oracle' });
export type ProfileEngine = z.infer<typeof engineSchema>;
/** The built-in demo environment shows its own engine. */
export type PublicEngine = ProfileEngine | 'demo';
export const ENGINE_LABELS: Record<PublicEngine, string> = { sqlserver: 'SQL Server', oracle: 'Oracle', demo: 'Embedded demo' };
export const DEFAULT_PORTS: Record<ProfileEngine, number> = { sqlserver: 1433, oracle: 1521 };

export const sqlAuthSchema = z.enum(['sql', 'ntlm'], { error: 'Authentication must be SQL login or Windows (NTLM)' });

/**
 * Oracle identifiers cannot be bind variables, so a schema goes into `ALTER SESSION SET
 * CURRENT_SCHEMA` as text: only an unquoted identifier is accepted.
 */
export const ORACLE_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_$#]{0,127}$/;

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`);
const optionalText = (max: number, label: string) => text(max, label).default('');

export const timeoutsSchema = z.object({
  connectSeconds: z
    .number({ error: 'Connect timeout must be a number of seconds' })
    .min(0.5, 'Connect timeout must be at least 0.5 seconds')
    .max(300, 'Connect timeout must be 300 seconds or less')
    .default(15),
  querySeconds: z
    .number({ error: 'Query timeout must be a number of seconds' })
    .min(0.5, 'Query timeout must be at least 0.5 seconds')
    .max(3600, 'Query timeout must be 3600 seconds or less')
    .default(30),
});
export type ProfileTimeouts = z.infer<typeof timeoutsSchema>;
export const DEFAULT_TIMEOUTS: ProfileTimeouts = { connectSeconds: 15, querySeconds: 30 };

/**
 * Where the platform runs. On OutSystems Cloud a database user may change only application tables
 * (OSUSR*), never OSSYS_PARAMETER, and a temporary user made in LifeTime lives 12 hours (domain.md 4c).
 */
export const HOSTING_KINDS = ['self-managed', 'outsystems-cloud'] as const;
export const hostingSchema = z.enum(HOSTING_KINDS, { error: 'Hosting must be self-managed or OutSystems Cloud' });

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64, 'Time zone must be 64 characters or fewer')
  .transform((v, ctx) => {
    if (v === '' || v === FIXED_OFFSET_ZONE) return v;
    const zone = canonicalZone(v);
    if (zone) return zone;
    ctx.addIssue({
      code: 'custom',
      message: `Time zone "${v}" is not an IANA time zone name such as Europe/Lisbon; choose one from the list, or fixed-offset when the clock never changes`,
    });
    return z.NEVER;
  });

/** Every field of a profile except id, times and secrets. Engine-specific rules are in `checkEngineFields`. */
export const profileFieldsSchema = z.object({
  name: text(100, 'Name').min(1, 'Name is required'),
  customer: optionalText(100, 'Customer'),
  role: roleSchema.default('development'),
  notes: optionalText(2000, 'Notes'),
  engine: engineSchema,
  /** SQL Server or Oracle host; may be empty for Oracle when a connect string is given. */
  host: optionalText(253, 'Host'),
  port: z
    .number({ error: 'Port must be a number' })
    .int('Port must be a whole number')
    .min(1, 'Port must be between 1 and 65535')
    .max(65535, 'Port must be between 1 and 65535'),
  // SQL Server
  instanceName: optionalText(128, 'Instance name'),
  database: optionalText(128, 'Database'),
  auth: sqlAuthSchema.default('sql'),
  domain: optionalText(128, 'Domain'),
  encrypt: z.boolean().default(true),
  trustServerCertificate: z.boolean().default(false),
  // Oracle
  serviceName: optionalText(128, 'Service name'),
  /** Easy Connect or a full connect descriptor, used instead of host/port/service. */
  connectString: optionalText(2000, 'Connect string'),
  /** Owner of the OSSYS tables; empty = the user's own schema. */
  schema: optionalText(128, 'Platform schema'),
  user: text(128, 'User').min(1, 'User is required'),
  // Separate log database: its own catalog (SQL Server) or schema (Oracle), optionally own login.
  logDatabase: optionalText(128, 'Log database'),
  logSchema: optionalText(128, 'Log schema'),
  logUser: optionalText(128, 'Log user'),
  mailbox: optionalText(254, 'Sending mailbox').refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    message: 'Sending mailbox must be an email address, e.g. noreply@contoso.com',
  }),
  smtpProvider: providerIdSchema.default('exchange-online'),
  hosting: hostingSchema.default('self-managed'),
  /**
   * The database's time zone (domain.md 4a, 4d): an IANA name (e.g. Europe/Lisbon), "fixed-offset"
   * when it runs at one offset all year, or empty when not known (then only the offset measured at
   * each probe is used). Stored canonical, as Intl spells it.
   */
  timeZone: timeZoneSchema.default(''),
  /** When a temporary database user (LifeTime, 12 hours) stops working; empty when it does not expire. */
  userExpiresAt: z
    .string()
    .trim()
    .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), { message: 'User expires at must be a date and time' })
    .default(''),
  timeouts: timeoutsSchema.default(DEFAULT_TIMEOUTS),
  /** Off: the password is asked for each session and kept only in the back end's memory. */
  rememberPassword: z.boolean().default(true),
});
export type ProfileFields = z.infer<typeof profileFieldsSchema>;

function checkEngineFields(p: ProfileFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (p.engine === 'sqlserver') {
    if (!p.host) issue('host', 'Host is required');
    if (!p.database) issue('database', 'Database is required for SQL Server');
    if (p.auth === 'ntlm' && !p.domain) issue('domain', 'Domain is required for Windows (NTLM) authentication');
  } else {
    if (!p.connectString) {
      if (!p.host) issue('host', 'Host is required (or give a connect string)');
      if (!p.serviceName) issue('serviceName', 'Service name is required (or give a connect string)');
    }
    if (p.schema && !ORACLE_IDENTIFIER.test(p.schema)) {
      issue('schema', 'Platform schema must be a plain Oracle name: letters, digits, _, $ or #, starting with a letter');
    }
    if (p.logSchema && !ORACLE_IDENTIFIER.test(p.logSchema)) {
      issue('logSchema', 'Log schema must be a plain Oracle name: letters, digits, _, $ or #, starting with a letter');
    }
  }
}

/**
 * What the form sends. Passwords: a string sets it; absent keeps the saved one (edit), so the
 * renderer never needs to hold a saved password.
 */
export const profileFormSchema = profileFieldsSchema
  .extend({
    password: z.string().max(1024, 'Password is too long').optional(),
    logPassword: z.string().max(1024, 'Log password is too long').optional(),
  })
  .superRefine(checkEngineFields);
export type ProfileForm = z.infer<typeof profileFormSchema>;
export type ProfileFormInput = z.input<typeof profileFormSchema>;

export const profileIdSchema = z.string().trim().min(1, 'Profile id is required').max(100);

const isoDate = z.string().datetime({ offset: true });

/** One profile in the profiles file. `secret`/`logSecret` are encrypted with a scheme prefix. */
export const storedProfileSchema = profileFieldsSchema.extend({
  id: profileIdSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  lastUsedAt: isoDate.nullable().default(null),
  secret: z.string().optional(),
  logSecret: z.string().optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/**
 * Where the password of a profile comes from: saved encrypted, typed this session (memory only),
 * saved by the other host (desktop vs browser, cannot be read here), or not known.
 */
export type PasswordState = 'saved' | 'session' | 'other-host' | 'missing' | 'not-needed';

/** What leaves the back end. Never a password, never ciphertext. */
export interface ProfilePublic extends Omit<ProfileFields, 'engine'> {
  id: string;
  engine: PublicEngine;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  hasPassword: boolean;
  hasLogPassword: boolean;
  passwordState: PasswordState;
  /** A sentence about the password when it must be entered, e.g. saved by the desktop app. */
  passwordNote?: string;
  /** The embedded demo: cannot be edited or deleted. */
  builtIn: boolean;
}

/** The file shared with a team: profiles without any secret. */
export const EXPORT_FORMAT = 'support-toolkit.profiles';
export const exportedProfileSchema = profileFieldsSchema.extend({ id: profileIdSchema.optional() }).superRefine(checkEngineFields);
export const profilesExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not a Support Toolkit profiles file (format must be "${EXPORT_FORMAT}")` }),
  version: z.literal(1, { error: 'This profiles file was written by a newer version of the app (version must be 1)' }),
  exportedAt: z.string().optional(),
  profiles: z.array(exportedProfileSchema),
});
export type ProfilesExport = z.infer<typeof profilesExportSchema>;

/** A blank form for a new profile of the given engine. */
export function emptyProfileForm(engine: ProfileEngine = 'sqlserver'): ProfileFormInput {
  return {
    name: '',
    customer: '',
    role: 'development',
    notes: '',
    engine,
    host: '',
    port: DEFAULT_PORTS[engine],
    instanceName: '',
    database: '',
    auth: 'sql',
    domain: '',
    encrypt: true,
    trustServerCertificate: false,
    serviceName: '',
    connectString: '',
    schema: '',
    user: '',
    logDatabase: '',
    logSchema: '',
    logUser: '',
    mailbox: '',
    smtpProvider: 'exchange-online',
    hosting: 'self-managed',
    timeZone: '',
    userExpiresAt: '',
    timeouts: { ...DEFAULT_TIMEOUTS },
    rememberPassword: true,
  };
}
