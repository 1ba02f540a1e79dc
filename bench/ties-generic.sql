-- Ties the reference SQL has to break by row order (bench/run.mjs runs this once, untimed, before
-- timing DuckDB): duplicate ticket ids with the same rank (the later of updated and solved time,
-- then the updated time; no time counting as equal), and responses to one ticket at the same responded_at. None: the
-- timed runs number no rows (their ORDER BYs are total without it, and the window that numbers
-- the rows costs DuckDB time); some: every run numbers them, so ties go to the later row.
SELECT
  (SELECT count(*) FROM (
    SELECT 1 FROM {{tickets | ticket_id VARCHAR, solved_at TIMESTAMPTZ, updated_at TIMESTAMPTZ}}
    GROUP BY ticket_id, greatest(epoch_ms(updated_at), epoch_ms(solved_at)), epoch_ms(updated_at) HAVING count(*) > 1))
  + (SELECT count(*) FROM (
    SELECT 1 FROM {{surveys | ticket_id VARCHAR, responded_at TIMESTAMPTZ}}
    WHERE ticket_id IS NOT NULL GROUP BY ticket_id, responded_at HAVING count(*) > 1)) AS ties
