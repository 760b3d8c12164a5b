/** The error texts the demo's log holds, as Exchange Online and the platform word them. */

/** Texts of the incident as Exchange Online words them (domain.md section 1). */
export const CONCURRENCY_MESSAGES = [
  'Error sending email {id}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=AM9PR04MB1234.eurprd04.prod.outlook.com]',
  'Error sending email {id}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information',
  'Error sending email {id}: 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=BN8PR12MB3333.namprd12.prod.outlook.com]',
];

/** Other errors a real log holds around the 432s, some of them SMTP errors the toolkit must not count. */
export const OTHER_MESSAGES = [
  'Error sending email {id}: 421 4.3.2 Service not available, closing transmission channel',
  'Error sending email {id}: 554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
  'Error sending email {id}: 421 4.7.0 Temporary server error. Please try again later',
  'Error sending email {id}: Unable to connect to the remote server',
  "Timer 'SendDailyDigest' took more than 20 minutes to execute and was aborted",
  'Object reference not set to an instance of an object.',
  'The operation has timed out',
  'Invalid Login: the user name or password is not correct',
];

/**
 * Texts of the SMTP authentication incident (domain.md 4b; shared/samples/smtp-errors-by-playbook.tsv):
 * SMTP AUTH disabled for the tenant, and Basic auth retired for client submission.
 */
export const SMTP_AUTH_TENANT_MESSAGE =
  'Error sending email {id}: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.';
export const SMTP_AUTH_BASIC_RETIRED_MESSAGE = 'Error sending email {id}: 550 5.7.30 Basic authentication is not supported for Client Submission.';

/** Texts of the daily recipient quota incident (domain.md 4b). */
export const QUOTA_MESSAGES = [
  'Error sending email {id}: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Message submission quota exceeded.[EndDiagnosticData]',
  "Error sending email {id}: The message can't be submitted because the sender's submission quota was exceeded.",
];

/** Texts of the Send As incident (domain.md 4e): the demo mailbox may not send as the default sender set since. */
export const SEND_AS_DENIED_MESSAGE =
  'Error sending email {id}: 554 5.2.252 SendAsDenied; noreply@contoso.com not allowed to send as alerts@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.';
export const SEND_AS_THROTTLED_MESSAGE = 'Error sending email {id}: 550 5.2.252 Sender throttled due to continuous send as denied errors.';

/** Texts of the SMTP connection and TLS incident (domain.md 4e): TLS 1.0/1.1 refused, the handshake closed. */
export const SMTP_TLS_LEGACY_MESSAGE =
  'Error sending email {id}: 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.';
export const SMTP_TRANSPORT_CLOSED_MESSAGE =
  'Error sending email {id}: System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Authentication failed because the remote party has closed the transport stream.';
