import type { EngineSql } from './engine-sql';

/** Every row of one parameter, global (HOST empty) first. `name` is the lower-cased parameter name. */
export const readParameterSql: EngineSql = {
  sqlserver: `SELECT TOP (@cap) NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) = @name ORDER BY HOST`,
  oracle: `SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name ORDER BY HOST NULLS FIRST FETCH FIRST :cap ROWS ONLY`,
  demo: `SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name ORDER BY HOST NULLS FIRST LIMIT :cap`,
};
