package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.FacePipeline;
import dev.visage.ingest.application.GroupIngest;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.domain.FaceRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.OptionalDouble;

/** Runs {@link DefaultFacePipeline} in group scope, then reads back the group's faces of the image. */
@ApplicationScoped
public class DefaultGroupIngest implements GroupIngest {

    private final DefaultFacePipeline pipeline;
    private final FaceRows rows;

    @Inject
    public DefaultGroupIngest(DefaultFacePipeline pipeline, FaceRows rows) {
        this.pipeline = pipeline;
        this.rows = rows;
    }

    /** For CDI proxies only. */
    protected DefaultGroupIngest() {
        this(null, null);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome ingest(GroupImage image) throws FacePipeline.PermanentFailure, FacePipeline.TransientFailure {
        IngestMessage message = new IngestMessage(null, image.bucket(), image.key(), image.tenantId(), image.site(),
                image.url(), null, null, image.groupId());
        FacePipeline.Result result = pipeline.process(message, image.content(),
                new DefaultFacePipeline.Scope(image.imagePath(), OptionalDouble.of(image.minConfidence()), false));
        // Rows inserted now and rows an earlier run (a redelivery, the same photo twice) left.
        List<StoredFace> faces = rows.groupFaces(image.tenantId(), image.groupId(), result.imageSha256());
        return new Outcome(result.imageSha256(), result.facesDetected(), List.copyOf(faces), result.warnings());
    }
}
