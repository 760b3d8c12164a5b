import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { profileMethods } from '../../../shared/api/methods/profiles';
import type { ProfileForm, ProfilePublic, StoredProfile } from '../../../shared/profiles/schema';
import type { HandlersFor, ServiceDeps } from '../context';
import { openConnection } from '../db/connect';
import { describeTarget } from '../db/target';
import type { DbConnection } from '../db/types';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME, openDemoConnection } from '../demo/connect';
import { createSecretVault } from '../secrets';
import { boundElsewhere } from '../secrets/binding';
import { createLegacyOwners } from '../secrets/legacy';
import { unencryptedWarning } from '../../../shared/profiles/unencrypted';
import { checkSavedTotal, exportProfiles, keepsSecret, parseImport, planImport, previewOf, secretBinding } from './exchange';
import { byLastUse, demoProfile, sessionKey, toPublic } from './public';
import { createProfileStore } from './store';
import { targetOf, type Purpose } from './targets';
import { testConnection } from './test-connection';

export type { Purpose } from './targets';

/**
 * Saved environment connections: the profiles file, their passwords (encrypted, or in memory for
 * the session), test connection, import/export. The probes and the wizard use `list`, `get`,
 * `connect` and `touch`; the renderer uses `handlers`.
 */
export function createProfileService(deps: ServiceDeps) {
  const store = createProfileStore(deps.dataDir, deps.notices);
  const vault = createSecretVault(deps.secretCipher, deps.secretCipherUnavailableReason);
  const legacy = createLegacyOwners(deps.dataDir, (message) => deps.notices.add(message));
  const now = () => deps.now?.() ?? new Date();

  async function list(): Promise<ProfilePublic[]> {
    const doc = await store.read();
    return [demoProfile(doc.demoLastUsedAt), ...doc.profiles.map((p) => toPublic(p, vault))].sort(byLastUse);
  }

  async function stored(id: string): Promise<StoredProfile> {
    const found = (await store.read()).profiles.find((p) => p.id === id);
    if (!found) throw new ApiError('not_found', 'No saved environment has that id; it may have been deleted.', { field: 'id' });
    return found;
  }

  function refuseBuiltIn(id: string, doing: string): void {
    if (id === DEMO_PROFILE_ID) throw new ApiError('forbidden', `The built-in demo environment cannot be ${doing}.`, { field: 'id' });
  }

  async function get(id: string): Promise<ProfilePublic> {
    if (id === DEMO_PROFILE_ID) return demoProfile((await store.read()).demoLastUsedAt);
    return toPublic(await stored(id), vault);
  }

  /** The secret fields after a save: seal when remembered, else keep in memory only. */
  function secretsFor(id: string, form: ProfileForm, previous?: StoredProfile): Pick<StoredProfile, 'secret' | 'logSecret'> {
    const out: Pick<StoredProfile, 'secret' | 'logSecret'> = {};
    const pairs = [
      ['secret', 'password', 'platform'],
      ['logSecret', 'logPassword', 'log'],
    ] as const;
    for (const [field, input, purpose] of pairs) {
      // Each password is forgotten when where it goes changes (the log one also with its own user).
      const keep = previous && keepsSecret(previous, form, purpose);
      const binding = secretBinding({ ...form, id }, purpose);
      const typed = form[input];
      const key = sessionKey(id, purpose);
      if (typed) {
        if (form.rememberPassword) {
          out[field] = vault.seal(typed, binding);
          vault.session.delete(key);
        } else {
          vault.session.set(key, typed, binding);
        }
      } else if (previous && keep && form.rememberPassword && previous[field]) {
        out[field] = previous[field];
      } else if (previous && keep && form.rememberPassword && vault.session.has(key, binding)) {
        // Turning "remember" on: the password typed this session is saved, encrypted.
        out[field] = vault.seal(vault.session.get(key, binding)!, binding);
        vault.session.delete(key);
      } else if (previous && keep && !form.rememberPassword && previous[field] && vault.stateOf(previous[field]) === 'saved') {
        // Turning "remember" off: the password moves from the file to this session's memory.
        vault.session.set(key, openSaved(previous, purpose, previous[field]), binding);
      } else if (previous && !keep) {
        vault.session.delete(key);
      }
    }
    return out;
  }

  function fieldsOf(form: ProfileForm): Omit<ProfileForm, 'password' | 'logPassword'> {
    const { password: _p, logPassword: _l, ...fields } = form;
    return fields;
  }

  async function create(form: ProfileForm): Promise<ProfilePublic> {
    const id = randomUUID();
    const stamp = now().toISOString();
    const profile: StoredProfile = { ...fieldsOf(form), id, createdAt: stamp, updatedAt: stamp, lastUsedAt: null, ...secretsFor(id, form) };
    await store.update((doc) => ({ ...doc, profiles: [...doc.profiles, profile] }));
    return toPublic(profile, vault);
  }

  async function update(id: string, form: ProfileForm): Promise<ProfilePublic> {
    refuseBuiltIn(id, 'edited');
    await claimLegacy();
    let saved: StoredProfile | undefined;
    await store.update((doc) => {
      const previous = doc.profiles.find((p) => p.id === id);
      if (!previous) throw new ApiError('not_found', 'No saved environment has that id; it may have been deleted.', { field: 'id' });
      saved = {
        ...fieldsOf(form),
        id,
        createdAt: previous.createdAt,
        updatedAt: now().toISOString(),
        lastUsedAt: previous.lastUsedAt,
        ...secretsFor(id, form, previous),
      };
      return { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? saved! : p)) };
    });
    return toPublic(saved!, vault);
  }

  async function touch(id: string): Promise<ProfilePublic> {
    const stamp = now().toISOString();
    if (id === DEMO_PROFILE_ID) {
      await store.update((doc) => ({ ...doc, demoLastUsedAt: stamp }));
      return demoProfile(stamp);
    }
    let touched: StoredProfile | undefined;
    await store.update((doc) => {
      const found = doc.profiles.find((p) => p.id === id);
      if (!found) throw new ApiError('not_found', 'No saved environment has that id; it may have been deleted.', { field: 'id' });
      touched = { ...found, lastUsedAt: stamp };
      return { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? touched! : p)) };
    });
    return toPublic(touched!, vault);
  }

  /** Records where each unbound (`v1:`) saved password is now, before any is opened. */
  async function claimLegacy(): Promise<void> {
    const values = (await store.read()).profiles.flatMap((p) =>
      (['platform', 'log'] as const)
        .map((purpose) => ({ stored: p[purpose === 'log' ? 'logSecret' : 'secret'] ?? '', owner: `${p.id}:${purpose}` }))
        .filter(({ stored }) => vault.needsReseal(stored)),
    );
    await legacy.claim(values);
  }

  /** A saved password opened for its profile and purpose: a bound one checks its binding, an unbound one where it was first seen. */
  function openSaved(profile: StoredProfile, purpose: Purpose, stored: string): string {
    if (vault.needsReseal(stored) && !legacy.belongsTo(stored, `${profile.id}:${purpose}`)) throw boundElsewhere();
    return vault.open(stored, secretBinding(profile, purpose));
  }

  /** The password for one purpose, from this session's memory or the encrypted file. */
  function passwordOf(profile: StoredProfile, purpose: Purpose): string {
    const own = purpose === 'log' && Boolean(profile.logUser);
    const key = sessionKey(profile.id, own ? 'log' : 'platform');
    const inMemory = vault.session.get(key, secretBinding(profile, own ? 'log' : 'platform'));
    if (inMemory) return inMemory;
    const stored = own ? profile.logSecret : profile.secret;
    const who = own ? `the log database user ${profile.logUser}` : `${profile.user}`;
    if (!stored) {
      throw new ApiError('locked', `Enter the password of ${who} for "${profile.name}": it is not saved.`, { field: own ? 'logPassword' : 'password' });
    }
    try {
      return openSaved(profile, own ? 'log' : 'platform', stored);
    } catch (error) {
      // Moved from another profile, tampered, other host: nothing is sent; the user types it again.
      if (error instanceof ApiError) throw new ApiError(error.code, error.message, { field: own ? 'logPassword' : 'password', details: error.details });
      throw error;
    }
  }

  /**
   * A saved password in the old unbound format (`v1:`) that was just used successfully is sealed
   * again, bound to its profile and destination. Only if the file still holds that same value.
   */
  async function resealUnbound(id: string, purposes: Purpose[]): Promise<void> {
    try {
      const current = (await store.read()).profiles.find((p) => p.id === id);
      if (!current || !purposes.some((purpose) => vault.needsReseal(current[purpose === 'log' ? 'logSecret' : 'secret']))) return;
      await store.update((doc) => {
        const profile = doc.profiles.find((p) => p.id === id);
        if (!profile) return doc;
        let next = profile;
        for (const purpose of purposes) {
          const field = purpose === 'log' ? 'logSecret' : 'secret';
          const value = profile[field];
          if (!value || !vault.needsReseal(value)) continue;
          const binding = secretBinding(profile, purpose);
          next = { ...next, [field]: vault.seal(openSaved(profile, purpose, value), binding) };
        }
        return next === profile ? doc : { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? next : p)) };
      });
    } catch {
      // Best effort: the unbound value still works and is sealed again on the next use.
    }
  }

  async function connect(id: string, options: { purpose: Purpose; signal?: AbortSignal }): Promise<DbConnection> {
    if (id === DEMO_PROFILE_ID) return openDemoConnection(deps.dataDir, { now: deps.now, onNotice: (m) => deps.notices.add(m) });
    const profile = await stored(id);
    await claimLegacy();
    const platform = options.purpose === 'log' && profile.logUser ? '' : passwordOf(profile, 'platform');
    const log = options.purpose === 'log' && profile.logUser ? passwordOf(profile, 'log') : undefined;
    const conn = await openConnection(targetOf(profile, options.purpose, { platform, log }), { signal: options.signal });
    await resealUnbound(id, [options.purpose === 'log' && profile.logUser ? 'log' : 'platform']);
    return conn;
  }

  const handlers: HandlersFor<typeof profileMethods> = {
    'profiles.list': () => list(),
    'profiles.capabilities': async () => ({ canRememberPasswords: vault.canRemember, ...(vault.unavailableReason ? { reason: vault.unavailableReason } : {}) }),
    'profiles.create': ({ profile }) => create(profile),
    'profiles.update': ({ id, profile }) => update(id, profile),
    'profiles.duplicate': async ({ id }) => {
      refuseBuiltIn(id, 'duplicated');
      const source = await stored(id);
      await claimLegacy();
      const copyId = randomUUID();
      const stamp = now().toISOString();
      const copy: StoredProfile = { ...source, id: copyId, name: `${source.name} (copy)`.slice(0, 100), createdAt: stamp, updatedAt: stamp, lastUsedAt: null };
      // Saved passwords are sealed to their profile: the copy gets its own sealing (or none when unreadable).
      for (const [field, purpose] of [
        ['secret', 'platform'],
        ['logSecret', 'log'],
      ] as const) {
        const value = source[field];
        if (!value) continue;
        try {
          copy[field] = vault.seal(openSaved(source, purpose, value), secretBinding(copy, purpose));
        } catch {
          delete copy[field];
        }
      }
      for (const purpose of ['platform', 'log'] as const) {
        const inMemory = vault.session.get(sessionKey(id, purpose), secretBinding(source, purpose));
        if (inMemory) vault.session.set(sessionKey(copyId, purpose), inMemory, secretBinding(copy, purpose));
      }
      await store.update((doc) => ({ ...doc, profiles: [...doc.profiles, copy] }));
      return toPublic(copy, vault);
    },
    'profiles.delete': async ({ id }) => {
      refuseBuiltIn(id, 'deleted');
      await store.update((doc) => {
        if (!doc.profiles.some((p) => p.id === id))
          throw new ApiError('not_found', 'No saved environment has that id; it may have been deleted.', { field: 'id' });
        return { ...doc, profiles: doc.profiles.filter((p) => p.id !== id) };
      });
      vault.session.delete(sessionKey(id, 'platform'));
      vault.session.delete(sessionKey(id, 'log'));
      return { deleted: true as const };
    },
    'profiles.unlock': async ({ id, password, logPassword }) => {
      refuseBuiltIn(id, 'given a password');
      const profile = await stored(id);
      vault.session.set(sessionKey(id, 'platform'), password, secretBinding(profile, 'platform'));
      if (logPassword) vault.session.set(sessionKey(id, 'log'), logPassword, secretBinding(profile, 'log'));
      return toPublic(profile, vault);
    },
    'profiles.test': async ({ id, profile: form }, ctx) => {
      if (!form && id === DEMO_PROFILE_ID) {
        return testConnection({
          engine: 'demo',
          target: DEMO_PROFILE_NAME,
          scope: 'the demo database',
          open: () => connect(DEMO_PROFILE_ID, { purpose: 'platform' }),
          signal: ctx.signal,
          progress: ctx.progress,
          secrets: [],
        });
      }
      const saved = id && id !== DEMO_PROFILE_ID ? await stored(id) : undefined;
      if (saved) await claimLegacy();
      const fields = form ?? saved!;
      let password = form?.password || undefined;
      let passwordProblem: ApiError | undefined;
      if (!password) {
        try {
          if (!saved) throw new ApiError('locked', 'Enter the password to test this connection.', { field: 'password' });
          // A saved password only goes to the server and user it was saved for.
          if (form && !keepsSecret(saved, form, 'platform'))
            throw new ApiError('locked', 'The server or user changed: enter the password to test this connection.', { field: 'password' });
          password = passwordOf(saved, 'platform');
        } catch (error) {
          passwordProblem = error instanceof ApiError ? error : new ApiError('locked', 'Enter the password to test this connection.');
        }
      }
      // The log database gets its own check when it is separate or has its own login.
      let logPassword: string | undefined;
      let logProblem: ApiError | undefined;
      if (fields.logUser) {
        logPassword = form?.logPassword || undefined;
        if (!logPassword) {
          try {
            if (!saved || (form && !keepsSecret(saved, form, 'log'))) {
              throw new ApiError('locked', `Enter the password of the log user ${fields.logUser} to test the log database.`, { field: 'logPassword' });
            }
            logPassword = passwordOf(saved, 'log');
          } catch (error) {
            logProblem = error instanceof ApiError ? error : new ApiError('locked', 'Enter the log password.');
          }
        }
      }
      const hasLog = Boolean(fields.logUser || (fields.engine === 'sqlserver' ? fields.logDatabase : fields.logSchema));
      const logTarget = hasLog ? targetOf(fields, 'log', { platform: password ?? '', log: logPassword }) : undefined;
      const log = logTarget
        ? {
            scope:
              logTarget.engine === 'sqlserver'
                ? `database ${logTarget.database}`
                : logTarget.schema
                  ? `schema ${logTarget.schema.toUpperCase()}`
                  : `the schema of user ${logTarget.user}`,
            open: async (signal: AbortSignal) => {
              if (logProblem) throw logProblem;
              const conn = await openConnection(logTarget, { signal });
              if (saved && fields.logUser && !form?.logPassword) await resealUnbound(saved.id, ['log']);
              return conn;
            },
          }
        : undefined;
      const target = targetOf(fields, 'platform', { platform: password ?? '' });
      const scope =
        target.engine === 'sqlserver'
          ? `database ${target.database}`
          : target.schema
            ? `schema ${target.schema.toUpperCase()}`
            : `the schema of user ${target.user}`;
      return testConnection({
        engine: target.engine,
        target: describeTarget(target),
        scope,
        open: async (signal) => {
          if (passwordProblem) throw passwordProblem;
          const conn = await openConnection(target, { signal });
          if (saved && !form?.password) await resealUnbound(saved.id, ['platform']);
          return conn;
        },
        signal: ctx.signal,
        progress: ctx.progress,
        secrets: [password, logPassword],
        warning: unencryptedWarning(fields),
        querySeconds: target.querySeconds,
        log,
      });
    },
    'profiles.export': async ({ ids }) => {
      const doc = await store.read();
      const chosen = ids ? doc.profiles.filter((p) => ids.includes(p.id)) : doc.profiles;
      const file = exportProfiles(chosen, now());
      return {
        fileName: `support-toolkit-profiles-${now().toISOString().slice(0, 10)}.json`,
        json: `${JSON.stringify(file, null, 2)}\n`,
        count: chosen.length,
      };
    },
    'profiles.importPreview': async ({ json }) => previewOf(planImport(parseImport(json), (await store.read()).profiles)),
    'profiles.import': async ({ json }) => {
      const file = parseImport(json);
      let preview = previewOf([]);
      await store.update((doc) => {
        const plan = planImport(file, doc.profiles);
        checkSavedTotal(doc.profiles.length, plan);
        preview = previewOf(plan);
        const stamp = now().toISOString();
        // Replacements by id, applied in one pass at the end: a scan of the list per profile was quadratic.
        const replaced = new Map<string, StoredProfile>();
        const added: StoredProfile[] = [];
        for (const { incoming, replaces } of plan) {
          const { id: _ignored, ...fields } = incoming;
          if (replaces) {
            const next: StoredProfile = {
              ...fields,
              id: replaces.id,
              createdAt: replaces.createdAt,
              updatedAt: stamp,
              lastUsedAt: replaces.lastUsedAt,
              ...(keepsSecret(replaces, fields, 'platform') && replaces.secret ? { secret: replaces.secret } : {}),
              ...(keepsSecret(replaces, fields, 'log') && replaces.logSecret ? { logSecret: replaces.logSecret } : {}),
            };
            replaced.set(replaces.id, next);
            // A password typed this session does not follow the profile to another destination either.
            for (const purpose of ['platform', 'log'] as const)
              if (!keepsSecret(replaces, fields, purpose)) vault.session.delete(sessionKey(replaces.id, purpose));
          } else {
            added.push({ ...fields, id: randomUUID(), createdAt: stamp, updatedAt: stamp, lastUsedAt: null });
          }
        }
        return { ...doc, profiles: [...doc.profiles.map((p) => replaced.get(p.id) ?? p), ...added] };
      });
      return preview;
    },
  };

  return { list, get, connect, touch, handlers };
}
export type ProfileService = ReturnType<typeof createProfileService>;
