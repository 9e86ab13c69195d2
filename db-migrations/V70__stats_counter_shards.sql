-- Striped counters (CounterShards): every counter row becomes up to 16 rows, one per writer
-- shard, that readers add up. Existing values stay in shard 0. Adding a column with a constant
-- default rewrites nothing; the new primary keys are built over tables of a few thousand rows.
ALTER TABLE stats_counters ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE stats_counters DROP CONSTRAINT stats_counters_pkey, ADD PRIMARY KEY (scope, name, shard);

ALTER TABLE stats_timings ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE stats_timings DROP CONSTRAINT stats_timings_pkey, ADD PRIMARY KEY (scope, stage, bucket, shard);

ALTER TABLE stats_minutes ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE stats_minutes DROP CONSTRAINT stats_minutes_pkey, ADD PRIMARY KEY (minute, name, shard);
