-- Batches (issue 6) load photo libraries into groups (an event, a project). The same photo may
-- belong to two groups, and each group is its own gallery: a face row is unique per
-- (tenant, group, image sha256, face index), a NULL group (queue ingest) counting as one group.
-- A redelivered message or a resumed batch still cannot add a second set of rows.
ALTER TABLE faces DROP CONSTRAINT faces_tenant_id_image_sha256_face_index_key;
ALTER TABLE faces ADD CONSTRAINT faces_tenant_group_image_face_key
    UNIQUE NULLS NOT DISTINCT (tenant_id, group_id, image_sha256, face_index);
-- The unique index starts with (tenant_id, group_id): the separate index is redundant.
DROP INDEX faces_tenant_group_idx;
-- Where a digest or ZIP batch found the image (a file path, an S3 key, a ZIP entry name).
ALTER TABLE faces ADD COLUMN image_path varchar(4096);
-- A digest reads images from a local folder: they are not objects in the store.
ALTER TABLE ingested_images ALTER COLUMN bucket DROP NOT NULL, ALTER COLUMN object_key DROP NOT NULL;
