package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.FacePipeline;
import dev.visage.ingest.application.GroupIngest;
import dev.visage.ingest.application.IngestMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;

/** Runs {@link DefaultFacePipeline} in group scope, then reads back the group's faces of the image. */
@ApplicationScoped
public class DefaultGroupIngest implements GroupIngest {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final DefaultFacePipeline pipeline;

    @Inject
    public DefaultGroupIngest(DefaultFacePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** For CDI proxies only. */
    protected DefaultGroupIngest() {
        this(null);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome ingest(GroupImage image) throws FacePipeline.PermanentFailure, FacePipeline.TransientFailure {
        IngestMessage message = new IngestMessage(null, image.bucket(), image.key(), image.tenantId(), image.site(),
                image.url(), null, null, image.groupId());
        FacePipeline.Result result = pipeline.process(message, image.content(),
                new DefaultFacePipeline.Scope(image.imagePath(), OptionalDouble.of(image.minConfidence()), false));
        // Rows inserted now and rows an earlier run (a redelivery, the same photo twice) left.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, face_index, det_score, bbox_x, bbox_y, bbox_w, bbox_h"
                        + " FROM faces WHERE tenant_id = ?1 AND group_id = ?2 AND image_sha256 = ?3 ORDER BY face_index")
                .setParameter(1, image.tenantId()).setParameter(2, image.groupId()).setParameter(3, result.imageSha256())
                .getResultList();
        List<StoredFace> faces = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            faces.add(new StoredFace((UUID) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).doubleValue(),
                    List.of(((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(),
                            ((Number) r[6]).doubleValue())));
        }
        return new Outcome(result.imageSha256(), result.facesDetected(), List.copyOf(faces), result.warnings());
    }
}
