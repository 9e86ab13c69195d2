package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.domain.IngestedImage;
import dev.visage.ingest.domain.IngestedImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaIngestedImages implements IngestedImages {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public Optional<IngestedImage> find(String tenantId, String imageSha256) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT phash, faces_detected, faces_rejected, metadata_key,"
                        + " CAST(warnings AS text)"
                        + " FROM ingested_images WHERE tenant_id = ?1 AND image_sha256 = ?2")
                .setParameter(1, tenantId).setParameter(2, imageSha256).getResultList();
        return rows.stream().findFirst().map(r -> new IngestedImage(tenantId, imageSha256,
                Long.parseUnsignedLong(((String) r[0]).trim(), 16), ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(), (String) r[3], strings((String) r[4])));
    }

    @Override
    public void touch(String tenantId, String imageSha256, OffsetDateTime at) {
        em.createNativeQuery("UPDATE ingested_images SET updated_at = ?3 WHERE tenant_id = ?1 AND image_sha256 = ?2")
                .setParameter(1, tenantId).setParameter(2, imageSha256).setParameter(3, at).executeUpdate();
    }

    private static List<String> strings(String jsonArray) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonArray))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
