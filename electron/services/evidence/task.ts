import type { EvidenceMapping, EvidencePreview } from '../../../shared/api/methods/evidence';
import type { Matcher } from '../../../shared/incidents/matcher';
import { countEvidence, previewOf, readEvidence, type EvidenceCount } from './parse';
import { Budget, EVIDENCE_LIMITS } from './limits';
import { EvidenceRefusal, type RowsRead } from './table';

/** What the worker is asked to do: plain data, so it crosses to a worker thread by structured clone. */
export type EvidenceTask = (
  | { task: 'preview'; bytes: Uint8Array; fileName: string; mapping?: EvidenceMapping; utcOffsetMinutes: number }
  | {
      task: 'count';
      bytes: Uint8Array;
      fileName: string;
      mapping?: EvidenceMapping;
      utcOffsetMinutes: number;
      matchers: readonly Matcher[];
      fixAt?: string | null;
    }
) & {
  /** The time budget of the read (EVIDENCE_LIMITS.timeMs when not given). */
  timeMs?: number;
};

export type EvidenceTaskResult = { task: 'preview'; preview: EvidencePreview } | { task: 'count'; preview: EvidencePreview; count: EvidenceCount };

/** What the worker sends back. */
export type WorkerMessage =
  { type: 'rows'; rows: number } | { type: 'done'; result: EvidenceTaskResult } | { type: 'refused'; message: string } | { type: 'failed'; message: string };

/** Runs a task where it is called (the worker, or this thread when no worker can start). */
export async function runEvidenceTask(task: EvidenceTask, onRows: RowsRead): Promise<EvidenceTaskResult> {
  const evidence = await readEvidence(task.bytes, task.fileName, onRows, { budget: new Budget(task.timeMs ?? EVIDENCE_LIMITS.timeMs) });
  const preview = previewOf(evidence, task.fileName, { mapping: task.mapping, utcOffsetMinutes: task.utcOffsetMinutes });
  if (task.task === 'preview') return { task: 'preview', preview };
  const count = countEvidence(evidence, { mapping: task.mapping, utcOffsetMinutes: task.utcOffsetMinutes, matchers: task.matchers, fixAt: task.fixAt });
  return { task: 'count', preview, count };
}

export function toWorkerMessage(error: unknown): WorkerMessage {
  if (error instanceof EvidenceRefusal) return { type: 'refused', message: error.message };
  return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
}
