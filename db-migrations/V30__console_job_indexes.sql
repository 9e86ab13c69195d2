-- Admin console (console context) reads over image_jobs of every tenant:
-- the job list is newest first across tenants, the throughput chart counts jobs finished per minute.
CREATE INDEX image_jobs_created_idx ON image_jobs (created_at DESC);
CREATE INDEX image_jobs_finished_idx ON image_jobs (finished_at) WHERE finished_at IS NOT NULL;
