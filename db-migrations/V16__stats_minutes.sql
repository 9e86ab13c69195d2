-- Stats context: the pipeline's counters per minute, all tenants together, for throughput
-- charts (images/s, faces/s). Written with the counters, in the same transaction; minutes
-- older than a day are purged (StatsMinutesExpiry).
CREATE TABLE stats_minutes (
    minute timestamptz NOT NULL,   -- start of the minute (UTC)
    name   varchar(64) NOT NULL,   -- a counter name of stats_counters
    value  bigint      NOT NULL,
    PRIMARY KEY (minute, name)
);
