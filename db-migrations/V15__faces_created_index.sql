-- Ingest: the gallery's clustering sweep reads new faces of every tenant in (created_at, id) order.
CREATE INDEX faces_created_id_idx ON faces (created_at, id);
