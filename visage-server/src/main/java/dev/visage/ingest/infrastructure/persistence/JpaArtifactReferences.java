package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.domain.ArtifactReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashSet;
import java.util.Set;

/** The key columns of ingested_images, faces and image_jobs. */
@ApplicationScoped
public class JpaArtifactReferences implements ArtifactReferences {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public Set<String> rawKeys(String rawBucket) {
        return keys(em.createNativeQuery("SELECT object_key FROM ingested_images WHERE bucket = ?1"
                + " UNION SELECT source_key FROM image_jobs WHERE source_bucket = ?1").setParameter(1, rawBucket));
    }

    @Override
    public Set<String> cropKeys() {
        return keys(em.createNativeQuery("SELECT crop_key FROM faces WHERE crop_key IS NOT NULL"));
    }

    @Override
    public Set<String> thumbKeys() {
        return keys(em.createNativeQuery("SELECT thumb_key FROM faces WHERE thumb_key IS NOT NULL"));
    }

    @Override
    public Set<String> metadataKeys() {
        return keys(em.createNativeQuery("SELECT metadata_key FROM ingested_images WHERE metadata_key IS NOT NULL"));
    }

    private static Set<String> keys(Query query) {
        Set<String> out = new HashSet<>();
        for (Object k : query.getResultList()) {
            if (k != null) {
                out.add(k.toString());
            }
        }
        return out;
    }
}
