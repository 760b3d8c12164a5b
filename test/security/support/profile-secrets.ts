import { createCipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createNoticeBoard, type CallContext, type ServiceDeps } from '../../../electron/services/context';
import { createProfileService } from '../../../electron/services/profiles';
import { PROFILES_FILE } from '../../../electron/services/profiles/store';
import { gcmCipherFromKey } from '../../../electron/services/secrets/gcm';
import { profileFormSchema, type ProfileFormInput } from '../../../shared/profiles/schema';
import { fakeTdsServer, type FakeTdsServer } from '../../support/fake-servers';
import { removeDir, tempDataDir } from '../../support/host';

/**
 * Profile services on a temporary data folder with a passphrase key, and fake SQL Servers on
 * 127.0.0.1 that accept any login with Encrypt off, so a password that did leave would be seen
 * arriving. Folders and servers are removed after each test of the file that calls this.
 */
export function profileSecretsBench(prefix: string) {
  const dirs: string[] = [];
  const servers: FakeTdsServer[] = [];
  afterEach(async () => {
    dirs.splice(0).forEach(removeDir);
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async server(): Promise<FakeTdsServer> {
      const s = await fakeTdsServer('not-supported', { acceptLogin: true });
      servers.push(s);
      return s;
    },
    setup() {
      const dataDir = tempDataDir(prefix);
      dirs.push(dataDir);
      const key = randomBytes(32);
      const deps: ServiceDeps = { dataDir, hostKind: 'browser', appVersion: 'test', notices: createNoticeBoard(), secretCipher: gcmCipherFromKey(key) };
      return { deps, key, service: () => createProfileService(deps) };
    },
  };
}

export const LOGIN7 = 0x10;

export function form(port: number, overrides: Partial<ProfileFormInput> = {}) {
  return profileFormSchema.parse({
    name: `SQL on ${port}`,
    engine: 'sqlserver',
    host: '127.0.0.1',
    port,
    database: 'outsystems',
    user: 'os_admin',
    encrypt: false,
    timeouts: { connectSeconds: 3, querySeconds: 3 },
    ...overrides,
  });
}

export const ctx = (): CallContext => ({ callId: 't', signal: new AbortController().signal, progress: () => undefined });

export interface FileProfile {
  id: string;
  port: number;
  secret?: string;
  [key: string]: unknown;
}

/** Edits profiles.json on disk, the way someone with access to the data folder could. */
export async function editProfiles(dataDir: string, edit: (profiles: FileProfile[]) => void): Promise<void> {
  const file = path.join(dataDir, PROFILES_FILE);
  const doc = JSON.parse(await fs.readFile(file, 'utf8')) as { data: { profiles: FileProfile[] } };
  edit(doc.data.profiles);
  await fs.writeFile(file, JSON.stringify(doc, null, 2));
}

export async function readProfiles(dataDir: string): Promise<FileProfile[]> {
  return (JSON.parse(await fs.readFile(path.join(dataDir, PROFILES_FILE), 'utf8')) as { data: { profiles: FileProfile[] } }).data.profiles;
}

/** A value as versions before the binding wrote it: `v1:gcm:` IV | tag | ciphertext, no additional data. */
export function legacySecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:gcm:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}
