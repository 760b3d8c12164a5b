import { parentPort, workerData } from 'node:worker_threads';
import { runEvidenceTask, toWorkerMessage, type EvidenceTask, type WorkerMessage } from './task';

/**
 * The worker thread that reads a customer's file, so a 100,000-row export never holds up the
 * host: it reports the rows read as it goes and posts the result (or the refusal) once.
 */
const port = parentPort;
if (port) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  runEvidenceTask(workerData as EvidenceTask, (rows) => post({ type: 'rows', rows }))
    .then((result) => post({ type: 'done', result }))
    .catch((error: unknown) => post(toWorkerMessage(error)));
}
