import { formatCount, formatParameters, formatTime, formatYesNo, plural } from './format';
import type { ReportModel } from './model';
import { ATTACHMENT_TYPE_LABEL, formatBytes } from '../attachments';
import { smtpChecksMarkdown } from './smtp-check-section';
import { escapeMarkdown, markdownCode, markdownUrl } from './escape';

/**
 * The report as Markdown, for pasting into a ticket. Same sections as the HTML; text values are
 * escaped so a server or customer name cannot break a table or start a heading.
 */
export function renderReportMarkdown(model: ReportModel): string {
  const { header } = model;
  const env = header.environment;
  const out: string[] = [];
  const line = (text = '') => out.push(text);

  line(`# ${md(header.title)}`);
  line();
  line(`| | |`);
  line(`| --- | --- |`);
  line(`| Environment | **${md(env.name)}**${env.role ? ` (${md(env.role)})` : ''} |`);
  line(`| Platform database | ${md(env.engine)}${env.host ? ` on ${md(env.host)}` : ''} |`);
  line(`| Customer | ${md(header.customer ?? 'not given')} |`);
  line(`| Ticket / case | ${md(header.ticket ?? 'not given')} |`);
  line(`| Engineer | ${md(header.engineerName || 'not given')} |`);
  line(`| Session | ${formatTime(header.startedAt)} to ${formatTime(header.endedAt, 'still open')} |`);
  if (header.databaseClock) line(`| Database clock | ${md(header.databaseClock)} |`);
  line(`| Outcome | **${md(header.outcomeLabel)}** |`);
  line();
  line('## Summary');
  line();
  line(md(model.summary));
  line();

  const o = model.outcome;
  line('## Outcome');
  line();
  line(`**${md(header.outcomeLabel)}.** ${md(o.meaning)}`);
  if (o.reason) {
    line();
    line(md(o.reason));
  }
  if (o.fixes.length) {
    line();
    for (const f of o.fixes) line(`- ${md(f.description)} (${f.lasting ? 'lasting fix' : 'stop-gap'}, ${formatTime(f.at)})`);
  }
  line();
  line(`Fix took effect: ${formatTime(o.fixTakenEffectAt, 'not yet')} (${md(o.fixTakesEffect)})`);
  line();

  line('## Symptom evidence');
  line();
  const s = model.symptom;
  if (!s) line('No count of the errors was read, imported or given in this session.');
  else {
    line(
      `${s.capped ? 'At least ' : ''}${plural(s.count, s.errorName)} found` +
        (s.windowStart ? ` between ${formatTime(s.windowStart)} and ${formatTime(s.windowEnd)}` : '') +
        '.',
    );
    if (s.coverage) {
      line();
      line(md(s.coverage));
    }
    line();
    line(`- First seen: ${formatTime(s.firstSeen, 'none')}`);
    line(`- Last seen: ${formatTime(s.lastSeen, 'none')}`);
    line(`- Source: ${md(s.source.source)}, ${formatTime(s.source.at)}`);
    if (s.perServer.length) {
      line();
      line('| Front-end server | Errors |');
      line('| --- | ---: |');
      for (const p of s.perServer) line(`| ${cell(p.server)} | ${formatCount(p.count)} |`);
    }
    if (s.sampleMessage) {
      line();
      line('Sample message:');
      line();
      line(fence(s.sampleMessage));
    }
  }
  if (model.emails) {
    line();
    line('### Emails that failed');
    line();
    line(md(model.emails.statement));
    line();
    line(`Source: ${md(model.emails.source.source)}, ${formatTime(model.emails.source.at)}`);
  }
  line();

  line('## Findings');
  line();
  if (model.servers.length) {
    line('| Server | Sends email | Threads for emails | Zone |');
    line('| --- | --- | ---: | --- |');
    for (const sv of model.servers) {
      line(
        `| ${cell(sv.name)} | ${formatYesNo(sv.sendsEmail)} | ${sv.threads === null ? 'unknown' : `${sv.threads} (${cell(sv.threadsSource)})`} | ${cell(sv.zone ?? 'unknown')} |`,
      );
    }
    line();
  }
  if (model.findings.length) {
    line('| Topic | Fact | Value | Source | Time |');
    line('| --- | --- | --- | --- | --- |');
    for (const f of model.findings) {
      line(`| ${cell(f.topic)} | ${cell(f.label)} | ${cell(f.value)} | ${cell(f.source.source)} | ${formatTime(f.source.at)} |`);
    }
    line();
  }
  if (!model.servers.length && !model.findings.length) line('No facts were recorded.\n');

  const c = model.calculation;
  if (c || model.calculationApplies) {
    line('## Calculation: connections per mailbox');
    line();
  }
  if (!c) {
    if (model.calculationApplies) line('No calculation was made in this session.');
  } else {
    line(`${md(c.provider)} allows **${c.limit}** concurrent connections per sending mailbox.`);
    line();
    line('| Mailbox | Before | After | Limit |');
    line('| --- | --- | --- | ---: |');
    for (const m of c.mailboxes) {
      const state = (n: number) => (n > m.limit ? 'over the limit' : 'within the limit');
      line(
        `| ${cell(m.mailbox)} | **${m.before.connections}** (${state(m.before.connections)}): ${cell(m.before.arithmetic)} | ${
          m.after ? `**${m.after.connections}** (${state(m.after.connections)}): ${cell(m.after.arithmetic)}` : 'no change'
        } | ${m.limit} |`,
      );
    }
    line();
    line(`Diagnosis: ${md(c.verdict)}`);
  }
  line();

  line('## Actions');
  line();
  const a = model.actions;
  if (a.plan) {
    line(`**Plan chosen: ${md(a.plan.title)}.** ${md(a.plan.reason)}`);
    if (a.plan.tradeOff) line(`\nTrade-off: ${md(a.plan.tradeOff)}`);
  }
  if (!a.plan && !a.changes.length && !a.fixSteps.length) line('No change was made.');
  for (const ch of a.changes) {
    line();
    line(`### ${md(ch.description)}`);
    line();
    line(`- Setting: ${md(ch.target)}`);
    if (ch.before !== null || ch.after !== null) line(`- Before → after: ${md(ch.before ?? 'none')} → **${md(ch.after ?? 'none')}**`);
    line(`- By: ${md(ch.actor ?? 'not recorded')}, ${formatTime(ch.at)}`);
    if (ch.auditId) line(`- Audit entry: \`${markdownCode(ch.auditId)}\``);
    if (ch.undoneAt) line(`- **Undone ${formatTime(ch.undoneAt)}**`);
    if (ch.statement) {
      line();
      line(`Statement the app ran${ch.parameters ? ` (parameters: ${md(formatParameters(ch.parameters))})` : ''}:`);
      line();
      line(fence(ch.statement, 'sql'));
    } else {
      line('- Changed by hand by the engineer; the app ran no statement.');
    }
  }
  if (a.restart.length) {
    line();
    line(`### ${md(a.restartService ?? 'Service')} restart`);
    line();
    line('| Front-end server | Restarted | When |');
    line('| --- | --- | --- |');
    for (const r of a.restart) line(`| ${cell(r.server)} | ${r.done ? 'yes' : '**no**'} | ${formatTime(r.at, r.done ? 'not recorded' : '—')} |`);
  }
  if (a.fixSteps.length) {
    line();
    line('### Steps of the fix');
    line();
    a.fixSteps.forEach((step, i) => {
      line(`${i + 1}. ${md(step.text)}${step.where ? ` (${md(step.where)})` : ''}`);
      if (step.code) {
        line();
        line(fence(step.code.text, step.code.language.toLowerCase()));
      }
    });
  }
  if (a.undo) {
    line();
    line('### Undo');
    line();
    line(md(a.undo));
  }
  line();

  line('## Verification');
  line();
  const v = model.verification;
  if (!o.criteria.length && !v) line('No verification was recorded.');
  else {
    if (v?.checkedAt) line(`Last checked ${formatTime(v.checkedAt)}.`);
    if (o.criteria.length) {
      line();
      line('| What must hold | Result | What was seen | Can pass from |');
      line('| --- | --- | --- | --- |');
      for (const c of o.criteria) line(`| ${cell(c.label)} | ${c.result} | ${cell(c.seen)} | ${c.until ? formatTime(c.until) : '—'} |`);
    }
  }
  line();

  if (o.followUps.length) {
    line('## Follow-ups');
    line();
    line('| What | Who | Not before |');
    line('| --- | --- | --- |');
    for (const f of o.followUps) line(`| ${cell(f.action)} | ${cell(f.owner)} | ${f.notBefore ? formatTime(f.notBefore) : '—'} |`);
    line();
  }

  if (model.appendix.evidence.length) {
    line('## What the platform database showed');
    line();
    line('Kept as evidence of where settings live on this platform.');
    line();
    for (const item of model.appendix.evidence) line(`- ${md(item.label)}: ${md(item.value)}`);
    line();
  }
  line('## Appendix A: session event log');
  line();
  if (!model.appendix.events.length) line('The session recorded no events.');
  else {
    line('| Time | Event |');
    line('| --- | --- |');
    for (const ev of model.appendix.events) line(`| ${formatTime(ev.at)} | ${cell(ev.message)} |`);
  }
  line();
  line('## Appendix B: sources of the guidance');
  line();
  for (const r of model.appendix.references) line(`- ${md(r.title)}${r.url ? ` <${markdownUrl(r.url)}>` : ''}`);
  line();
  const attachments = model.appendix.attachments ?? [];
  if (attachments.length) {
    line('## Appendix C: attachments');
    line();
    line('Files the customer sent, attached to the session. The images are shown in the PDF and HTML report; the files themselves are not in this text.');
    line();
    line('| File | Type | Size | Caption | Added |');
    line('| --- | --- | --- | --- | --- |');
    for (const a of attachments) {
      line(
        `| ${cell(a.fileName)} | ${cell(ATTACHMENT_TYPE_LABEL[a.type] ?? a.type)} | ${formatBytes(a.bytes)} | ${a.caption ? cell(a.caption) : 'none'} | ${formatTime(a.addedAt)}, ${cell(a.addedBy)} |`,
      );
    }
    line();
    for (const l of smtpChecksMarkdown(attachments)) line(l);
  }
  line(`_Generated ${formatTime(model.generatedAt)} · report format version ${model.reportVersion}_`);
  return `${out.join('\n')}\n`;
}

/** Escapes Markdown syntax in inline text and keeps it on one line (every line-break form, shared/report/escape.ts). */
export const md = escapeMarkdown;

/** A table cell: escaped, one line. */
function cell(text: string): string {
  return md(text);
}

/** A fenced code block whose fence is longer than any backtick run inside the text. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const bar = '`'.repeat(Math.max(3, longest + 1));
  return `${bar}${lang}\n${text}\n${bar}`;
}
