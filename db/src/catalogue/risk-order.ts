// Risk levels as sortable numbers in SQL (Critical 4 .. Low 1, none 0), the same in indexes and queries.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/** The rank of a risk level column: Critical 4, High 3, Medium 2, Low 1, none 0 (riskRank + 1). */
export function riskRankSql(risk: AnyColumn | SQL): SQL<number> {
  return sql<number>`(case ${risk} when 'Critical' then 4 when 'High' then 3 when 'Medium' then 2 when 'Low' then 1 else 0 end)`;
}

/** The rank of a category column in page order: Execute 3, Write 2, Read 1, none 0. */
export function categoryRankSql(category: AnyColumn | SQL): SQL<number> {
  return sql<number>`(case ${category} when 'Execute' then 3 when 'Write' then 2 when 'Read' then 1 else 0 end)`;
}
