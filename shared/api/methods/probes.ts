import { z } from 'zod';
import { method } from '../define';
import type {
  ApplyPreview,
  ApplyThreadsResult,
  AuditEntry,
  EmailQueueProbeResult,
  ErrorsProbeResult,
  ServersProbeResult,
  ThreadsProbeResult,
} from '../../probes/types';

const profileId = z.string().min(1, 'Choose an environment');
const onProfile = z.object({ profileId }).strict();
/** Threads for emails: at least 1 (0 would stop email sending altogether). */
const threadCount = z.number().int('Use a whole number').min(1, 'At least 1 thread').max(64, 'At most 64 threads');
const isoTime = z.string().datetime({ offset: true, message: 'Use an ISO date and time' });

export const probeMethods = {
  'probes.threads': method(onProfile, { long: true }).returns<ThreadsProbeResult>(),
  'probes.servers': method(onProfile, { long: true }).returns<ServersProbeResult>(),
  'probes.errors': method(
    z
      .object({ profileId, since: isoTime.optional(), until: isoTime.optional(), days: z.number().positive().max(14).optional() })
      .strict(),
    { long: true },
  ).returns<ErrorsProbeResult>(),
  'probes.emailQueue': method(onProfile, { long: true }).returns<EmailQueueProbeResult>(),
  'probes.previewApply': method(
    z.object({ profileId, expected: z.string().nullable(), newValue: threadCount }).strict(),
  ).returns<ApplyPreview>(),
  'probes.apply': method(
    z
      .object({
        profileId,
        expected: z.string().nullable(),
        newValue: threadCount,
        actor: z.string().trim().min(1, 'Say who applies the change'),
        sessionId: z.string().optional(),
      })
      .strict(),
    { long: true },
  ).returns<ApplyThreadsResult>(),
  'probes.undo': method(
    z.object({ auditId: z.string().min(1), actor: z.string().trim().min(1, 'Say who undoes the change') }).strict(),
    { long: true },
  ).returns<ApplyThreadsResult>(),
  'probes.audit': method(z.object({}).strict()).returns<AuditEntry[]>(),
  'demo.reset': method(z.object({}).strict()).returns<{ reset: true }>(),
};
