-- Run once per data set by bench/run.mjs, untimed (see ties-generic.sql): `ties`, duplicate ids
-- with the same rank (the later of `Updated at` and `Solved at`, then `Updated at`; no time
-- counting as equal); `latest_us`, the latest instant in the file; `padded`, text cells the
-- reference SQL reads with whitespace around them.
WITH tk AS (SELECT * FROM {{tickets | "Id" VARCHAR, "Created at" TIMESTAMP, "Updated at" TIMESTAMP, "Solved at" TIMESTAMP, "Assignee" VARCHAR, "Status" VARCHAR, "Satisfaction Score" VARCHAR}})
SELECT
  (SELECT count(*) FROM (
    SELECT 1 FROM tk
    GROUP BY "Id", greatest(epoch_us("Updated at"), epoch_us("Solved at")), epoch_us("Updated at") HAVING count(*) > 1)) AS ties,
  (SELECT max(greatest(epoch_us("Created at"), epoch_us("Updated at"), epoch_us("Solved at"))) FROM tk) AS latest_us,
  (SELECT count(*) FILTER ("Id" IS DISTINCT FROM teamkpi_text("Id")) + count(*) FILTER ("Assignee" IS DISTINCT FROM teamkpi_text("Assignee"))
    + count(*) FILTER ("Status" IS DISTINCT FROM teamkpi_text("Status")) + count(*) FILTER ("Satisfaction Score" IS DISTINCT FROM teamkpi_text("Satisfaction Score")) FROM tk) AS padded
