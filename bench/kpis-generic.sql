-- Reference SQL (DuckDB) for `teamkpi report TICKETS SURVEYS --by agent --format json` on the
-- generic format, with the definitions of src/kpi/catalog.ts and the README:
-- tickets deduplicated by id (the row with the latest solved time wins), surveys reduced to the
-- latest answer per ticket and KPI (a rating beats a later "offered, unanswered"), joined to the
-- ticket, attributed to the survey's agent/team when named (each field separately) else the
-- ticket's, and exact medians / p90 with quantile_cont (R type 7).
-- The `tickets | …` and `surveys | …` placeholders are the files' columns the SQL reads, by
-- teamkpi's names: bench/duckdb-report.mjs reads them by header name, in any order (NULL when a
-- file lacks one), with `rn`, each row's place in its file.
-- One row per agent plus the overall row (agent IS NULL). Every KPI comes with its n.
--
-- What this SQL assumes about the data (true for bench/generate.mjs, checked by the harness
-- comparing against teamkpi): canonical statuses (any case), ISO timestamps that DuckDB reads
-- (durations from their microseconds: teamkpi keeps a fraction of a millisecond too), numbers and
-- flags with no spaces around them (DuckDB stops at ` 3 ` in a number column), dates after 1970
-- (teamkpi drops earlier ones), answers on their scales (an NPS of 11 is not dropped here, as
-- teamkpi drops it). The generic format's blank words (NA, N/A, NULL …) are NULL (DuckDB's
-- nullstr, duckdb-report.mjs --blank-words) and a ticket file's `id`, `resolved_at`, `assignee`,
-- `group` stand in for `ticket_id`, `solved_at`, `agent`, `team` as in teamkpi. Text cells
-- are trimmed as teamkpi trims them when the harness finds some that need it (duckdb-report.mjs,
-- `teamkpi_text`); dates more than a year after teamkpi's clock are not dropped here, so the
-- harness sets that clock no earlier than the data's latest instant (ties-generic.sql).
-- An `updated_at` column, when there is one, ranks duplicates with the solved time (the later of
-- the two, as teamkpi's rule says, a tie to the later updated_at); a `kind` column marks employee surveys. FCR uses the one-touch method because the data
-- has agent_replies and no fcr column, as teamkpi picks. Ties go to the later row, as in
-- teamkpi: duplicate ids that tie on their solved time (or have none) keep the later row, and of
-- a ticket's responses that tie on responded_at the later one wins. `rn` is a row's place in its
-- file: DuckDB keeps a CSV's row order by default, so row_number() over the scan numbers the
-- rows in file order (checked on 2M rows with 2 threads; it costs DuckDB no time here).
-- The CSV dialect is stated by duckdb-report.mjs (RFC 4180: `"` quotes a cell, `""` is a quote
-- inside one): DuckDB's sniffer guesses the escape character from the first rows, and with 10,000
-- agents those held no doubled quote, so it refused the file at the first `"Zoë ""Zed"" Müller"`.
WITH
t_raw AS (
  SELECT * FROM {{tickets |
    ticket_id VARCHAR, created_at TIMESTAMPTZ, first_response_at TIMESTAMPTZ, solved_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ, agent VARCHAR, team VARCHAR, status VARCHAR, agent_replies INTEGER,
    reopens INTEGER, escalated BOOLEAN}}
),
t AS (
  SELECT
    ticket_id,
    coalesce(agent, '(none)') AS agent,
    team,
    (lower(status) IN ('solved', 'resolved', 'done', 'completed', 'complete', 'fixed', 'closed', 'archived') OR solved_at IS NOT NULL) AS solved,
    (first_response_at IS NULL AND coalesce(agent_replies, 0) <= 0) AS unreplied,
    (epoch_us(first_response_at) - epoch_us(created_at)) / 60000000.0 AS frt_raw,
    (epoch_us(solved_at) - epoch_us(created_at)) / 60000000.0 AS res_raw,
    agent_replies,
    reopens,
    escalated
  FROM t_raw
  QUALIFY row_number() OVER (
    PARTITION BY ticket_id ORDER BY greatest(epoch_us(updated_at), epoch_us(solved_at)) DESC NULLS LAST, epoch_us(updated_at) DESC NULLS LAST, rn DESC) = 1
),
tk AS (
  SELECT
    agent,
    count(*) AS tickets,
    count(*) FILTER (solved) AS solved,
    count(*) FILTER (unreplied) AS unreplied,
    count(*) FILTER (solved AND agent_replies IS NOT NULL) AS fcr_n,
    count(*) FILTER (solved AND agent_replies IS NOT NULL AND agent_replies <= 1 AND coalesce(reopens, 0) <= 0) AS fcr_x,
    count(*) FILTER (solved AND reopens IS NOT NULL) AS reopen_n,
    count(*) FILTER (solved AND reopens > 0) AS reopen_x,
    count(escalated) AS esc_n,
    count(*) FILTER (escalated) AS esc_x,
    count(*) FILTER (solved AND agent_replies IS NOT NULL) AS replies_n,
    avg(agent_replies) FILTER (solved AND agent_replies IS NOT NULL) AS replies_mean,
    count(frt_raw) FILTER (frt_raw >= 0) AS frt_n,
    quantile_cont(frt_raw, 0.5) FILTER (frt_raw >= 0) AS frt_median,
    quantile_cont(frt_raw, 0.9) FILTER (frt_raw >= 0) AS frt_p90,
    avg(frt_raw) FILTER (frt_raw >= 0) AS frt_mean,
    count(res_raw) FILTER (res_raw >= 0) AS res_n,
    quantile_cont(res_raw, 0.5) FILTER (res_raw >= 0) AS res_median,
    quantile_cont(res_raw, 0.9) FILTER (res_raw >= 0) AS res_p90,
    avg(res_raw) FILTER (res_raw >= 0) AS res_mean
  FROM t
  GROUP BY GROUPING SETS ((agent), ())
),
s_raw AS (
  -- An employee survey (kind employee or enps) gives eNPS only, and keeps all of its answers.
  SELECT *, epoch_us(responded_at) AS r, coalesce(lower(trim(kind)) IN ('employee', 'enps'), false) AS employee
  FROM {{surveys |
    ticket_id VARCHAR, responded_at TIMESTAMPTZ, agent VARCHAR, team VARCHAR,
    csat INTEGER, nps INTEGER, ces INTEGER, csat_offered BOOLEAN, kind VARCHAR}}
),
scales AS (
  SELECT
    CASE WHEN max(csat) <= 5 THEN 5 WHEN max(csat) <= 7 THEN 7 ELSE 10 END AS csat_scale,
    CASE WHEN max(ces) IS NULL OR max(ces) > 5 THEN 7 ELSE 5 END AS ces_scale,
    bool_or(csat_offered IS NOT NULL) AS offered_known
  FROM s_raw
  WHERE NOT employee
),
-- The latest answer per ticket and KPI; responses without a ticket id, and employee surveys, keep
-- all their answers.
ranked AS (
  SELECT *,
    CASE WHEN ticket_id IS NULL OR employee THEN 1 ELSE row_number() OVER (
      PARTITION BY ticket_id, employee, (csat IS NOT NULL OR csat_offered IS TRUE)
      ORDER BY (csat IS NOT NULL) DESC, r DESC NULLS LAST, rn DESC) END AS csat_rank,
    CASE WHEN ticket_id IS NULL OR employee THEN 1 ELSE row_number() OVER (
      PARTITION BY ticket_id, employee, nps IS NOT NULL ORDER BY r DESC NULLS LAST, rn DESC) END AS nps_rank,
    CASE WHEN ticket_id IS NULL OR employee THEN 1 ELSE row_number() OVER (
      PARTITION BY ticket_id, employee, ces IS NOT NULL ORDER BY r DESC NULLS LAST, rn DESC) END AS ces_rank
  FROM s_raw
),
answers AS (
  SELECT
    ranked.*,
    (NOT employee AND csat_rank = 1 AND csat IS NOT NULL) AS use_csat,
    (NOT employee AND csat_rank = 1 AND csat IS NULL AND csat_offered IS TRUE) AS use_offered,
    (NOT employee AND nps_rank = 1 AND nps IS NOT NULL) AS use_nps,
    (NOT employee AND ces_rank = 1 AND ces IS NOT NULL) AS use_ces,
    (employee AND nps IS NOT NULL) AS use_enps
  FROM ranked
),
sv AS (
  SELECT
    coalesce(a.agent, t.agent, '(none)') AS agent,
    t.ticket_id IS NOT NULL AS matched,
    a.use_csat, a.use_offered, a.use_nps, a.use_ces, a.use_enps,
    a.csat, a.nps, a.ces,
    CASE sc.csat_scale WHEN 5 THEN a.csat >= 4 WHEN 7 THEN a.csat >= 6 ELSE a.csat >= 8 END AS satisfied,
    a.ces >= CASE sc.ces_scale WHEN 5 THEN 4 ELSE 5 END AS ces_agree
  FROM answers a
  CROSS JOIN scales sc
  LEFT JOIN t ON t.ticket_id = a.ticket_id
  -- A response that supplies no answer is not counted (teamkpi skips the row): among them an
  -- employee survey without an NPS answer, which gives eNPS only.
  WHERE a.use_csat OR a.use_offered OR a.use_nps OR a.use_ces OR a.use_enps
),
sk AS (
  SELECT
    agent,
    count(*) FILTER (matched) AS surveys_matched,
    count(*) FILTER (NOT matched) AS surveys_orphaned,
    count(*) FILTER (use_csat) AS csat_n,
    count(*) FILTER (use_csat AND satisfied) AS csat_x,
    avg(csat) FILTER (use_csat) AS csat_mean,
    count(*) FILTER (use_offered) AS csat_offered,
    count(*) FILTER (use_nps) AS nps_n,
    count(*) FILTER (use_nps AND nps >= 9) AS promoters,
    count(*) FILTER (use_nps AND nps <= 6) AS detractors,
    count(*) FILTER (use_enps) AS enps_n,
    count(*) FILTER (use_enps AND nps >= 9) AS enps_promoters,
    count(*) FILTER (use_enps AND nps <= 6) AS enps_detractors,
    count(*) FILTER (use_ces) AS ces_n,
    avg(ces) FILTER (use_ces) AS ces_mean,
    count(*) FILTER (use_ces AND ces_agree) AS ces_x
  FROM sv
  GROUP BY GROUPING SETS ((agent), ())
)
SELECT
  coalesce(tk.agent, sk.agent) AS agent,
  coalesce(tk.tickets, 0) AS tickets,
  coalesce(tk.solved, 0) AS solved,
  coalesce(tk.tickets, 0) - coalesce(tk.solved, 0) AS open,
  100.0 * sk.csat_x / nullif(sk.csat_n, 0) AS csat_pct, coalesce(sk.csat_n, 0) AS csat_pct_n,
  sk.csat_mean, coalesce(sk.csat_n, 0) AS csat_mean_n,
  CASE WHEN (SELECT offered_known FROM scales) THEN 100.0 * sk.csat_n / nullif(sk.csat_n + sk.csat_offered, 0) END AS csat_response_rate_pct,
  CASE WHEN (SELECT offered_known FROM scales) THEN coalesce(sk.csat_n + sk.csat_offered, 0) ELSE 0 END AS csat_response_rate_pct_n,
  100.0 * (sk.promoters - sk.detractors) / nullif(sk.nps_n, 0) AS nps, coalesce(sk.nps_n, 0) AS nps_n,
  100.0 * (sk.enps_promoters - sk.enps_detractors) / nullif(sk.enps_n, 0) AS enps, coalesce(sk.enps_n, 0) AS enps_n,
  sk.ces_mean, coalesce(sk.ces_n, 0) AS ces_mean_n,
  100.0 * sk.ces_x / nullif(sk.ces_n, 0) AS ces_agree_pct, coalesce(sk.ces_n, 0) AS ces_agree_pct_n,
  100.0 * tk.fcr_x / nullif(tk.fcr_n, 0) AS fcr_pct, coalesce(tk.fcr_n, 0) AS fcr_pct_n,
  100.0 * tk.reopen_x / nullif(tk.reopen_n, 0) AS reopen_rate_pct, coalesce(tk.reopen_n, 0) AS reopen_rate_pct_n,
  100.0 * tk.esc_x / nullif(tk.esc_n, 0) AS escalation_rate_pct, coalesce(tk.esc_n, 0) AS escalation_rate_pct_n,
  tk.frt_median AS frt_median_minutes, coalesce(tk.frt_n, 0) AS frt_median_minutes_n,
  tk.frt_p90 AS frt_p90_minutes, coalesce(tk.frt_n, 0) AS frt_p90_minutes_n,
  tk.frt_mean AS frt_mean_minutes, coalesce(tk.frt_n, 0) AS frt_mean_minutes_n,
  tk.res_median AS resolution_median_minutes, coalesce(tk.res_n, 0) AS resolution_median_minutes_n,
  tk.res_p90 AS resolution_p90_minutes, coalesce(tk.res_n, 0) AS resolution_p90_minutes_n,
  tk.res_mean AS resolution_mean_minutes, coalesce(tk.res_n, 0) AS resolution_mean_minutes_n,
  tk.replies_mean, coalesce(tk.replies_n, 0) AS replies_mean_n,
  coalesce(tk.unreplied, 0) AS unreplied,
  sk.surveys_matched, sk.surveys_orphaned
FROM tk FULL OUTER JOIN sk ON tk.agent IS NOT DISTINCT FROM sk.agent
ORDER BY agent NULLS FIRST
