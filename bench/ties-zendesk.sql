-- Ties the reference SQL has to break by row order (see ties-generic.sql): duplicate ids with the
-- same rank, the later of `Updated at` and `Solved at`, then `Updated at` (no time counting as equal).
SELECT count(*) AS ties FROM (
  SELECT 1 FROM {{tickets | "Id" VARCHAR, "Updated at" TIMESTAMP, "Solved at" TIMESTAMP}}
  GROUP BY "Id", greatest(epoch_ms("Updated at"), epoch_ms("Solved at")), epoch_ms("Updated at") HAVING count(*) > 1)
