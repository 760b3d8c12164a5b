/**
 * Example error texts the matchers are checked against, as they reach an OutSystems error log
 * (domain.md 1 and 4b; the same texts as the labelled samples the tests read). Ids and hostnames
 * are made up.
 */

export const CONCURRENCY_TEXTS = [
  'Error sending email 48213: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=AM9PR04MB1234.eurprd04.prod.outlook.com]',
  'Error sending email 7: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information',
  'Mailbox unavailable. The server response was: 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=DB7PR02MB5555.eurprd02.prod.outlook.com]',
  '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=BN8PR12MB3333.namprd12.prod.outlook.com]',
  'error sending email 99120: 432 4.3.2 concurrent connection limit exceeded',
  'System.Net.Mail.SmtpException: CONCURRENT  CONNECTIONS   LIMIT EXCEEDED',
  'MailKit.Net.Smtp.SmtpCommandException: 432 4.3.2 Sender Thread Limit Exceeded',
] as const;

export const SMTP_AUTH_TEXTS = {
  tenantDisabled: [
    'Error sending email 6001: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    'Mailbox unavailable. The server response was: 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
    'MailKit.Security.AuthenticationException: 535: 5.7.139 AUTHENTICATION UNSUCCESSFUL, SMTPCLIENTAUTHENTICATION IS DISABLED FOR THE TENANT.',
  ],
  mailboxDisabled: [
    'Error sending email 6003: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.',
    'MailKit.Net.Smtp.SmtpCommandException: 5.7.139 Authentication unsuccessful, smtpclientauthentication is disabled for the mailbox',
  ],
  securityDefaults: [
    "Error sending email 6004: 535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
    'Mailbox unavailable. The server response was: 5.7.139 Authentication unsuccessful, user is locked by your organization’s Security Defaults policy.',
  ],
  /** 535 5.7.139 with a reason that is not one of the three above (domain.md 4d): each its own form. */
  credentialsIncorrect: [
    'Error sending email 6011: 535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [SN4PR0501CA0002.namprd05.prod.outlook.com]',
    'MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful, the user credentials were incorrect.',
  ],
  basicDisabled: [
    'Error sending email 6012: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BN9PR03CA0003.namprd03.prod.outlook.com]',
    'Mailbox unavailable. The server response was: 5.7.139 Authentication unsuccessful, Basic Authentication is disabled.',
  ],
  criteriaNotMet: [
    'Error sending email 6013: 535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [AM6P193CA0004.EURP193.PROD.OUTLOOK.COM]',
    'MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
  ],
  /** A bare 535 5.7.139: Exchange Online gave no reason. */
  reasonNotGiven: [
    'Error sending email 6010: 535 5.7.139 Authentication unsuccessful',
    'MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful [DB8PR06CA0005.eurprd06.prod.outlook.com]',
  ],
  basicRetired: [
    'Error sending email 6005: 550 5.7.30 Basic authentication is not supported for Client Submission.',
    'Mailbox unavailable. The server response was: 5.7.30 Basic authentication is not supported for Client Submission.',
    'MailKit.Net.Smtp.SmtpCommandException: BASIC AUTHENTICATION IS NOT SUPPORTED FOR CLIENT SUBMISSION',
  ],
  badCredentials: [
    'Error sending email 6002: 535 5.7.3 Authentication unsuccessful [DM6PR11CA0001.namprd11.prod.outlook.com]',
    'Mailbox unavailable. The server response was: 5.7.3 Authentication unsuccessful',
    'MailKit.Security.AuthenticationException: 535: 5.7.3 Authentication Unsuccessful',
  ],
  notAuthenticated: [
    'Error sending email 6007: 530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM [SN4PR0501CA0001.namprd05.prod.outlook.com]',
    'The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail.',
    'MailKit.Net.Smtp.SmtpCommandException: 530 5.7.57 CLIENT NOT AUTHENTICATED TO SEND MAIL',
  ],
  /** 530 5.7.57 that carries a bare 535 5.7.139 answer: both matchers accept it, the 5.7.139 one is counted. */
  notAuthenticatedWith5139: ['Error sending email 6006: 530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful'],
} as const;

/** The daily recipient quota of one mailbox (554 5.2.0, NDR 5.1.90). */
export const QUOTA_MAILBOX_TEXTS = [
  'Error sending email 5512: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Message submission quota exceeded.[EndDiagnosticData]',
  "Error sending email 5513: The message can't be submitted because the sender's submission quota was exceeded.",
  'Mailbox unavailable. The server response was: 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception',
  'MailKit.Net.Smtp.SmtpCommandException: 554 5.2.0 storedrv.submission.exception:submissionquotaexceededexception',
  "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients.",
] as const;

/**
 * The tenant external recipient rate limit, TERRL (domain.md 4d): 5.7.233, or 5.7.232 for a trial
 * tenant. Tenant-wide, not per mailbox.
 */
export const QUOTA_TENANT_TEXTS = [
  "Error sending email 5601: 550 5.7.233 Your message can't be sent because your tenant exceeded its daily limit for sending email to external recipients (TERRL).",
  "Mailbox unavailable. The server response was: 5.7.232 Your message can't be sent because your trial tenant has exceeded its daily limit for sending email to external recipients.",
  'MailKit.Net.Smtp.SmtpCommandException: 550 5.7.233 YOUR TENANT EXCEEDED ITS DAILY LIMIT FOR SENDING EMAIL TO EXTERNAL RECIPIENTS',
] as const;

export const QUOTA_TEXTS = [...QUOTA_MAILBOX_TEXTS, ...QUOTA_TENANT_TEXTS] as const;

/**
 * Send As denied (domain.md 4e): the From address is not the mailbox the platform logs in as. 5.7.60
 * at MAIL FROM, 554 5.2.252 SendAsDenied after DATA, and when it goes on, the mailbox throttled.
 */
export const SEND_AS_TEXTS = {
  noPermission: [
    'Error sending email 7001: 550 5.7.60 SMTP; Client does not have permissions to send as this sender [AM0PR02MB1111.eurprd02.prod.outlook.com]',
    'Mailbox unavailable. The server response was: 5.7.60 SMTP; Client does not have permissions to send as this sender',
    'MailKit.Net.Smtp.SmtpCommandException: CLIENT DOES NOT HAVE PERMISSIONS TO SEND AS THIS SENDER',
  ],
  sendAsDenied: [
    'Error sending email 7002: 554 5.2.252 SendAsDenied; noreply@fabrikam.com not allowed to send as alerts@fabrikam.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.',
    'Mailbox unavailable. The server response was: 5.2.252 SendAsDenied; svc-outsystems@fabrikam.com not allowed to send as hr@fabrikam.com',
  ],
  throttled: [
    'Error sending email 6200: 550 5.2.252 Sender throttled due to continuous send as denied errors.',
    'MailKit.Net.Smtp.SmtpCommandException: 550 5.2.252 SENDER THROTTLED DUE TO CONTINUOUS SEND AS DENIED ERRORS',
  ],
} as const;

/**
 * SMTP connection and TLS (domain.md 4e): the platform cannot talk to the server at all, or not
 * securely. The .NET texts count only with an email or SMTP word on the line: the same words come
 * from REST and SOAP calls, which are no email problem.
 */
export const SMTP_CONNECTION_TEXTS = {
  tlsLegacy: [
    'Error sending email 7101: 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls. [DB8PR09CA0001.eurprd09.prod.outlook.com]',
    'Mailbox unavailable. The server response was: 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.',
  ],
  starttlsRequired: [
    'Error sending email 7102: 451 5.7.3 STARTTLS is required to send mail [AM4PR07CA0002.eurprd07.prod.outlook.com]',
    'MailKit.Net.Smtp.SmtpCommandException: STARTTLS IS REQUIRED TO SEND MAIL',
  ],
  socketError: [
    'Error sending email 7103: 421 4.4.2 Connection dropped due to SocketError',
    'Mailbox unavailable. The server response was: 4.4.2 Connection dropped due to SocketError',
  ],
  authMechanism: [
    'Error sending email 7104: 504 5.7.4 Unrecognized authentication type [BN6PR11CA0003.namprd11.prod.outlook.com]',
    'MailKit.Net.Smtp.SmtpCommandException: 504 5.7.4 UNRECOGNIZED AUTHENTICATION TYPE',
  ],
  certificate: [
    'Error sending email 7105: The remote certificate is invalid according to the validation procedure.',
    'System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch',
  ],
  transportClosed: [
    'Error sending email 7106: Authentication failed because the remote party has closed the transport stream.',
    'System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Authentication failed because the remote party has closed the transport stream.',
  ],
  unreachable: [
    'Error sending email 6400: Unable to connect to the remote server',
    'System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 52.97.1.1:587',
    'Error sending email 7107: No such host is known',
  ],
  timeout: ['Error sending email 7108: The operation has timed out.', 'System.Net.Mail.SmtpException: The operation has timed out.'],
} as const;

const flat = (groups: Record<string, readonly string[]>): string[] => Object.values(groups).flat();
export const SEND_AS_ALL: readonly string[] = flat(SEND_AS_TEXTS);
export const SMTP_CONNECTION_ALL: readonly string[] = flat(SMTP_CONNECTION_TEXTS);

/** Texts of no playbook, look-alikes included (the same words outside email among them). */
export const NO_PLAYBOOK_TEXTS = [
  'Error sending email 6100: 554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
  'Error sending email 6300: 421 4.7.0 Temporary server error. Please try again later',
  'Error sending email 6301: 421 4.3.2 Service not available, closing transmission channel',
  'Error sending email 6302: 451 4.7.500 Server busy. Please try again later. [AS8PR04CA0000.eurprd04.prod.outlook.com]',
  'Error sending email 6303: 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.',
  'Error creating Email. The operation has timed out',
  'Error executing request https://api.fabrikam.com/orders: Unable to connect to the remote server',
  'The remote certificate is invalid according to the validation procedure. (REST method GetOrders)',
  "Timer 'SendDailyDigest' took more than 20 minutes to execute and was aborted",
  'Error sending email 14324.3.2 retry',
  'Order 432 version 4.3.21 shipped',
  'Connected to MySQL 5.7.30 and 5.7.57; release 5.1.90',
  'Build 5.7.600 and 4.7.660 and 5.2.2520 deployed',
] as const;

/**
 * Texts the 432, SMTP authentication and quota matchers must not accept: no playbook's, and the
 * Send As and SMTP connection playbooks' (their own matchers read their groups).
 */
export const OTHER_TEXTS: readonly string[] = [...NO_PLAYBOOK_TEXTS, ...SEND_AS_ALL, ...SMTP_CONNECTION_ALL];
