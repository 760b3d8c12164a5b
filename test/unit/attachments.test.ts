import { describe, expect, it } from 'vitest';
import { attachmentRefusal, cleanAttachmentName, formatBytes, sniffAttachmentType, typeOfName } from '../../shared/attachments';

const bytes = (...values: number[]) => new Uint8Array(values);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);

describe('attachment checks', () => {
  it('tells PNG, JPEG and PDF by their first bytes, and nothing else', () => {
    expect(sniffAttachmentType(PNG)).toBe('png');
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffAttachmentType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffAttachmentType(PNG.subarray(0, 7))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });

  it('keeps the last part of a name, without control or direction characters, at most 200 characters with its ending', () => {
    expect(cleanAttachmentName('C:\\fakepath\\errors.png')).toBe('errors.png');
    expect(cleanAttachmentName('../../etc/passwd.png')).toBe('passwd.png');
    expect(cleanAttachmentName('inv\u202eoice\u0000.png')).toBe('invoice.png');
    const long = cleanAttachmentName(`${'a'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.jpeg')).toBe(true);
    expect(typeOfName('Scan.JPG')).toBe('jpeg');
    expect(typeOfName('notes.txt')).toBeNull();
  });

  it('says which input a refusal is about', () => {
    expect(attachmentRefusal('report.docx', PNG, 0)).toMatchObject({ field: 'fileName' });
    expect(attachmentRefusal('  ', PNG, 0)).toEqual({ field: 'fileName', message: 'Give the file a name.' });
    expect(attachmentRefusal('shot.jpg', PNG, 0)).toBeNull();
    expect(attachmentRefusal('shot.pdf', bytes(1, 2, 3), 0)).toEqual({
      field: 'contentBase64',
      message: 'shot.pdf is not a PDF document: its content is not a PNG, JPEG or PDF file, whatever its name says. Nothing was attached.',
    });
  });

  it('writes sizes rounded up, so a size over a bound never reads as equal to it', () => {
    expect(formatBytes(700)).toBe('700 bytes');
    expect(formatBytes(1025)).toBe('2 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(10 * 1024 * 1024 + 1)).toBe('10.1 MB');
  });
});
