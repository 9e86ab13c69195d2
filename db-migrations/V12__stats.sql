-- Stats context: persisted counters and stage timings, global (scope '*') and per tenant.
CREATE TABLE stats_counters (
    scope varchar(64) NOT NULL,      -- '*' = global, else the tenant id
    name  varchar(64) NOT NULL,
    value bigint      NOT NULL,
    PRIMARY KEY (scope, name)
);

-- Timings as a histogram: bucket b holds samples in [B(b-1), B(b)) ms with
-- B(b) = 0.1 * 1.25^b; p95 is read from the cumulative bucket counts (<= 25 % error).
CREATE TABLE stats_timings (
    scope    varchar(64)      NOT NULL,
    stage    varchar(32)      NOT NULL,
    bucket   smallint         NOT NULL,
    count    bigint           NOT NULL,
    total_ms double precision NOT NULL,
    PRIMARY KEY (scope, stage, bucket)
);
