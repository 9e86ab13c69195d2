-- Ingest context: what the decoder recovered from when the image was first processed (e.g. a
-- truncated JPEG), so that a re-crawl answered from this row (no decode) reports it too.
ALTER TABLE ingested_images ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'::jsonb;
