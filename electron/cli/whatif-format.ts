import type { BudgetResult } from '../../shared/capacity/types';
import { plural, thousands } from '../../shared/capacity/wording';

/** The engine's result as plain text for a terminal: verdict, per-mailbox arithmetic, plans. */
export function formatBudgetText(result: BudgetResult): string {
  const { provider } = result;
  const cap = provider.perMinuteCap === null ? '' : `, ${provider.perMinuteCap} messages per minute`;
  const lines: string[] = [`Provider: ${provider.name}: ${plural(provider.limit, 'concurrent connection')} per mailbox${cap}`, ''];
  for (const m of result.mailboxes) {
    lines.push(`${m.withinLimit ? 'WITHIN LIMIT' : 'OVER LIMIT  '}  ${m.mailbox} (${m.environments.join(', ')})`);
    lines.push(`              ${m.arithmetic}`);
  }
  lines.push('', result.verdict);
  result.plans.forEach((plan, i) => {
    lines.push('', i === 0 ? `Recommended: ${plan.title}` : `Alternative ${i}: ${plan.title}`, `  ${plan.tradeOff}`);
    for (const change of plan.changes) lines.push(`  - ${change.description}`);
    const after = Object.entries(plan.connectionsAfter).map(([mailbox, c]) => `${mailbox} ${c}`);
    lines.push(`  Connections after: ${after.join(', ')}; email-sending servers after: ${plan.emailServersAfter}`);
    if (plan.throughput) {
      const { before, after: a } = plan.throughput;
      const drain = (m: number | null) => (m === null ? '-' : `${m} min`);
      lines.push(
        `  Throughput: ${before.messagesPerMinute} -> ${a.messagesPerMinute} messages/min; backlog drained in ${drain(before.minutesToDrain)} -> ${drain(a.minutesToDrain)}`,
      );
    }
  });
  if (result.plans.length > 0) lines.push('', 'After the change, restart the Scheduler Service on every front-end server.');
  for (const none of result.noPlan) {
    lines.push('', `No plan for ${none.mailbox}: ${none.reason}`, 'Ways out that Microsoft documents:');
    for (const alternative of none.alternatives) lines.push(`  - ${alternative}`);
  }
  lines.push('', ...quotaLines(result));
  return `${lines.join('\n')}\n`;
}

/** The recipients per 24 h quota: one line per mailbox, the verdict, the ways out, warnings. */
function quotaLines({ quota }: BudgetResult): string[] {
  const limit = quota.limit === null ? 'no limit known' : `${thousands(quota.limit)} recipients per ${quota.scope} per 24 h`;
  const lines = [`Recipients per 24 h: ${limit}`];
  if (quota.checked) {
    for (const m of quota.mailboxes) {
      const state = m.status === 'over' ? 'OVER QUOTA  ' : m.status === 'within' ? 'WITHIN QUOTA' : 'NOT CHECKED ';
      lines.push(`${state}  ${m.mailbox} (${m.environments.join(', ')})`, `              ${m.arithmetic}`);
    }
  }
  lines.push('', quota.verdict);
  quota.options.forEach((option) => {
    lines.push('', `${option.fits ? 'Fits' : 'Does not fit'}: ${option.title}`, `  ${option.detail}`);
  });
  for (const warning of quota.warnings) lines.push('', `Note: ${warning}`);
  return lines;
}
