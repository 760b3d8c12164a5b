import { parentPort } from 'node:worker_threads';
import { runEvidenceTask, toWorkerMessage, type EvidenceTask, type WorkerMessage } from './task';

/**
 * The worker thread that reads a customer's file, so a 100,000-row export never holds up the
 * host: for each task it is sent, it reports the rows read as it goes and posts the result (or the
 * refusal) once. It stays for the next task (a preview is followed by the import of the same file).
 */
const port = parentPort;
if (port) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  port.on('message', (task: EvidenceTask) => {
    runEvidenceTask(task, (rows) => post({ type: 'rows', rows }))
      .then((result) => post({ type: 'done', result }))
      .catch((error: unknown) => post(toWorkerMessage(error)));
  });
}
