package dev.visage.ingest.domain;

import java.util.Optional;

/**
 * The pipeline's read of a tenant's recogniser: it locks the tenant's model row (FOR SHARE) so that a
 * re-index switching the tenant to another model waits until the faces being embedded now are committed.
 */
public interface TenantModelLock {

    /** The tenant's model (name@version) for the rest of this transaction; empty: the configured one. */
    Optional<String> lockModel(String tenantId);
}
