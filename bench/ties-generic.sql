-- Run once per data set by bench/run.mjs, untimed, before timing DuckDB:
-- - `ties`: the ties the reference SQL has to break by row order: duplicate ticket ids with the
--   same rank (the later of updated and solved time, then the updated time; no time counting as
--   equal), and responses to one ticket at the same responded_at. None: the timed runs number no
--   rows (their ORDER BYs are total without it, and the window that numbers the rows costs DuckDB
--   time); some: every run numbers them, so ties go to the later row.
-- - `latest_us`: the latest instant in the files (microseconds since 1970). teamkpi drops a date
--   more than a year after its clock (`--now`) as implausible, a rule this SQL does not have; the
--   harness sets the clock no earlier than this, so no date of the data is dropped.
-- - `padded`: text cells the reference SQL reads that have whitespace around them, or are only
--   whitespace (run with `--trim off`, so the cells are as the file has them). None: the timed
--   runs read text cells as they are (`--trim off`); some: every run trims them, as teamkpi does.
WITH
tk AS (SELECT * FROM {{tickets | ticket_id VARCHAR, created_at TIMESTAMPTZ, first_response_at TIMESTAMPTZ, solved_at TIMESTAMPTZ, updated_at TIMESTAMPTZ, agent VARCHAR, team VARCHAR, status VARCHAR}}),
sv AS (SELECT * FROM {{surveys | ticket_id VARCHAR, responded_at TIMESTAMPTZ, agent VARCHAR, team VARCHAR, kind VARCHAR}})
SELECT
  (SELECT count(*) FROM (
    SELECT 1 FROM tk
    GROUP BY ticket_id, greatest(epoch_us(updated_at), epoch_us(solved_at)), epoch_us(updated_at) HAVING count(*) > 1))
  + (SELECT count(*) FROM (
    SELECT 1 FROM sv
    WHERE ticket_id IS NOT NULL GROUP BY ticket_id, responded_at HAVING count(*) > 1)) AS ties,
  greatest(
    (SELECT max(greatest(epoch_us(created_at), epoch_us(first_response_at), epoch_us(solved_at), epoch_us(updated_at))) FROM tk),
    (SELECT max(epoch_us(responded_at)) FROM sv)) AS latest_us,
  (SELECT count(*) FILTER (ticket_id IS DISTINCT FROM teamkpi_text(ticket_id)) + count(*) FILTER (agent IS DISTINCT FROM teamkpi_text(agent))
    + count(*) FILTER (team IS DISTINCT FROM teamkpi_text(team)) + count(*) FILTER (status IS DISTINCT FROM teamkpi_text(status)) FROM tk)
  + (SELECT count(*) FILTER (ticket_id IS DISTINCT FROM teamkpi_text(ticket_id)) + count(*) FILTER (agent IS DISTINCT FROM teamkpi_text(agent))
    + count(*) FILTER (team IS DISTINCT FROM teamkpi_text(team)) + count(*) FILTER (kind IS DISTINCT FROM teamkpi_text(kind)) FROM sv) AS padded
