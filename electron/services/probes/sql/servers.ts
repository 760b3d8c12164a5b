import { safeIdentifier, type EngineSql } from './engine-sql';

/** OSSYS_SERVER, with the discovered "Send Emails" column when there is one (from an allow-list). */
export function serversSql(sendEmailsColumn: string | null): EngineSql {
  const extra = sendEmailsColumn ? `, ${safeIdentifier(sendEmailsColumn)} AS SENDS_EMAIL` : '';
  return {
    sqlserver: `SELECT TOP (@cap) ID, NAME, IP_ADDRESS, IS_ACTIVE${extra} FROM OSSYS_SERVER ORDER BY NAME`,
    oracle: `SELECT ID, NAME, IP_ADDRESS, IS_ACTIVE${extra} FROM OSSYS_SERVER ORDER BY NAME FETCH FIRST :cap ROWS ONLY`,
    demo: `SELECT ID, NAME, IP_ADDRESS, IS_ACTIVE${extra} FROM OSSYS_SERVER ORDER BY NAME LIMIT :cap`,
  };
}

/** Zone of each server, when OSSYS_ZONE / OSSYS_ZONE_SERVER exist with these columns. */
export const serverZonesSql: EngineSql = {
  sqlserver: `SELECT TOP (@cap) zs.SERVER_ID, z.NAME FROM OSSYS_ZONE_SERVER zs JOIN OSSYS_ZONE z ON z.ID = zs.ZONE_ID ORDER BY z.NAME`,
  oracle: `SELECT zs.SERVER_ID, z.NAME FROM OSSYS_ZONE_SERVER zs JOIN OSSYS_ZONE z ON z.ID = zs.ZONE_ID ORDER BY z.NAME FETCH FIRST :cap ROWS ONLY`,
  demo: `SELECT zs.SERVER_ID, z.NAME FROM OSSYS_ZONE_SERVER zs JOIN OSSYS_ZONE z ON z.ID = zs.ZONE_ID ORDER BY z.NAME LIMIT :cap`,
};

/** Per-host parameter rows that may say whether a server sends email (names n0..n2, lower case). */
export const sendEmailsHostRowsSql: EngineSql = {
  sqlserver: `SELECT TOP (@cap) NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) IN (@n0, @n1, @n2) AND HOST IS NOT NULL AND HOST <> ''`,
  oracle: `SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) IN (:n0, :n1, :n2) AND HOST IS NOT NULL FETCH FIRST :cap ROWS ONLY`,
  demo: `SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) IN (:n0, :n1, :n2) AND HOST IS NOT NULL AND HOST <> '' LIMIT :cap`,
};

/**
 * Names (never values) of parameters about mail, email or SMTP, with their host: evidence of where
 * "Send Emails" and the mail settings live. `mail` = '%mail%' (covers email), `smtp` = '%smtp%'.
 */
export const mailParameterNamesSql: EngineSql = {
  sqlserver: `SELECT TOP (@cap) NAME, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) LIKE @mail OR LOWER(NAME) LIKE @smtp ORDER BY NAME, HOST`,
  oracle: `SELECT NAME, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) LIKE :mail OR LOWER(NAME) LIKE :smtp ORDER BY NAME, HOST FETCH FIRST :cap ROWS ONLY`,
  demo: `SELECT NAME, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) LIKE :mail OR LOWER(NAME) LIKE :smtp ORDER BY NAME, HOST LIMIT :cap`,
};
