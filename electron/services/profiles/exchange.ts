import { ApiError } from '../../../shared/api/errors';
import type { ImportPreview } from '../../../shared/api/methods/profiles';
import type { Purpose } from './targets';
import { EXPORT_FORMAT, profilesExportSchema, type ProfilesExport, type StoredProfile } from '../../../shared/profiles/schema';

/** The profiles as a shareable file: every field except secrets and times. */
export function exportProfiles(profiles: StoredProfile[], now: Date): ProfilesExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    profiles: profiles.map(({ secret: _s, logSecret: _l, createdAt: _c, updatedAt: _u, lastUsedAt: _t, ...fields }) => fields),
  };
}

/**
 * Profiles one file may bring, and profiles saved in all: a team's environments are counted in tens;
 * thousands are a mistake or an attack, and each would cost memory and a slower start for good.
 */
export const MAX_IMPORT_PROFILES = 1_000;
export const MAX_SAVED_PROFILES = 2_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Parses a shared file, or says in words why it cannot be used: which profile, which field. */
export function parseImport(json: string): ProfilesExport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ApiError('invalid_input', 'The file is not valid JSON, so no profile was imported.', { field: 'json' });
  }
  // Counted before any profile is validated, so an oversized file costs no more than its parse.
  const listed = (data as { profiles?: unknown } | null)?.profiles;
  if (Array.isArray(listed) && listed.length > MAX_IMPORT_PROFILES) {
    throw new ApiError(
      'invalid_input',
      `The profiles file lists ${count(listed.length)} profiles; at most ${count(MAX_IMPORT_PROFILES)} can be imported from one file. Nothing was changed.`,
      { field: 'json' },
    );
  }
  const parsed = profilesExportSchema.safeParse(data);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((issue) => problemOf(issue, data)))];
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new ApiError('invalid_input', `The profiles file cannot be imported: ${shown}${more}. Nothing was changed.`, { field: 'json' });
  }
  return parsed.data;
}

/** "Profile 1 (Contoso PRD): port must be between 1 and 65535", never a path like profiles.0.port. */
function problemOf(issue: { path: PropertyKey[]; message: string }, data: unknown): string {
  const message = issue.message.replace(/\.$/, '');
  const [top, index] = issue.path;
  if (top !== 'profiles') return message;
  if (typeof index !== 'number') return `the file's list of profiles is not valid (${lowerFirst(message)})`;
  const raw = (data as { profiles?: unknown[] }).profiles?.[index];
  const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name.trim() : '';
  const which = `Profile ${index + 1}${name ? ` (${name})` : ''}`;
  if (issue.path.length === 2) return `${which}: ${lowerFirst(message)}`;
  const key = String(issue.path[2]);
  const field = FIELD_LABELS[key] ?? key;
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  // The schema's messages name their field first ("Port must be..."); zod's own ("Invalid input: ...") do not.
  const named = message.toLowerCase().startsWith(field.toLowerCase())
    ? message
    : /^Invalid input/.test(message)
      ? `${field} is ${given === undefined ? 'missing' : 'not valid'}`
      : `${field}: ${message}`;
  return `${which}: ${lowerFirst(named)}`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** Profile fields in the words of the form. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  customer: 'Customer',
  role: 'Role',
  notes: 'Notes',
  engine: 'Engine',
  host: 'Host',
  port: 'Port',
  instanceName: 'Instance name',
  database: 'Database',
  auth: 'Authentication',
  domain: 'Domain',
  encrypt: 'Encrypt',
  trustServerCertificate: 'Trust server certificate',
  serviceName: 'Service name',
  connectString: 'Connect string',
  schema: 'Platform schema',
  user: 'User',
  logDatabase: 'Log database',
  logSchema: 'Log schema',
  logUser: 'Log user',
  mailbox: 'Sending mailbox',
  smtpProvider: 'SMTP provider',
  timeouts: 'Timeouts',
  rememberPassword: 'Remember password',
};

export interface ImportPlanItem {
  incoming: ProfilesExport['profiles'][number];
  /** The saved profile it replaces, matched by id, else by name. */
  replaces?: StoredProfile;
}

/** Each incoming profile with the saved one it replaces, looked up by id then name in maps: linear in both lists. */
export function planImport(file: ProfilesExport, saved: StoredProfile[]): ImportPlanItem[] {
  const byId = new Map<string, StoredProfile>();
  const byName = new Map<string, StoredProfile>();
  for (const profile of saved) {
    if (!byId.has(profile.id)) byId.set(profile.id, profile);
    const name = profile.name.toLocaleLowerCase();
    if (!byName.has(name)) byName.set(name, profile);
  }
  return file.profiles.map((incoming) => ({
    incoming,
    replaces: (incoming.id !== undefined ? byId.get(incoming.id) : undefined) ?? byName.get(incoming.name.toLocaleLowerCase()),
  }));
}

/** Refuses an import that would leave more profiles saved than the cap. */
export function checkSavedTotal(savedBefore: number, plan: ImportPlanItem[]): void {
  const added = plan.filter((item) => !item.replaces).length;
  if (savedBefore + added > MAX_SAVED_PROFILES) {
    throw new ApiError(
      'invalid_input',
      `Importing would add ${count(added)} profile${added === 1 ? '' : 's'} to the ${count(savedBefore)} saved; at most ${count(MAX_SAVED_PROFILES)} can be saved. Delete some first. Nothing was changed.`,
      { field: 'json' },
    );
  }
}

export function previewOf(plan: ImportPlanItem[]): ImportPreview {
  const replacing = plan.filter((i): i is Required<ImportPlanItem> => i.replaces !== undefined);
  return {
    added: plan.filter((i) => !i.replaces).map((i) => i.incoming.name),
    replaced: replacing.map((i) => i.incoming.name),
    replacements: replacing.map(({ incoming, replaces }) => ({
      name: incoming.name,
      changed: Object.keys(FIELD_LABELS)
        .filter((key) => JSON.stringify(incoming[key as keyof typeof incoming] ?? '') !== JSON.stringify(replaces[key as keyof StoredProfile] ?? ''))
        .map((key) => FIELD_LABELS[key]!),
      dropsPassword:
        (Boolean(replaces.secret) && !keepsSecret(replaces, incoming, 'platform')) || (Boolean(replaces.logSecret) && !keepsSecret(replaces, incoming, 'log')),
    })),
  };
}

/** The fields that decide where a password goes, how, and as whom. */
type DestinationFields = Pick<
  StoredProfile,
  'engine' | 'host' | 'port' | 'instanceName' | 'connectString' | 'user' | 'logUser' | 'domain' | 'auth' | 'encrypt' | 'trustServerCertificate'
>;

/**
 * Where the password of one purpose goes: server (engine, host, port, instance or connect string),
 * how (auth kind, Encrypt, Trust server certificate) and as whom (user and domain; the log
 * database's own user for 'log'). A saved password is forgotten when any of it changes, and is
 * sealed to it (with the profile id) so it cannot be moved to another profile.
 */
export function destinationOf(p: DestinationFields, purpose: Purpose) {
  return {
    engine: p.engine,
    host: p.host,
    port: p.port,
    instanceName: p.instanceName,
    connectString: p.connectString,
    auth: p.auth,
    domain: p.domain,
    user: purpose === 'log' ? p.logUser : p.user,
    encrypt: p.encrypt,
    trustServerCertificate: p.trustServerCertificate,
  };
}

/**
 * A saved password (of `purpose`: the platform login, or the log database's own login) stays with
 * an edited or replaced profile only if it still goes to the same place, the same way, as the same
 * user: any change of engine, host, port, instance, connect string, user, domain, auth kind,
 * Encrypt or Trust server certificate forgets it.
 */
export function keepsSecret(before: DestinationFields, after: DestinationFields, purpose: Purpose = 'platform'): boolean {
  const a = destinationOf(before, purpose);
  const b = destinationOf(after, purpose);
  return (Object.keys(a) as Array<keyof typeof a>).every((key) => a[key] === b[key]);
}

/**
 * What a stored secret is sealed to (authenticated, not secret): the profile id, the purpose and
 * its destination. Opening it under another profile or destination fails (secrets/binding.ts).
 */
export function secretBinding(profile: DestinationFields & { id: string }, purpose: Purpose): string {
  return JSON.stringify({ profile: profile.id, purpose, ...destinationOf(profile, purpose) });
}
