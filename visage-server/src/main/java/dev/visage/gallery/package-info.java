/**
 * The {@code gallery} context. Owns: Search over the stored faces (pgvector HNSW), clusters of people and re-indexing to another recogniser: the gallery_* tables, face_embeddings and tenant_models.
 *
 * <p>May call: access, inference and ingest (StoredFaces, TenantEmbeddings), through their application packages; shared. Other contexts may use only its {@code application} package (services, DTO records,
 * ports); {@code domain}, {@code infrastructure}, {@code interfaces} and {@code application.internal} are its
 * own ({@code ArchitectureTest} enforces this, and that persistence stays in {@code infrastructure}).
 */
package dev.visage.gallery;
