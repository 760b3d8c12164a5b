import { StringDecoder } from 'node:string_decoder';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { Budget, type EvidenceLimits } from './limits';
import { EvidenceRefusal } from './refusal';

/**
 * The parts of a workbook's zip, read from memory (nothing is written to disk) with the sizes held
 * to the limits while inflating: the sizes the zip declares are checked before a part is opened,
 * and the bytes actually inflated are counted as they come, since a hostile zip can lie.
 */
export interface BoundedZip {
  /** The part's name as stored, found whatever its case; null when the zip has no such part. */
  find(name: string): string | null;
  /** Inflates one part and hands its text to `onText` chunk by chunk; `onText` may throw to stop. */
  read(name: string, onText: (text: string) => void): Promise<void>;
  close(): void;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;

export function notAWorkbook(reason: string): EvidenceRefusal {
  return new EvidenceRefusal(
    `Not a spreadsheet: the workbook could not be read (${reason.slice(0, 200)}). Open it in Excel and save it again as .xlsx or .csv.`,
  );
}

function tooLarge(part: string, limit: number, what: string): EvidenceRefusal {
  return new EvidenceRefusal(
    `Too large: the workbook's part "${part.slice(0, 100)}" expands to more than ${mb(limit)}${what}. The file is damaged, or not an Errors export; filter the export and save it again.`,
  );
}

function openBuffer(bytes: Uint8Array): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true },
      (error, zip) => (error || !zip ? reject(notAWorkbook(error?.message ?? 'no zip')) : resolve(zip)),
    );
  });
}

function listEntries(zip: ZipFile, budget: Budget): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      try {
        budget.check();
      } catch (error) {
        reject(error);
        return;
      }
      entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(notAWorkbook(error.message)));
    zip.readEntry();
  });
}

export async function openBoundedZip(bytes: Uint8Array, limits: EvidenceLimits, budget: Budget): Promise<BoundedZip> {
  const zip = await openBuffer(bytes);
  // The count the central directory declares, before a single entry is listed.
  if (zip.entryCount > limits.zipEntries) {
    zip.close();
    throw new EvidenceRefusal(
      `Too large: the workbook holds ${zip.entryCount.toLocaleString('en-US')} parts; an Excel export has a few dozen at most (${limits.zipEntries.toLocaleString('en-US')} are allowed). The file is damaged or not an Errors export.`,
    );
  }
  let entries: Map<string, Entry>;
  try {
    entries = await listEntries(zip, budget);
  } catch (error) {
    zip.close();
    throw error;
  }
  let inflated = 0;
  return {
    find: (name) => (entries.has(name.toLowerCase()) ? entries.get(name.toLowerCase())!.fileName : null),
    close: () => zip.close(),
    read: (name, onText) =>
      new Promise<void>((resolve, reject) => {
        const entry = entries.get(name.toLowerCase());
        if (!entry) return reject(notAWorkbook(`the part "${name}" is missing`));
        if (entry.uncompressedSize > limits.entryBytes) return reject(tooLarge(name, limits.entryBytes, ''));
        if (inflated + entry.uncompressedSize > limits.totalBytes) return reject(tooLarge(name, limits.totalBytes, ' with the parts read before it'));
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(notAWorkbook(error?.message ?? 'unreadable part'));
          const decoder = new StringDecoder('utf8');
          let read = 0;
          let done = false;
          const fail = (reason: unknown) => {
            if (done) return;
            done = true;
            stream.destroy();
            reject(reason);
          };
          stream.on('data', (chunk: Buffer) => {
            if (done) return;
            read += chunk.length;
            inflated += chunk.length;
            if (read > limits.entryBytes) return fail(tooLarge(name, limits.entryBytes, ''));
            if (inflated > limits.totalBytes) return fail(tooLarge(name, limits.totalBytes, ' with the parts read before it'));
            try {
              budget.check();
              onText(decoder.write(chunk));
            } catch (thrown) {
              fail(thrown);
            }
          });
          stream.once('error', (streamError: Error) => fail(notAWorkbook(streamError.message)));
          stream.once('end', () => {
            if (done) return;
            try {
              onText(decoder.end());
              done = true;
              resolve();
            } catch (thrown) {
              fail(thrown);
            }
          });
        });
      }),
  };
}
