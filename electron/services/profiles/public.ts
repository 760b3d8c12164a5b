import { DEFAULT_TIMEOUTS, type ProfilePublic, type StoredProfile } from '../../../shared/profiles/schema';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME } from '../demo/connect';
import type { SecretVault } from '../secrets';
import { secretBinding } from './exchange';

/** Strips secrets: the renderer learns whether a password is known, never the password. */
export function toPublic(profile: StoredProfile, vault: SecretVault): ProfilePublic {
  const { secret, logSecret, ...fields } = profile;
  const inSession = vault.session.has(sessionKey(profile.id, 'platform'), secretBinding(profile, 'platform'));
  const savedState = vault.stateOf(secret);
  const passwordState = inSession ? 'session' : savedState;
  const hasLogPassword =
    !profile.logUser || vault.session.has(sessionKey(profile.id, 'log'), secretBinding(profile, 'log')) || vault.stateOf(logSecret) === 'saved';
  return {
    ...fields,
    hasPassword: passwordState === 'saved' || passwordState === 'session',
    hasLogPassword,
    passwordState,
    ...(passwordState === 'other-host'
      ? {
          passwordNote: /^v\d+:safe:/.test(secret ?? '')
            ? 'The password was saved by the desktop app and cannot be read here; enter it again.'
            : 'The password was saved with a passphrase that was not given at this start; enter it again.',
        }
      : {}),
    builtIn: false,
  };
}

export function sessionKey(id: string, purpose: 'platform' | 'log'): string {
  return `${id}:${purpose}`;
}

/** The embedded demo environment, always present, read-only. */
export function demoProfile(lastUsedAt: string | null): ProfilePublic {
  const epoch = new Date(0).toISOString();
  return {
    id: DEMO_PROFILE_ID,
    name: DEMO_PROFILE_NAME,
    customer: 'Contoso (demo)',
    role: 'production',
    notes: 'A built-in platform database with the 432 incident, kept in the data folder. Reset it from here at any time.',
    engine: 'demo',
    host: 'embedded',
    port: 1,
    instanceName: '',
    database: '',
    auth: 'sql',
    domain: '',
    encrypt: false,
    trustServerCertificate: false,
    serviceName: '',
    connectString: '',
    schema: '',
    user: 'demo',
    logDatabase: '',
    logSchema: '',
    logUser: '',
    mailbox: 'noreply@contoso.com',
    smtpProvider: 'exchange-online',
    hosting: 'self-managed',
    // The demo names its zone in its own database.
    timeZone: '',
    userExpiresAt: '',
    timeouts: { ...DEFAULT_TIMEOUTS },
    rememberPassword: false,
    createdAt: epoch,
    updatedAt: epoch,
    lastUsedAt,
    hasPassword: false,
    hasLogPassword: true,
    passwordState: 'not-needed',
    builtIn: true,
  };
}

/** Most recently used first; never-used ones after, by name. */
export function byLastUse(a: ProfilePublic, b: ProfilePublic): number {
  if (a.lastUsedAt && b.lastUsedAt) return b.lastUsedAt.localeCompare(a.lastUsedAt);
  if (a.lastUsedAt) return -1;
  if (b.lastUsedAt) return 1;
  return a.name.localeCompare(b.name);
}
