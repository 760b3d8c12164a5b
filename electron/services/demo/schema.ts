/**
 * Tables of the embedded demo platform database, shaped like an OutSystems 11 platform database
 * (domain.md section 3). Where the real layout is unknown ("Send Emails" per server, zones, the email
 * status table) the demo picks one plausible layout that the probes discover by introspection, as
 * they would on a real server; a seed can leave those parts out so the probes report "unknown".
 */
/**
 * 2: times are database-local wall-clock text and DEMO_CLOCK holds the demo's offset.
 * 3: DEMO_CLOCK also holds an IANA zone (ZONE, NULL = a fixed offset): its daylight-saving rules apply.
 */
export const DEMO_SCHEMA_VERSION = 3;

/** Brings a version-2 demo to version 3 without reseeding it. */
export const DEMO_MIGRATIONS: Record<number, string[]> = { 2: ['ALTER TABLE DEMO_CLOCK ADD COLUMN ZONE TEXT'] };

export interface DemoLayout {
  /** OSSYS_SERVER has a SEND_EMAILS column. */
  sendEmailsColumn: boolean;
  /** OSSYS_ZONE and OSSYS_ZONE_SERVER exist. */
  zones: boolean;
  /** OSSYS_EMAIL_STATUS (the Email_Status entity) exists. */
  emailStatus: boolean;
  /** OSSYS_EMAIL has recipient columns ("TO", CC, BCC); default true. Their real names are not documented. */
  recipientColumns?: boolean;
  /**
   * How OSSYS_EMAIL_STATUS points at its email: an EMAIL_ID column (default), or its own ID being
   * the email's Id (domain.md 4d: which one a platform has is not documented).
   */
  statusKey?: 'EMAIL_ID' | 'ID';
}

export function schemaStatements(layout: DemoLayout): string[] {
  const logTable = (name: string) => [
    `CREATE TABLE ${name} (
      ID INTEGER PRIMARY KEY, INSTANT TEXT NOT NULL, SESSION_ID TEXT, MESSAGE TEXT, STACK TEXT,
      MODULE_NAME TEXT, SERVER TEXT, ESPACE_NAME TEXT, APPLICATION_NAME TEXT, TENANT_ID INTEGER)`,
    // The log is write-optimised and has few indexes; INSTANT is the one every bounded query needs.
    `CREATE INDEX IDX_${name}_INSTANT ON ${name} (INSTANT)`,
  ];
  return [
    // The demo's time zone: every time below is local wall-clock text in it, like INSTANT on a real
    // platform database (domain.md 4a). Not a platform table; the probes' clock query reads it.
    `CREATE TABLE DEMO_CLOCK (UTC_OFFSET_MINUTES INTEGER NOT NULL, ZONE TEXT)`,
    // Which playbook's incident the demo holds (DemoScenario): what "the fix took effect" simulates.
    `CREATE TABLE DEMO_SCENARIO (NAME TEXT NOT NULL)`,
    `CREATE TABLE OSSYS_PARAMETER (ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL, VAL TEXT, HOST TEXT, HOST_SERIAL TEXT)`,
    `CREATE TABLE OSSYS_SERVER (ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL, IP_ADDRESS TEXT, IS_ACTIVE INTEGER NOT NULL${
      layout.sendEmailsColumn ? ', SEND_EMAILS INTEGER NOT NULL DEFAULT 1' : ''
    })`,
    ...(layout.zones
      ? [
          `CREATE TABLE OSSYS_ZONE (ID INTEGER PRIMARY KEY, NAME TEXT NOT NULL, IS_ACTIVE INTEGER NOT NULL DEFAULT 1)`,
          `CREATE TABLE OSSYS_ZONE_SERVER (ID INTEGER PRIMARY KEY, ZONE_ID INTEGER NOT NULL, SERVER_ID INTEGER NOT NULL)`,
        ]
      : []),
    // Recipients as address lists separated by ";" or ",", like the platform's To/Cc/Bcc.
    `CREATE TABLE OSSYS_EMAIL (ID INTEGER PRIMARY KEY, SUBJECT TEXT, CREATED TEXT, SENDER TEXT${layout.recipientColumns === false ? '' : ', "TO" TEXT, CC TEXT, BCC TEXT'})`,
    ...(layout.emailStatus
      ? [
          `CREATE TABLE OSSYS_EMAIL_STATUS (ID INTEGER PRIMARY KEY,${layout.statusKey === 'ID' ? '' : ' EMAIL_ID INTEGER NOT NULL,'} ERROR_COUNT INTEGER NOT NULL DEFAULT 0,
            NEXT_RUN TEXT, SENT TEXT, LAST_ERROR_ID TEXT, IS_RUNNING_AT TEXT)`,
        ]
      : []),
    // Two of the rotating log tables and the current/previous week views over them (the demo does
    // not rotate: a seed puts each row in the cycle it belongs to and leaves out older ones).
    ...logTable('OSLOG_ERROR_0'),
    ...logTable('OSLOG_ERROR_1'),
    `CREATE VIEW OSLOG_ERROR AS SELECT * FROM OSLOG_ERROR_0`,
    `CREATE VIEW OSLOG_ERROR_PREVIOUS AS SELECT * FROM OSLOG_ERROR_1`,
  ];
}

/** OutSystems stores "no date" as 1900-01-01; the demo does too, as local text like every time it keeps. */
export const NULL_DATE = '1900-01-01 00:00:00.000';
