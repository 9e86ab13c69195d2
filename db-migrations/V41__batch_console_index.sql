-- Admin console (console context) lists batch jobs of every tenant, newest first.
CREATE INDEX batch_jobs_created_idx ON batch_jobs (created_at DESC);
