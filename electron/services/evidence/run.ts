import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { EvidenceRefusal } from './table';
import { runEvidenceTask, type EvidenceTask, type EvidenceTaskResult, type WorkerMessage } from './task';

/**
 * Where the worker's code is: beside the bundle in the desktop app (electron-vite builds
 * `evidence-worker.js` next to `index.js`), else the TypeScript source through tsx's require hook
 * (`worker-source.cjs`: the browser host, the CLI, tests and benches). Null when neither is there: the file is then read on this thread.
 */
function workerEntry(): { file: string } | null {
  const bundled = path.join(__dirname, 'evidence-worker.js');
  if (existsSync(bundled)) return { file: bundled };
  const source = path.join(__dirname, 'worker-source.cjs');
  if (existsSync(source)) return { file: source };
  return null;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Rows read so far. */
  onRows?: (rows: number) => void;
}

function cancelled(signal: AbortSignal): ApiError {
  return signal.reason instanceof ApiError ? signal.reason : new ApiError('cancelled', 'Cancelled by the user');
}

/** A refusal ("Too large: ...", "Not a spreadsheet: ...") is the engineer's to read: invalid input naming the file. */
function refused(message: string): ApiError {
  return new ApiError('invalid_input', message, { field: 'contentBase64' });
}

async function inThisThread(task: EvidenceTask, options: RunOptions): Promise<EvidenceTaskResult> {
  try {
    return await runEvidenceTask(task, (rows) => {
      if (options.signal?.aborted) throw cancelled(options.signal);
      options.onRows?.(rows);
    });
  } catch (error) {
    if (error instanceof EvidenceRefusal) throw refused(error.message);
    throw error;
  }
}

/** Reads the file in a worker thread, with the rows read as progress and cancel (the worker is stopped). */
export function runEvidence(task: EvidenceTask, options: RunOptions = {}): Promise<EvidenceTaskResult> {
  if (options.signal?.aborted) return Promise.reject(cancelled(options.signal));
  const entry = workerEntry();
  if (!entry) return inThisThread(task, options);
  return new Promise<EvidenceTaskResult>((resolve, reject) => {
    let settled = false;
    let heard = false;
    const worker = new Worker(entry.file, { workerData: task });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(cancelled(options.signal!)));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      heard = true;
      if (message.type === 'rows') options.onRows?.(message.rows);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else if (message.type === 'refused') finish(() => reject(refused(message.message)));
      else finish(() => reject(new ApiError('internal', `The file could not be read: ${message.message}`)));
    });
    worker.on('error', (error) => {
      // A worker that could not even start (its code missing in this build) leaves the work to this thread.
      if (!heard) finish(() => resolve(inThisThread(task, options)));
      else finish(() => reject(new ApiError('internal', `The file could not be read: ${error.message}`)));
    });
    worker.on('exit', (code) => {
      if (!settled) finish(() => reject(new ApiError('internal', `The file reader stopped unexpectedly (exit code ${code}).`)));
    });
  });
}
