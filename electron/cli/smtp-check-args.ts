import { parseArgs } from 'node:util';
import { SMTP_EXIT_CODE_WORDS } from '../../shared/smtp-check/outcome';
import { MAX_CONCURRENT_CONNECTIONS, SMTP_TLS_MODES } from '../../shared/smtp-check/request';

export const SMTP_CHECK_USAGE = `Usage:
  npm run -s smtp-check -- --host HOST [--port 587] [--user USER] [--tls starttls|implicit|none] [--json]

  --host HOST        the mail server as the platform has it (Service Center > Administration > Email)
  --port N           default 587 (465 with --tls implicit)
  --tls MODE         ${SMTP_TLS_MODES.join(', ')} (default starttls). A password is never sent on a
                     connection without TLS, unless --tls none says so (the output then warns).
  --user USER        sign in as this mailbox; the password is read from SMTP_CHECK_PASSWORD, or
                     asked for without echo. It is used for this check only: never printed or saved.
  --xoauth2          sign in with an OAuth 2.0 access token instead (SMTP_CHECK_TOKEN, or asked for)
  --from ADDRESS --to ADDRESS
                     try MAIL FROM and RCPT TO, then RSET: nothing is delivered
  --send             send one real test email from --from to --to
  --concurrency N    open N (2 to ${MAX_CONCURRENT_CONNECTIONS}) signed-in connections at once and send one test email
                     on each, to see where the server refuses (Exchange Online: 432 on the 4th);
                     needs --user, --from, --to and --yes-send-test-emails
  --yes-send-test-emails
                     agree that the concurrency measure sends N test emails to --to
  --ca FILE          also trust the certificate authorities in this PEM file
  --timeout MS       time-out of each stage (default: 10 to 60 s depending on the stage)
  --json             print the result as JSON (stages, replies, and for a refused reply the
                     playbook and form it matches): the file to attach to the support session

Exit codes:
${SMTP_EXIT_CODE_WORDS.map(([code, words]) => `  ${String(code).padStart(3)}  ${words}`).join('\n')}
`;

export function parseSmtpCheckArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      tls: { type: 'string' },
      user: { type: 'string' },
      xoauth2: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      send: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      'yes-send-test-emails': { type: 'boolean', default: false },
      ca: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

export type SmtpCheckArgs = ReturnType<typeof parseSmtpCheckArgs>;
