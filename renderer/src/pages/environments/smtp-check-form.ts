import type { SmtpCheckRequestInput, SmtpTlsMode } from '../../../../shared/smtp-check/request';
import type { SmtpCheckResult, SmtpStageResult } from '../../../../shared/smtp-check/result';

/**
 * The SMTP check form as the page keeps it, and the request it makes. Pure, so what is sent is
 * tested without a browser. The secret lives in the form only until the check starts.
 */
export interface SmtpCheckDraft {
  host: string;
  port: string;
  tls: SmtpTlsMode;
  signIn: boolean;
  user: string;
  method: 'password' | 'xoauth2';
  secret: string;
  tryEnvelope: boolean;
  from: string;
  to: string;
  send: boolean;
  measure: boolean;
  connections: string;
  consent: boolean;
  trustedCaPem: string;
}

export const DEFAULT_SMTP_DRAFT: SmtpCheckDraft = {
  host: 'smtp.office365.com',
  port: '587',
  tls: 'starttls',
  signIn: false,
  user: '',
  method: 'password',
  secret: '',
  tryEnvelope: false,
  from: '',
  to: '',
  send: false,
  measure: false,
  connections: '4',
  consent: false,
  trustedCaPem: '',
};

/** What the form asks for, as the API takes it (the back end validates and names a wrong field). */
export function smtpCheckRequestOf(d: SmtpCheckDraft): SmtpCheckRequestInput {
  const wantsEnvelope = d.tryEnvelope || d.measure;
  return {
    host: d.host.trim(),
    port: Number(d.port.trim() || NaN),
    tls: d.tls,
    ...(d.signIn || d.measure
      ? {
          login: d.method === 'xoauth2' ? { method: 'xoauth2', user: d.user, accessToken: d.secret } : { method: 'password', user: d.user, password: d.secret },
        }
      : {}),
    ...(wantsEnvelope ? { envelope: { from: d.from, to: d.to, send: d.send } } : {}),
    ...(d.measure ? { concurrency: { connections: Number(d.connections), consent: d.consent as true } } : {}),
    ...(d.trustedCaPem.trim() ? { trustedCaPem: d.trustedCaPem } : {}),
  };
}

/** The failed stage whose server reply a session can start from (the text the playbooks recognise). */
export function refusedReply(result: SmtpCheckResult): SmtpStageResult | null {
  return result.stages.find((s) => s.status === 'failed' && s.reply) ?? null;
}

/** The file name of the check's JSON, for the session's attachments. */
export function smtpCheckFileName(result: SmtpCheckResult): string {
  return `smtp-check-${result.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${result.startedAt.replace(/[:.]/g, '-')}.json`;
}
