import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonFile } from '../../electron/services/json-file';
import { removeDir, tempDataDir } from '../support/host';

const schema = z.object({ items: z.array(z.string()) });
type Doc = z.infer<typeof schema>;

describe('versioned JSON files', () => {
  let dir: string;
  let notices: string[];
  const open = (version = 2) =>
    createJsonFile<Doc>({
      file: path.join(dir, 'doc.json'),
      version,
      schema,
      defaults: () => ({ items: [] }),
      migrations: { 1: (data) => ({ items: (data as { list: string[] }).list }) },
      onNotice: (m) => notices.push(m),
    });

  beforeEach(() => {
    dir = tempDataDir();
    notices = [];
  });
  afterEach(() => removeDir(dir));

  it('round-trips with a schema version and leaves no temp files', async () => {
    const file = open();
    await file.write({ items: ['a'] });
    expect(await open().read()).toEqual({ items: ['a'] });
    const raw = JSON.parse(await fs.readFile(path.join(dir, 'doc.json'), 'utf8'));
    expect(raw.version).toBe(2);
    expect(await fs.readdir(dir)).toEqual(['doc.json']);
  });

  it('migrates an older version on read', async () => {
    await fs.writeFile(path.join(dir, 'doc.json'), JSON.stringify({ version: 1, data: { list: ['old'] } }));
    expect(await open().read()).toEqual({ items: ['old'] });
  });

  it('moves a corrupt file aside, keeps it, and tells the user', async () => {
    await fs.writeFile(path.join(dir, 'doc.json'), '{"version":2,"data":{"items":[1');
    expect(await open().read()).toEqual({ items: [] });
    const files = await fs.readdir(dir);
    const aside = files.find((f) => f.startsWith('doc.json.corrupt-') && !f.endsWith('.reason.txt'));
    expect(aside).toBeDefined();
    expect(await fs.readFile(path.join(dir, aside!), 'utf8')).toContain('"items":[1');
    expect(notices[0]).toMatch(/not valid JSON.*moved to/);
  });

  it('refuses a file from a newer version without destroying it', async () => {
    await fs.writeFile(path.join(dir, 'doc.json'), JSON.stringify({ version: 9, data: { items: [] } }));
    await open().read();
    expect(notices[0]).toMatch(/newer version/);
    expect((await fs.readdir(dir)).some((f) => f.startsWith('doc.json.corrupt-'))).toBe(true);
  });

  it('loses neither of two concurrent updates', async () => {
    const file = open();
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.update((d) => ({ items: [...d.items, `x${i}`] }))));
    expect((await open().read()).items).toHaveLength(20);
  });

  it('rejects an invalid value without touching the saved one', async () => {
    const file = open();
    await file.write({ items: ['keep'] });
    await expect(file.write({ items: [42] } as unknown as Doc)).rejects.toThrow();
    expect(await open().read()).toEqual({ items: ['keep'] });
  });

  it('answers from memory until the file changes on disk, and then reads (and checks) it again', async () => {
    const file = open();
    await file.write({ items: ['a'] });
    const first = await file.read();
    expect(await file.read()).toBe(first); // the same object: nothing was read again
    await fs.writeFile(path.join(dir, 'doc.json'), JSON.stringify({ version: 2, data: { items: ['edited by hand'] } }));
    expect(await file.read()).toEqual({ items: ['edited by hand'] });
    await fs.writeFile(path.join(dir, 'doc.json'), '{"version": 2, "data": ');
    expect(await file.read()).toEqual({ items: [] });
    expect(notices[0]).toMatch(/doc\.json could not be read because it is not valid JSON/);
  });

  it('writes changes that arrive together in one go, and a refused change fails alone', async () => {
    const file = open();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => file.update((d) => (i === 4 ? ({ items: [42] } as unknown as Doc) : { items: [...d.items, `x${i}`] }))),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect((await open().read()).items).toEqual(['x0', 'x1', 'x2', 'x3', 'x5', 'x6', 'x7', 'x8', 'x9']);
  });

  it('a read while changes are being written answers the last written document without waiting for them', async () => {
    const file = open();
    await file.write({ items: ['saved'] });
    let release!: () => void;
    const slow = file.update(async (d) => {
      await new Promise<void>((resolve) => (release = resolve));
      return { items: [...d.items, 'later'] };
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await file.read()).toEqual({ items: ['saved'] });
    release();
    await slow;
    expect(await file.read()).toEqual({ items: ['saved', 'later'] });
  });

  it('refuses to write past its size bound with invalid_input naming it, and keeps the saved file', async () => {
    const bounded = createJsonFile<Doc>({
      file: path.join(dir, 'doc.json'),
      version: 2,
      schema,
      defaults: () => ({ items: [] }),
      maxBytes: { bytes: 1024 * 1024, label: 'A document' },
    });
    await bounded.write({ items: ['keep'] });
    await expect(bounded.write({ items: ['x'.repeat(1024 * 1024)] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'A document can be at most 1 MB when saved; this change would make it 1.1 MB. Nothing was saved.',
    });
    expect(await open().read()).toEqual({ items: ['keep'] });
  });
});
