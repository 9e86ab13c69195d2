package dev.visage.ingest.application.internal;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import dev.visage.contracts.ingest.IngestMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/** The per-image metadata JSON the pipeline stores (step 9): the image, each face and its status, the hints. */
final class ImageMetadata {

    private ImageMetadata() {
    }

    static String json(IngestMessage m, String sha, String phash, DecodedImage image, List<AnalyzedFace> faces,
                                   List<AnalyzedFace> accepted, List<Integer> keep, Set<Integer> seen, List<String> keys,
                                   List<String> cropKeys) {
        JsonArrayBuilder faceArray = Json.createArrayBuilder();
        for (int i = 0; i < faces.size(); i++) {
            AnalyzedFace f = faces.get(i);
            int a = accepted.indexOf(f);
            String status = a < 0 ? "rejected" : seen.contains(a) ? "duplicate" : "stored";
            JsonObjectBuilder face = Json.createObjectBuilder().add("face_index", i).add("status", status)
                    .add("bbox", Json.createArrayBuilder().add(f.box().x()).add(f.box().y()).add(f.box().width())
                            .add(f.box().height()))
                    .add("det_score", f.score())
                    .add("quality_reasons", Json.createArrayBuilder(f.quality().reasons()));
            if (a >= 0) {
                face.add("face_key", keys.get(a));
                int k = keep.indexOf(a);
                if (k >= 0) {
                    face.add("crop_key", cropKeys.get(k));
                }
            }
            faceArray.add(face);
        }
        JsonObjectBuilder root = Json.createObjectBuilder().add("tenant_id", m.tenantId()).add("image_sha256", sha)
                .add("bucket", orNull(m.bucket())).add("key", orNull(m.key())).add("site", orNull(m.site()))
                .add("url", orNull(m.url()))
                .add("image_phash", phash).add("message_phash", orNull(m.imagePhash())).add("format", image.format())
                .add("group_id", m.groupId() == null ? JsonValue.NULL : Json.createValue(m.groupId()))
                .add("width", image.originalWidth()).add("height", image.originalHeight())
                .add("warnings", Json.createArrayBuilder(image.warnings())).add("faces", faceArray);
        if (m.faceHints() != null) {
            JsonArrayBuilder hints = Json.createArrayBuilder();
            m.faceHints().forEach(h -> hints.add(Json.createObjectBuilder()
                    .add("bbox", Json.createArrayBuilder(h.bbox()))
                    .add("confidence", h.confidence() == null ? 0 : h.confidence())));
            root.add("face_hints", hints);
        }
        return root.build().toString();
    }

    /** Batches' images may have no object key or message pHash. */
    private static JsonValue orNull(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }
}
