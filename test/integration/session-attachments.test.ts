import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName } from '../../shared/api/contract';
import type { ApiErrorShape } from '../../shared/api/errors';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { ReportModel } from '../../shared/report/model';
import { makePdf, makePng } from '../support/png';
import { removeDir, startTestHost, tempDataDir } from '../support/host';

/**
 * Files the customer sent, attached to a session through the API (the dispatcher every host uses):
 * kept in the data folder beside the session, described in the session, shown in the report,
 * refused with the reason when they are not what they claim, gone with the session.
 */
const dataDir = tempDataDir('st-attach-');
const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
afterAll(async () => {
  await services.close();
  removeDir(dataDir);
});

/** The typed client over this process's dispatcher: `api['x'](input)`; an API error throws an ApiError. */
const api = createInProcessClient(services);

async function refusal<M extends MethodName>(name: M, input: MethodInput<M>): Promise<ApiErrorShape> {
  const result = await services.dispatch(name, input);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error;
}

const b64 = (bytes: Buffer) => bytes.toString('base64');
const attachmentsDir = (id: string) => path.join(dataDir, 'sessions', id, 'attachments');
const newSession = async (name = 'Contoso PRD') =>
  (await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: name, ticket: 'CS-4711' })).session.id;

describe('attachments on a session', () => {
  const png = makePng();
  const pdf = makePdf();
  const caption = 'Service Center > Monitoring > Errors: the 432s at 09:14 <b>"all"</b> & more';
  let id = '';
  let pngId = '';

  it('attaches a PNG with a caption: the bytes in the data folder (0600), the session only describes it', async () => {
    id = await newSession();
    const view = await api['sessions.attach']({ id, fileName: 'C:\\fakepath\\errors 09-14.png', contentBase64: b64(png), caption });
    const [a] = view.session.attachments ?? [];
    expect(a).toMatchObject({ fileName: 'errors 09-14.png', caption, type: 'png', bytes: png.length, addedBy: 'Support engineer' });
    expect(a!.sha256).toMatch(/^[0-9a-f]{64}$/);
    pngId = a!.id;
    const file = path.join(attachmentsDir(id), `${pngId}.png`);
    expect(readFileSync(file).equals(png)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // No bytes in the session file: only the description.
    const sessionFile = readFileSync(path.join(dataDir, 'sessions', `${id}.json`), 'utf8');
    expect(sessionFile).not.toContain(b64(png).slice(0, 200));
    expect(view.session.events.at(-1)!.summary).toMatch(/^Attached errors 09-14\.png \(PNG image, \d+ bytes\): “Service Center > Monitoring/);
  });

  it('attaches a PDF without a caption and lists both, in the order they came', async () => {
    await api['sessions.attach']({ id, fileName: 'mail-settings.PDF', contentBase64: b64(pdf) });
    const view = await api['sessions.get']({ id });
    expect(view.session.attachments?.map((a) => [a.fileName, a.type, a.caption])).toEqual([
      ['errors 09-14.png', 'png', caption],
      ['mail-settings.PDF', 'pdf', ''],
    ]);
    expect(readdirSync(attachmentsDir(id)).sort()).toEqual([`${pngId}.png`, `${view.session.attachments![1]!.id}.pdf`].sort());
  });

  it('shows the image in the report HTML as a data: URL with its caption escaped, and lists the PDF', async () => {
    const { html } = await api['reports.preview']({ sessionId: id });
    expect(html).toContain(`<img src="data:image/png;base64,${b64(png)}" alt="`);
    expect(html).toContain('Service Center &gt; Monitoring &gt; Errors: the 432s at 09:14 &lt;b&gt;&quot;all&quot;&lt;/b&gt; &amp; more');
    expect(html).not.toContain('<b>"all"</b>');
    expect(html).toMatch(/<h2>Appendix C: attachments<\/h2>/);
    expect(html).toMatch(/mail-settings\.PDF<br>.*?<\/td><td><span class="muted">none<\/span><\/td><td>\d+ bytes<\/td>/);
    // The report's own CSP allows exactly this: images from data: URLs, nothing from outside.
    expect(html).toContain('img-src data:');
  });

  it('names the files and captions in Markdown and JSON, without their bytes', async () => {
    const md = Buffer.from((await api['reports.export']({ sessionId: id, format: 'md' })).base64!, 'base64').toString('utf8');
    expect(md).toContain('## Appendix C: attachments');
    expect(md).toContain(
      `| errors 09-14.png | PNG image | ${png.length} bytes | Service Center \\> Monitoring \\> Errors: the 432s at 09:14 \\<b\\>"all"\\</b\\> & more |`,
    );
    expect(md).toContain(`| mail-settings.PDF | PDF document | ${pdf.length} bytes | none |`);
    expect(md).not.toContain(b64(png).slice(0, 100));

    const json = Buffer.from((await api['reports.export']({ sessionId: id, format: 'json' })).base64!, 'base64').toString('utf8');
    const model = JSON.parse(json) as ReportModel;
    expect(model.appendix.attachments?.map((a) => ({ fileName: a.fileName, caption: a.caption, type: a.type, bytes: a.bytes }))).toEqual([
      { fileName: 'errors 09-14.png', caption, type: 'png', bytes: png.length },
      { fileName: 'mail-settings.PDF', caption: '', type: 'pdf', bytes: pdf.length },
    ]);
    expect(json).not.toContain(b64(png).slice(0, 100));
    expect(json).not.toContain('base64');
  });

  it('refuses a .png that is really text, an 11 MB file, an empty one and another kind of file, with the reason; nothing changes', async () => {
    const before = await api['sessions.get']({ id });
    const filesBefore = readdirSync(attachmentsDir(id)).sort();

    const text = await refusal('sessions.attach', {
      id,
      fileName: 'screenshot.png',
      contentBase64: b64(Buffer.from('Error sending email 40001: 432 4.3.2 Concurrent connections limit exceeded.\n')),
    });
    expect(text).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^screenshot\.png is not a PNG image: its content is not a PNG, JPEG or PDF file/),
    });

    const big = Buffer.alloc(11 * 1024 * 1024);
    png.copy(big);
    const tooLarge = await refusal('sessions.attach', { id, fileName: 'full-screen.png', contentBase64: b64(big) });
    expect(tooLarge).toMatchObject({ code: 'invalid_input', message: 'full-screen.png is 11 MB; a file can be at most 10 MB. Nothing was attached.' });

    const empty = await refusal('sessions.attach', { id, fileName: 'empty.jpg', contentBase64: '' });
    expect(empty).toMatchObject({ code: 'invalid_input', message: 'empty.jpg is empty: nothing was attached.' });

    const exe = await refusal('sessions.attach', { id, fileName: 'tool.exe', contentBase64: b64(png) });
    expect(exe).toMatchObject({ code: 'invalid_input', field: 'fileName', message: expect.stringContaining('only PNG, JPEG and PDF files can') });

    const twice = await refusal('sessions.attach', { id, fileName: 'again.png', contentBase64: b64(png) });
    expect(twice.message).toBe('This file is already attached as errors 09-14.png.');

    const after = await api['sessions.get']({ id });
    expect(after.session.attachments).toEqual(before.session.attachments);
    expect(after.session.events).toHaveLength(before.session.events.length);
    expect(readdirSync(attachmentsDir(id)).sort()).toEqual(filesBefore);
  });

  it('keeps a session under 20 MB of files in all', async () => {
    const other = await newSession('Contoso QA');
    const filler = (n: number) => {
      const bytes = Buffer.alloc(8 * 1024 * 1024, n);
      png.subarray(0, 8).copy(bytes);
      return b64(bytes);
    };
    await api['sessions.attach']({ id: other, fileName: 'a.png', contentBase64: filler(1) });
    await api['sessions.attach']({ id: other, fileName: 'b.png', contentBase64: filler(2) });
    const third = await refusal('sessions.attach', { id: other, fileName: 'c.png', contentBase64: filler(3) });
    expect(third.message).toBe(
      'The files of one session can take at most 20 MB together; 16 MB are attached already and c.png is 8 MB. Remove one first, or attach a smaller file.',
    );
    expect(readdirSync(attachmentsDir(other))).toHaveLength(2);
    await api['sessions.delete']({ id: other });
  });

  it('changes a caption and removes a file: gone from the session, the folder and the report', async () => {
    const captioned = await api['sessions.captionAttachment']({ id, attachmentId: pngId, caption: 'The 432s, 09:14' });
    expect(captioned.session.attachments?.[0]?.caption).toBe('The 432s, 09:14');
    const pdfId = captioned.session.attachments![1]!.id;
    const view = await api['sessions.detach']({ id, attachmentId: pdfId });
    expect(view.session.attachments?.map((a) => a.fileName)).toEqual(['errors 09-14.png']);
    expect(existsSync(path.join(attachmentsDir(id), `${pdfId}.pdf`))).toBe(false);
    expect(view.session.events.at(-1)!.summary).toBe('Removed the attachment mail-settings.PDF.');
    const { html } = await api['reports.preview']({ sessionId: id });
    expect(html.slice(html.indexOf('Appendix C'))).not.toContain('mail-settings.PDF');
    expect((await refusal('sessions.detach', { id, attachmentId: pdfId })).code).toBe('not_found');
  });

  it('a completed session takes no new file until it is reopened', async () => {
    await api['sessions.act']({ id, action: { type: 'complete' } });
    const refused = await refusal('sessions.attach', { id, fileName: 'late.pdf', contentBase64: b64(makePdf('late')) });
    expect(refused.message).toMatch(/completed; reopen it/);
    await api['sessions.act']({ id, action: { type: 'reopen' } });
  });

  it('deleting the session deletes its files', async () => {
    expect(existsSync(attachmentsDir(id))).toBe(true);
    await api['sessions.delete']({ id });
    expect(existsSync(path.join(dataDir, 'sessions', id))).toBe(false);
    expect(existsSync(path.join(dataDir, 'sessions', `${id}.json`))).toBe(false);
  });
});

describe('attachments through the browser host', () => {
  it('takes a 10 MB file in one request (about 13.4 MB of base64), and names the size of an 11 MB one', async () => {
    const hostDir = tempDataDir('st-attach-http-');
    const running = await startTestHost(hostDir);
    try {
      const post = async (method: string, body: unknown) => {
        const response = await fetch(`${running.host.url}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${running.host.token}` },
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          body: (await response.json()) as {
            ok: boolean;
            value?: { session: { id: string; attachments?: Array<{ bytes: number }> } };
            error?: { message: string };
          },
        };
      };
      const created = await post('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso PRD' });
      const id = created.body.value!.session.id;
      const file = (size: number) => {
        const bytes = Buffer.alloc(size, 7);
        makePng().subarray(0, 8).copy(bytes);
        return bytes.toString('base64');
      };
      const ten = await post('sessions.attach', { id, fileName: 'full-screen.png', contentBase64: file(10 * 1024 * 1024) });
      expect(ten.status).toBe(200);
      expect(ten.body.value!.session.attachments?.map((a) => a.bytes)).toEqual([10 * 1024 * 1024]);
      const eleven = await post('sessions.attach', { id, fileName: 'larger.png', contentBase64: file(11 * 1024 * 1024) });
      expect(eleven.status).toBe(400);
      expect(eleven.body.error!.message).toBe('larger.png is 11 MB; a file can be at most 10 MB. Nothing was attached.');
      // Other methods keep the 10 MB body limit.
      const other = await post('playbooks.recognise', { text: 'x'.repeat(11 * 1024 * 1024) });
      expect(other.body.error!.message).toBe('The request body can be at most 10 MB');
    } finally {
      await running.stop();
      removeDir(hostDir);
    }
  });
});
