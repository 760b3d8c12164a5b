import type { BudgetResult, Plan } from '../capacity/types';
import type { ErrorsProbeResult } from '../probes/types';
import type { CriterionResult } from '../wizard/criteria';
import type { FollowUp } from '../wizard/outcome';
import type { SessionStatus } from '../wizard/session';
import type { ReportAttachment, ReportChange } from './model';

/**
 * What a resolution report needs from a troubleshooting session. Kept apart from the wizard's own
 * Session type so the report depends only on what it prints; the session service maps a Session
 * onto it. Credentials have no place here: the environment carries name, role, engine and host.
 */
export interface ReportSessionInput {
  id: string;
  /** The playbook's words: the title, the error's name, the guidance cited, what was restarted. */
  title: string;
  errorName: string;
  references: Array<{ title: string; url: string | null }>;
  /** e.g. a Windows service; null when the playbook restarts nothing. */
  restartService: string | null;
  /** The playbook's own summary of what happened, when it computes no connection budget. */
  summary?: string | null;
  /** Whether the playbook computes a connection budget (the report's calculation section). */
  computesBudget?: boolean;
  /** The exact steps given for the fix (e.g. for the customer's admin), when the playbook has them. */
  fixSteps?: Array<{ text: string; where?: string; sql?: string; code?: { language: string; text: string } }>;
  startedAt: string;
  /** null while the session is open. */
  endedAt: string | null;
  /** Customer name. */
  customer?: string | null;
  /** Ticket or case number. */
  ticket?: string | null;
  environment: {
    name: string;
    role?: string | null;
    engine: 'sqlserver' | 'oracle' | 'demo' | 'manual';
    /** Database server host name, never a connection string. */
    host?: string | null;
  };
  /** Facts read or entered during the session, each with its source and time. */
  facts: Array<{ topic: string; label: string; value: string; source: string; at: string | null }>;
  /** The error-log search, read from the database or counted from an import; null when neither. */
  errors: ErrorsProbeResult | null;
  /** Where the search result came from, in words (shared/wizard/provenance.ts sourceLine), and when. */
  errorsSource?: { source: string; at: string | null } | null;
  /** When the error log was not searched: the count as typed in by the engineer, with its source. */
  errorsGiven?: { count: number; firstSeen: string | null; lastSeen: string | null; source: string; at: string | null } | null;
  /** The email queue: failing (retried) and abandoned (no longer retried) emails, with their source. */
  failedEmails?: { failing: number | null; abandoned: number | null; source: string; at: string | null } | null;
  /** The engine's outcome (shared/wizard/outcome.ts): the report states it, never decides it. */
  outcome: {
    status: SessionStatus;
    reason: string;
    /** How the fix takes effect, in words. */
    fixTakesEffect: string;
    fixAt: string | null;
    fixes: Array<{ description: string; at: string; lasting: boolean }>;
    criteria: CriterionResult[];
    followUps: FollowUp[];
  };
  /** The diagnosis before any change. */
  diagnosis: BudgetResult | null;
  /** The same calculation with the change applied, when one was made. */
  afterDiagnosis?: BudgetResult | null;
  chosenPlan: { plan: Plan; reason: string } | null;
  /** The report's change record, with whether (and when) the change was undone. */
  applies: Array<Omit<ReportChange, 'undoneAt'> & { undone: boolean; undoneAt?: string | null }>;
  restart: Array<{ server: string; done: boolean; at: string | null }>;
  verification: { at: string | null; passed: boolean | null; summary: string; details?: string[] } | null;
  events: Array<{ at: string; message: string }>;
  /** The database clock as the probes measured it, in words; absent offline. */
  databaseClock?: string | null;
  /** Evidence the live database showed (label and value in words); absent when none. */
  evidence?: Array<{ label: string; value: string }>;
  /** Files the customer sent, described (their bytes stay in the data folder); absent when none. */
  attachments?: ReportAttachment[];
}
