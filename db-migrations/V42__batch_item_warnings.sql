-- Decoder warnings of a finished batch item (a truncated JPEG is processed with
-- "truncated: premature end of JPEG file"), see docs/pipeline.md.
ALTER TABLE batch_items ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';
