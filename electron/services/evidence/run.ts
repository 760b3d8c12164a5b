import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { budgetRefusal, EVIDENCE_LIMITS } from './limits';
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

/**
 * One started worker kept between tasks (unreferenced, so it never keeps the process alive): loading
 * the reader costs a few hundred milliseconds, and a preview is followed by the import of the same file.
 */
let spare: Worker | null = null;

function startWorker(file: string): Worker {
  const worker = new Worker(file);
  worker.once('exit', () => {
    if (spare === worker) spare = null;
  });
  return worker;
}

function takeWorker(file: string): { worker: Worker; fresh: boolean } {
  if (spare) {
    const worker = spare;
    spare = null;
    return { worker, fresh: false };
  }
  return { worker: startWorker(file), fresh: true };
}

function keep(worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  if (spare) {
    void worker.terminate();
    return;
  }
  worker.unref();
  spare = worker;
}

/** How long after the budget the host stops a worker that never reached a check of its own. */
const BUDGET_GRACE_MS = 2_000;

/**
 * Reads the file in a worker thread, with the rows read as progress, cancel (the worker is stopped)
 * and the time budget: the worker refuses the file when it runs out of time, and the host stops it
 * shortly after if it has not.
 */
export function runEvidence(task: EvidenceTask, options: RunOptions = {}): Promise<EvidenceTaskResult> {
  if (options.signal?.aborted) return Promise.reject(cancelled(options.signal));
  const entry = workerEntry();
  if (!entry) return inThisThread(task, options);
  return new Promise<EvidenceTaskResult>((resolve, reject) => {
    let settled = false;
    let heard = false;
    const { worker, fresh } = takeWorker(entry.file);
    worker.ref();
    const finish = (outcome: () => void, reuse: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(overtime);
      options.signal?.removeEventListener('abort', onAbort);
      worker.off('exit', onExit);
      if (reuse) keep(worker);
      else void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(cancelled(options.signal!)), false);
    const budgetMs = task.timeMs ?? EVIDENCE_LIMITS.timeMs;
    const overtime = setTimeout(() => finish(() => reject(refused(budgetRefusal(budgetMs).message)), false), budgetMs + BUDGET_GRACE_MS);
    const onExit = (code: number) => finish(() => reject(new ApiError('internal', `The file reader stopped unexpectedly (exit code ${code}).`)), false);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('exit', onExit);
    worker.on('message', (message: WorkerMessage) => {
      heard = true;
      if (message.type === 'rows') options.onRows?.(message.rows);
      else if (message.type === 'done') finish(() => resolve(message.result), true);
      else if (message.type === 'refused') finish(() => reject(refused(message.message)), true);
      else finish(() => reject(new ApiError('internal', `The file could not be read: ${message.message}`)), false);
    });
    worker.on('error', (error) => {
      // A new worker that could not even start (its code missing in this build) leaves the work to this thread.
      if (!heard && fresh) finish(() => resolve(inThisThread(task, options)), false);
      else finish(() => reject(new ApiError('internal', `The file could not be read: ${error.message}`)), false);
    });
    worker.postMessage(task);
  });
}
