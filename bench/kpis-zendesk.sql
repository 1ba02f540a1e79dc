-- Reference SQL (DuckDB) for `teamkpi report ZENDESK_TICKETS --by agent --format json` on the
-- Zendesk Support legacy CSV export shape (kpi-and-formats.md A.1), as the zendesk preset reads
-- it (src/ingest/presets/zendesk.ts, src/ingest/ticket-mapper.ts):
-- - first response = `First reply time in minutes` (the export has no first-reply timestamp);
-- - resolution = `Solved at` − `Created at` (the export's minutes only when there is no solved time, and
--   then not for a ticket whose status says it is not solved);
-- - escalated = `Group stations` > 1; FCR one-touch from `Replies` and `Reopens`;
-- - `Satisfaction Score` is a response linked to its ticket: Good/Bad are ratings (CSAT % =
--   Good ÷ (Good + Bad), no mean), Offered is offered-but-unanswered, Not Offered is nothing.
-- Timestamps have no offset: wall time in the input zone (UTC here). Ids are unique in the
-- generated file; the QUALIFY keeps teamkpi's rule anyway: the latest update/solved time, and of
-- rows that tie on it the later one (`rn`, the row's place in the file: DuckDB keeps a CSV's row
-- order by default, so row_number() over the scan numbers the rows in file order).
-- The `tickets | …` placeholder: the export's columns the SQL reads, by their headers
-- (bench/duckdb-report.mjs reads them by name in any order, NULL when missing, with `rn`; the
-- dialect is RFC 4180).
WITH
t_raw AS (
  SELECT * FROM {{tickets |
    "Id" VARCHAR, "Assignee" VARCHAR, "Status" VARCHAR, "Created at" TIMESTAMP, "Updated at" TIMESTAMP,
    "Solved at" TIMESTAMP, "Satisfaction Score" VARCHAR, "Group stations" INTEGER, "Reopens" INTEGER,
    "Replies" INTEGER, "First reply time in minutes" DOUBLE, "Full resolution time in minutes" DOUBLE}}
),
t AS (
  SELECT
    coalesce("Assignee", '(none)') AS agent,
    (lower("Status") IN ('solved', 'resolved', 'done', 'completed', 'complete', 'fixed', 'closed', 'archived') OR "Solved at" IS NOT NULL) AS solved,
    ("First reply time in minutes" IS NULL AND coalesce("Replies", 0) <= 0) AS unreplied,
    "First reply time in minutes" AS frt_raw,
    CASE WHEN "Solved at" IS NOT NULL THEN (epoch_us("Solved at") - epoch_us("Created at")) / 60000000.0
         WHEN "Status" IS NULL OR lower("Status") IN ('solved', 'resolved', 'done', 'completed', 'complete', 'fixed', 'closed', 'archived') THEN "Full resolution time in minutes"
         END AS res_raw,
    "Replies" AS agent_replies,
    "Reopens" AS reopens,
    CASE WHEN "Group stations" IS NULL THEN NULL ELSE "Group stations" > 1 END AS escalated,
    "Satisfaction Score" AS score
  FROM t_raw
  QUALIFY row_number() OVER (PARTITION BY "Id" ORDER BY greatest(epoch_us("Updated at"), epoch_us("Solved at")) DESC NULLS LAST, epoch_us("Updated at") DESC NULLS LAST, rn DESC) = 1
)
SELECT
  agent,
  count(*) AS tickets,
  count(*) FILTER (solved) AS solved,
  count(*) - count(*) FILTER (solved) AS open,
  100.0 * count(*) FILTER (score = 'Good') / nullif(count(*) FILTER (score IN ('Good', 'Bad')), 0) AS csat_pct,
  count(*) FILTER (score IN ('Good', 'Bad')) AS csat_pct_n,
  NULL::DOUBLE AS csat_mean, 0 AS csat_mean_n,
  100.0 * count(*) FILTER (score IN ('Good', 'Bad')) / nullif(count(*) FILTER (score IN ('Good', 'Bad', 'Offered')), 0) AS csat_response_rate_pct,
  count(*) FILTER (score IN ('Good', 'Bad', 'Offered')) AS csat_response_rate_pct_n,
  NULL::DOUBLE AS nps, 0 AS nps_n,
  NULL::DOUBLE AS ces_mean, 0 AS ces_mean_n,
  100.0 * count(*) FILTER (solved AND agent_replies IS NOT NULL AND agent_replies <= 1 AND coalesce(reopens, 0) <= 0)
    / nullif(count(*) FILTER (solved AND agent_replies IS NOT NULL), 0) AS fcr_pct,
  count(*) FILTER (solved AND agent_replies IS NOT NULL) AS fcr_pct_n,
  100.0 * count(*) FILTER (solved AND reopens > 0) / nullif(count(*) FILTER (solved AND reopens IS NOT NULL), 0) AS reopen_rate_pct,
  count(*) FILTER (solved AND reopens IS NOT NULL) AS reopen_rate_pct_n,
  100.0 * count(*) FILTER (escalated) / nullif(count(escalated), 0) AS escalation_rate_pct,
  count(escalated) AS escalation_rate_pct_n,
  quantile_cont(frt_raw, 0.5) FILTER (frt_raw >= 0) AS frt_median_minutes, count(*) FILTER (frt_raw >= 0) AS frt_median_minutes_n,
  quantile_cont(frt_raw, 0.9) FILTER (frt_raw >= 0) AS frt_p90_minutes, count(*) FILTER (frt_raw >= 0) AS frt_p90_minutes_n,
  avg(frt_raw) FILTER (frt_raw >= 0) AS frt_mean_minutes, count(*) FILTER (frt_raw >= 0) AS frt_mean_minutes_n,
  quantile_cont(res_raw, 0.5) FILTER (res_raw >= 0) AS resolution_median_minutes, count(*) FILTER (res_raw >= 0) AS resolution_median_minutes_n,
  quantile_cont(res_raw, 0.9) FILTER (res_raw >= 0) AS resolution_p90_minutes, count(*) FILTER (res_raw >= 0) AS resolution_p90_minutes_n,
  avg(res_raw) FILTER (res_raw >= 0) AS resolution_mean_minutes, count(*) FILTER (res_raw >= 0) AS resolution_mean_minutes_n,
  avg(agent_replies) FILTER (solved AND agent_replies IS NOT NULL) AS replies_mean,
  count(*) FILTER (solved AND agent_replies IS NOT NULL) AS replies_mean_n,
  count(*) FILTER (unreplied) AS unreplied,
  count(*) FILTER (score IN ('Good', 'Bad', 'Offered')) AS surveys_matched,
  0 AS surveys_orphaned
FROM t
GROUP BY GROUPING SETS ((agent), ())
ORDER BY agent NULLS FIRST
