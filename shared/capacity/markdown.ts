import type { BudgetResult, Plan, QuotaResult } from './types';
import { plural, thousands } from './wording';

/** Escapes what would break a Markdown table cell or start unintended formatting. */
function cell(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function planSection(plan: Plan, index: number): string[] {
  const lines = [`### ${index === 0 ? 'Recommended' : `Alternative ${index}`}: ${plan.title}`, '', plan.tradeOff, ''];
  if (plan.changes.length === 0) lines.push('- No change needed.');
  for (const change of plan.changes) lines.push(`- ${change.description}`);
  const after = Object.entries(plan.connectionsAfter).map(([mailbox, connections]) => `${mailbox}: ${connections}`);
  lines.push('', `Connections after: ${after.join('; ')}. Email-sending servers after: ${plan.emailServersAfter}.`);
  if (plan.throughput) {
    const { before, after: a } = plan.throughput;
    const drain = (m: number | null) => (m === null ? 'no backlog' : `${m} min to drain the backlog`);
    lines.push(
      `Throughput: ${before.messagesPerMinute} -> ${a.messagesPerMinute} messages per minute; ${drain(before.minutesToDrain)} -> ${drain(a.minutesToDrain)}.`,
    );
  }
  lines.push('');
  return lines;
}

/** The result as Markdown, for a ticket or a chat: verdict, per-mailbox table, plans, ways out. */
export function budgetToMarkdown(result: BudgetResult): string {
  const { provider } = result;
  const cap = provider.perMinuteCap === null ? '' : `, ${provider.perMinuteCap} messages per minute`;
  const lines: string[] = [
    '## SMTP connection budget',
    '',
    `**${result.allWithinLimit ? 'Within the limit' : 'Over the limit'}.** ${result.verdict}`,
    '',
    `Provider: ${provider.name} (limit ${plural(provider.limit, 'concurrent connection')} per mailbox${cap}).`,
    '',
    '| Mailbox | Environments | Connections | Limit | Headroom | Arithmetic |',
    '| --- | --- | ---: | ---: | ---: | --- |',
  ];
  for (const m of result.mailboxes) {
    lines.push(`| ${cell(m.mailbox)} | ${cell(m.environments.join(', '))} | ${m.connections} | ${m.limit} | ${m.headroom} | ${cell(m.arithmetic)} |`);
  }
  lines.push('', '| Environment | Server | Zone | Sends email | Threads | Connections |', '| --- | --- | --- | --- | ---: | ---: |');
  for (const s of result.mailboxes.flatMap((m) => m.servers)) {
    const threads = s.threadsSource === 'per-host override' ? `${s.threads} (per-host)` : String(s.threads);
    lines.push(`| ${cell(s.environment)} | ${cell(s.server)} | ${cell(s.zone)} | ${s.sendsEmail ? 'yes' : 'no'} | ${cell(threads)} | ${s.connections} |`);
  }
  lines.push('');
  if (result.plans.length > 0) {
    lines.push('## Plans', '');
    result.plans.forEach((plan, i) => lines.push(...planSection(plan, i)));
    lines.push('After changing the threads value or Send Emails, restart the Scheduler Service on every front-end server.', '');
  }
  for (const none of result.noPlan) {
    lines.push(`## No plan for ${none.mailbox}`, '', none.reason, '', 'Ways out that Microsoft documents:', '');
    for (const alternative of none.alternatives) lines.push(`- ${alternative}`);
    lines.push('');
  }
  lines.push(...quotaSection(result.quota));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The recipients per 24 h quota: verdict, per-mailbox table, ways out, warnings. */
export function quotaSection(quota: QuotaResult): string[] {
  const lines = ['## Recipients per 24 hours', ''];
  const state = !quota.checked ? 'Not checked' : quota.allWithinLimit ? 'Within the quota' : 'Over the quota';
  lines.push(`**${state}.** ${quota.verdict}`, '');
  const limit =
    quota.limit === null ? 'no limit known' : `${thousands(quota.limit)} recipients per ${quota.scope === 'account' ? 'account' : 'mailbox'} per 24 h`;
  lines.push(`Limit: ${limit}. ${quota.rule}`, '');
  if (quota.mailboxes.some((m) => m.senders.some((s) => s.recipientsPerDay !== null))) {
    lines.push('| Mailbox | Environments | Recipients per 24 h | Limit | Headroom | Arithmetic |', '| --- | --- | ---: | ---: | ---: | --- |');
    for (const m of quota.mailboxes) {
      const recipients = `${m.missing.length ? 'at least ' : ''}${thousands(m.recipients)}`;
      const limitCell = m.limit === null ? '-' : thousands(m.limit);
      const headroom = m.headroom === null ? 'not checked' : thousands(m.headroom);
      lines.push(`| ${cell(m.mailbox)} | ${cell(m.environments.join(', '))} | ${recipients} | ${limitCell} | ${headroom} | ${cell(m.arithmetic)} |`);
    }
    lines.push('');
  }
  for (const warning of quota.warnings) lines.push(`> **Note:** ${warning}`, '');
  if (quota.options.length > 0) {
    lines.push('### Ways out of the quota', '');
    for (const option of quota.options) {
      lines.push(`- **${option.title}** (${option.fits ? 'fits' : 'does not fit'}): ${option.detail}`);
    }
    lines.push('');
  }
  return lines;
}
