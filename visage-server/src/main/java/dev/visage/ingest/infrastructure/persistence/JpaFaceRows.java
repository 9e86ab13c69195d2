package dev.visage.ingest.infrastructure.persistence;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.ingest.application.GroupIngest;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.domain.FaceRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** ingested_images and faces rows in native SQL: pgvector and jsonb columns have no JPA mapping. */
@ApplicationScoped
public class JpaFaceRows implements FaceRows {

    private static final String INSERT_IMAGE = "INSERT INTO ingested_images (tenant_id, image_sha256, bucket,"
            + " object_key, site, url, phash, message_phash, width, height, faces_detected, faces_stored,"
            + " faces_rejected, faces_dup_skipped, metadata_key, created_at, updated_at, warnings) VALUES (?1, ?2, ?3,"
            + " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, CAST(?17 AS jsonb))"
            + " ON CONFLICT (tenant_id, image_sha256) DO UPDATE SET updated_at = EXCLUDED.updated_at";

    private static final String INSERT_FACE = "INSERT INTO faces (id, tenant_id, site, url, image_sha256,"
            + " image_bucket, image_key, phash, phash_prefix, face_index, bbox_x, bbox_y, bbox_w, bbox_h, keypoints,"
            + " det_score, quality_score, quality_accepted, quality_reasons, yaw, roll, antispoof, age, gender,"
            + " model_name, model_version, embedding, dedup_key, crop_bucket, crop_key, thumb_key, created_at,"
            + " group_id, image_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
            + " CAST(?15 AS jsonb), ?16, ?17, ?18, CAST(?19 AS jsonb), ?20, ?21, ?22, ?23, ?24, ?25, ?26,"
            + " CAST(?27 AS vector), ?28, ?29, ?30, ?31, ?32, ?33, ?34)"
            + " ON CONFLICT (tenant_id, group_id, image_sha256, face_index) DO NOTHING";

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public void saveImage(Image image) {
        IngestMessage m = image.message();
        bind(em.createNativeQuery(INSERT_IMAGE), m.tenantId(), image.sha256(), m.bucket(), m.key(), m.site(), m.url(),
                image.phashHex(), m.imagePhash(), image.width(), image.height(), image.facesDetected(),
                image.facesStored(), image.facesRejected(), image.facesDupSkipped(), image.metadataKey(), image.at(),
                Json.createArrayBuilder(image.warnings()).build().toString())
                .executeUpdate();
    }

    @Override
    public void saveFace(Image image, Face row) {
        IngestMessage m = image.message();
        AnalyzedFace f = row.face();
        String[] model = nameVersion(row.model());
        bind(em.createNativeQuery(INSERT_FACE), UUID.randomUUID(), m.tenantId(), m.site(), m.url(), image.sha256(),
                m.bucket(), m.key(), image.phashHex(), image.phashHex().substring(0, 4), row.faceIndex(),
                (float) f.box().x(), (float) f.box().y(), (float) f.box().width(), (float) f.box().height(),
                keypoints(f), (float) f.score(), (float) f.quality().sharpness(), f.quality().accepted(),
                Json.createArrayBuilder(f.quality().reasons()).build().toString(), (float) f.quality().yaw(),
                (float) f.quality().roll(), Double.isNaN(f.antispoof()) ? null : (Float) (float) f.antispoof(),
                f.attributes() == null ? null : (Float) (float) f.attributes().age(),
                f.attributes() == null ? null : f.attributes().gender(), model[0], model[1],
                FaceSql.literal(f.embedding().vector()), row.dedupKey(), row.cropBucket(), row.cropKey(),
                row.thumbKey(), image.at(), m.groupId(), row.imagePath())
                .executeUpdate();
    }

    @Override
    public List<GroupIngest.StoredFace> groupFaces(String tenantId, String groupId, String sha256) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, face_index, det_score, bbox_x, bbox_y, bbox_w, bbox_h"
                        + " FROM faces WHERE tenant_id = ?1 AND group_id = ?2 AND image_sha256 = ?3 ORDER BY face_index")
                .setParameter(1, tenantId).setParameter(2, groupId).setParameter(3, sha256).getResultList();
        List<GroupIngest.StoredFace> faces = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            faces.add(new GroupIngest.StoredFace((UUID) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).doubleValue(),
                    List.of(((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(),
                            ((Number) r[6]).doubleValue())));
        }
        return faces;
    }

    /** Positional parameters ?1..?n in order. */
    private static Query bind(Query query, Object... values) {
        for (int i = 0; i < values.length; i++) {
            query.setParameter(i + 1, values[i]);
        }
        return query;
    }

    /** A model without a version (an older configuration) is stored as version "unknown". */
    private static String[] nameVersion(String model) {
        int at = model.indexOf('@');
        return at < 0 ? new String[] {model, "unknown"} : new String[] {model.substring(0, at), model.substring(at + 1)};
    }

    private static String keypoints(AnalyzedFace f) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        if (f.keypoints() != null) {
            f.keypoints().forEach(k -> a.add(Json.createObjectBuilder().add("name", k.name()).add("x", k.x()).add("y", k.y())));
        }
        return a.build().toString();
    }
}
