-- Decoder warnings of an image job: damage the decoder recovered from (a truncated JPEG is
-- decoded with "truncated: premature end of JPEG file"), see docs/pipeline.md.
ALTER TABLE image_jobs ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';
