import type { ThroughputFigures } from './types';
import { round1 } from './wording';

export interface ThroughputSettings {
  avgSendSeconds: number;
  backlog: number;
  /** Messages per minute per mailbox; null when the provider publishes none. */
  perMinuteCap: number | null;
}

/**
 * Messages per minute of one mailbox: each connection sends one message every avgSendSeconds,
 * capped by the provider (30 per minute for Exchange Online, so fewer connections often cost little).
 */
export function mailboxRate(connections: number, settings: ThroughputSettings): number {
  const raw = (Math.max(0, connections) * 60) / settings.avgSendSeconds;
  return settings.perMinuteCap === null ? raw : Math.min(raw, settings.perMinuteCap);
}

/**
 * Figures for a set of mailboxes draining one backlog together. Connections above a mailbox's
 * limit are refused (432), so they send nothing: pass min(connections, limit) for "before".
 */
export function throughputFigures(connectionsPerMailbox: number[], settings: ThroughputSettings): ThroughputFigures {
  const rate = connectionsPerMailbox.reduce((sum, c) => sum + mailboxRate(c, settings), 0);
  return {
    messagesPerMinute: round1(rate),
    minutesToDrain: settings.backlog > 0 && rate > 0 ? round1(settings.backlog / rate) : null,
  };
}
