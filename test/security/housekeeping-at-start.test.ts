import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { makePng } from '../support/png';
import { removeDir, tempDataDir } from '../support/host';

/**
 * At start the data folder is put back in order: modes loosened by hand on a session's folder and
 * its attachments are tightened, temporary files of interrupted saves and attachment files no
 * session refers to are removed, and the start notice says how many were removed.
 */
const posix = process.platform !== 'win32';
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe.runIf(posix)('housekeeping at start', () => {
  let dir: string;
  const running: Services[] = [];
  const start = async () => {
    const services = await createServices({ dataDir: dir, hostKind: 'cli', appVersion: 't', notices: createNoticeBoard() });
    running.push(services);
    return services;
  };
  beforeEach(() => {
    dir = tempDataDir('st-housekeeping-');
  });
  afterEach(async () => {
    for (const services of running.splice(0)) await services.close();
    removeDir(dir);
  });

  async function sessionWithAttachment() {
    const services = await start();
    const created = await services.dispatch('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'PRD' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { session: { id: string } }).session.id;
    const attached = await services.dispatch('sessions.attach', { id, fileName: 'screen.png', contentBase64: makePng(16, 16).toString('base64') });
    if (!attached.ok) throw new Error(attached.error.message);
    const attachment = (attached.value as { session: { attachments: Array<{ id: string }> } }).session.attachments[0]!;
    const folder = path.join(dir, 'sessions', id);
    return { id, folder, file: path.join(folder, 'attachments', `${attachment.id}.png`) };
  }

  it('modes loosened by hand on a session folder and its attachments are tightened again', async () => {
    const { folder, file } = await sessionWithAttachment();
    chmodSync(folder, 0o755);
    chmodSync(path.join(folder, 'attachments'), 0o777);
    chmodSync(file, 0o644);
    await start();
    expect([mode(folder), mode(path.join(folder, 'attachments')), mode(file)]).toEqual(['700', '700', '600']);
  });

  it('temporary files of interrupted saves and attachments no session refers to are removed, and the notice says how many', async () => {
    const { id, folder, file } = await sessionWithAttachment();
    // A save cut short by a crash (its process long gone), in the session folder and beside the session file.
    const tempInFolder = path.join(folder, 'attachments', `.0b1c.png.999999.${Date.now()}.abc123.tmp`);
    const tempBeside = path.join(dir, 'sessions', `.${id}.json.999998.${Date.now()}.def456.tmp`);
    writeFileSync(tempInFolder, 'half a picture');
    writeFileSync(tempBeside, '{"version":1,"da');
    // An attachment the session never recorded (a crash between the file and the session), and the folder of a deleted session.
    const orphan = path.join(folder, 'attachments', '5e0d3c2a-1111-4222-8333-944445555666.png');
    writeFileSync(orphan, makePng(4, 4));
    const goneFolder = path.join(dir, 'sessions', 'a2f0e9a4-0000-4000-8000-000000000000', 'attachments');
    mkdirSync(goneFolder, { recursive: true });
    writeFileSync(path.join(goneFolder, 'b1.png'), makePng(4, 4));

    const services = await start();
    expect([tempInFolder, tempBeside, orphan, path.join(goneFolder, 'b1.png')].map(existsSync)).toEqual([false, false, false, false]);
    expect(existsSync(file)).toBe(true);
    expect(services.deps.notices.list()).toContainEqual(
      expect.stringMatching(
        /^Data folder tidied at start: removed 2 temporary files of interrupted saves and removed 2 attachment files no session refers to\.$/,
      ),
    );
  });

  it('a session whose file cannot be read keeps its attachments (it is moved aside, and may be restored)', async () => {
    const { id, file } = await sessionWithAttachment();
    writeFileSync(path.join(dir, 'sessions', `${id}.json`), '{"version": 1, "data": ');
    await start();
    expect(existsSync(file)).toBe(true);
  });
});
