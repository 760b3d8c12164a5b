import type { EnvModel, ServerModel } from './model';
import { THREADS_PARAMETER } from './providers';
import type { PlanChange } from './types';
import { plural, serversTimesThreads } from './wording';

/**
 * The ways one environment can be configured within a connection budget: a global threads value,
 * which servers keep sending email, and whether per-host overrides of the kept servers are
 * removed. Every zone that sends email today keeps at least one sending server.
 */
export interface EnvOption {
  env: EnvModel;
  /** Global threads value after the option. */
  threads: number;
  kept: KeptServer[];
  disabled: ServerModel[];
  changes: PlanChange[];
  connections: number;
  touchesOverrides: boolean;
  /** Identical change sets are the same option. */
  key: string;
}

export interface KeptServer {
  server: ServerModel;
  threads: number;
  /** False when a per-host override that the option keeps decides its threads. */
  followsGlobal: boolean;
}

/** What the recommendation ordering looks at, best first: servers, connections, fewest changes. */
export interface Score {
  servers: number;
  connections: number;
  changes: number;
  touchesOverrides: boolean;
}

/**
 * The article's ordering: keep as many email-sending servers as the limit allows, then use as
 * many connections as it allows, then change as little as possible; leaving per-host overrides
 * alone breaks the last tie. Negative when `a` is better.
 */
export function compareScores(a: Score, b: Score): number {
  return b.servers - a.servers || b.connections - a.connections || a.changes - b.changes || Number(a.touchesOverrides) - Number(b.touchesOverrides);
}

/** `a` is at least as good on every count and better on one. */
export function dominates(a: Score, b: Score): boolean {
  const atLeast = a.servers >= b.servers && a.connections >= b.connections && a.changes <= b.changes && (!a.touchesOverrides || b.touchesOverrides);
  return atLeast && compareScores(a, b) < 0;
}

/**
 * Sorts best first and drops options that another option beats on every count: such an option
 * is never a sensible trade-off (e.g. "1 server x 1 thread" next to "2 servers x 1 thread").
 * A dominating option always sorts first, so one pass against the kept ones suffices.
 */
export function bestFirstFront<T>(items: T[], score: (item: T) => Score): T[] {
  const sorted = [...items].sort((a, b) => compareScores(score(a), score(b)));
  const front: T[] = [];
  for (const item of sorted) {
    if (!front.some((kept) => dominates(score(kept), score(item)))) front.push(item);
  }
  return front;
}

export function envOptionScore(option: EnvOption): Score {
  return {
    servers: option.kept.length,
    connections: option.connections,
    changes: option.changes.length,
    touchesOverrides: option.touchesOverrides,
  };
}

/**
 * Which servers keep sending when only `count` may: first one anchor per zone (the zone must keep
 * sending), then the rest. Servers that would open the fewest connections are kept first; among
 * equals, servers that follow the global value are kept before ones with a per-host override
 * (whether the Scheduler honours those rows is not documented), then servers listed first. So
 * the servers switched off are the heaviest, the overridden and the last listed.
 */
function keepOrder(sending: ServerModel[], threadsOf: (s: ServerModel) => number): ServerModel[] {
  const index = new Map(sending.map((s, i) => [s, i]));
  const better = (a: ServerModel, b: ServerModel) =>
    threadsOf(a) - threadsOf(b) || Number(a.override !== undefined) - Number(b.override !== undefined) || index.get(a)! - index.get(b)!;
  const anchors: ServerModel[] = [];
  for (const zone of new Set(sending.map((s) => s.zone))) {
    anchors.push(sending.filter((s) => s.zone === zone).sort(better)[0]!);
  }
  const rest = sending.filter((s) => !anchors.includes(s)).sort(better);
  return [...anchors, ...rest];
}

function buildOption(env: EnvModel, threads: number, kept: ServerModel[], removeOverrides: boolean): EnvOption | null {
  const keptServers: KeptServer[] = kept.map((server) => {
    const removed = removeOverrides && server.override !== undefined && server.override !== threads;
    const followsGlobal = server.override === undefined || removed;
    return { server, threads: followsGlobal ? threads : server.override!, followsGlobal };
  });
  const globalMatters = keptServers.some((k) => k.followsGlobal);
  // A new global value that no sending server uses changes nothing: it is the same option as keeping it.
  if (threads !== env.threads && !globalMatters) return null;

  const changes: PlanChange[] = [];
  if (threads !== env.threads) {
    changes.push({
      kind: 'set-global-threads',
      environment: env.name,
      parameter: THREADS_PARAMETER,
      from: env.threads,
      to: threads,
      description: `${env.name}: set ${THREADS_PARAMETER} ${env.threads} -> ${threads}`,
    });
  }
  for (const k of keptServers) {
    if (k.followsGlobal && k.server.override !== undefined) {
      changes.push({
        kind: 'remove-host-override',
        environment: env.name,
        server: k.server.name,
        parameter: THREADS_PARAMETER,
        from: k.server.override,
        description: `${env.name}: remove the per-host ${THREADS_PARAMETER} row of ${k.server.name} (${k.server.override}), so it follows the global value ${threads}`,
      });
    }
  }
  const disabled = env.servers.filter((s) => s.sendsEmail && !kept.includes(s));
  for (const server of disabled) {
    const note = server.override !== undefined ? ` (it has a per-host threads value of ${server.override})` : '';
    changes.push({
      kind: 'disable-email',
      environment: env.name,
      server: server.name,
      from: true,
      to: false,
      description: `${env.name}: turn off Send Emails on ${server.name}${note}`,
    });
  }
  return {
    env,
    threads,
    kept: keptServers,
    disabled,
    changes,
    connections: keptServers.reduce((sum, k) => sum + k.threads, 0),
    touchesOverrides: changes.some((c) => c.kind === 'remove-host-override') || disabled.some((s) => s.override !== undefined),
    key: changes.map((c) => c.description).join('\n'),
  };
}

/** Every sensible option of one environment that opens at most `limit` connections, best first. */
export function envOptions(env: EnvModel, limit: number): EnvOption[] {
  const sending = env.servers.filter((s) => s.sendsEmail);
  const options = new Map<string, EnvOption>();
  const add = (option: EnvOption | null) => {
    if (option && option.connections <= limit && !options.has(option.key)) options.set(option.key, option);
  };
  add(buildOption(env, env.threads, sending, false)); // as it is today
  if (sending.length > 0) {
    const zoneCount = new Set(sending.map((s) => s.zone)).size;
    // Today's value stays a candidate even above the limit: servers with per-host overrides may
    // not use it, and switching some of them off may be the smallest change.
    const candidates = [...new Set([env.threads, ...Array.from({ length: limit }, (_, i) => i + 1)])];
    for (const threads of candidates) {
      for (const removeOverrides of [false, true]) {
        const threadsOf = (s: ServerModel) => (removeOverrides || s.override === undefined ? threads : s.override);
        const order = keepOrder(sending, threadsOf);
        for (let count = zoneCount; count <= order.length; count++) {
          const option = buildOption(env, threads, order.slice(0, count), removeOverrides);
          // Connections only grow with more servers kept, so stop at the first that does not fit.
          if (option && option.connections > limit) break;
          add(option);
        }
      }
    }
  }
  // Environments sharing a mailbox split its connections, so an option with fewer connections
  // may be the one that fits beside the others: compare options only at equal connections here,
  // and leave the full comparison to the mailbox, once the split is known.
  const byConnections = new Map<number, EnvOption[]>();
  for (const option of options.values()) {
    byConnections.set(option.connections, [...(byConnections.get(option.connections) ?? []), option]);
  }
  const kept = [...byConnections.values()].flatMap((group) => bestFirstFront(group, envOptionScore));
  return kept.sort((a, b) => compareScores(envOptionScore(a), envOptionScore(b)));
}

/** "2 servers x 1 thread + FE3 x 4 threads (per-host)" */
export function describeKept(option: EnvOption): string {
  if (option.kept.length === 0) return 'no server sends email';
  const byThreads = new Map<number, number>();
  for (const k of option.kept.filter((k) => k.followsGlobal)) byThreads.set(k.threads, (byThreads.get(k.threads) ?? 0) + 1);
  const parts = [...byThreads.entries()].map(([threads, count]) => serversTimesThreads(count, threads));
  for (const k of option.kept.filter((k) => !k.followsGlobal)) parts.push(`${k.server.name} x ${plural(k.threads, 'thread')} (per-host)`);
  return parts.join(' + ');
}
