package dev.visage.recognition.application.internal;

import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.recognition.application.EnrolmentChange;
import dev.visage.recognition.application.EnrolmentChanges;
import dev.visage.recognition.application.EnrolmentTransfer;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.domain.Company;
import dev.visage.recognition.domain.EnrolledUser;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.shared.infrastructure.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

@ApplicationScoped
public class DefaultEnrolmentTransfer implements EnrolmentTransfer {

    private static final Logger LOG = Logger.getLogger(DefaultEnrolmentTransfer.class.getName());

    private final RecognitionRepository repository;
    private final EnrolmentChanges changes;
    private final EnrolmentCache cache;
    private final FaceAnalyzer analyzer;
    private final WorkerIdentity worker;
    private final Clock clock;
    private final AfterCommit afterCommit;

    @Inject
    public DefaultEnrolmentTransfer(RecognitionRepository repository, EnrolmentChanges changes, EnrolmentCache cache,
                                  FaceAnalyzer analyzer, WorkerIdentity worker, Clock clock, AfterCommit afterCommit) {
        this.repository = repository;
        this.changes = changes;
        this.cache = cache;
        this.analyzer = analyzer;
        this.worker = worker;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** For CDI proxies only. */
    protected DefaultEnrolmentTransfer() {
        this(null, null, null, null, null, null, null);
    }

    /** One face of the file: whose it is, its vector and model. */
    private record Entry(String company, String user, String face, float[] vector, String model) {
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public ImportReport importData(JsonObject data) {
        List<String> issues = new ArrayList<>();
        JsonObject companies = object(data, "companies");
        JsonObject users = object(data, "users");
        JsonObject faces = object(data, "faces");
        JsonObject embeddings = object(data, "embeddings");
        String defaultModel = data.getString("model", analyzer.embeddingModel());

        // users and the faces they list
        Map<String, Map<String, Set<String>>> userFaces = new LinkedHashMap<>();
        int userCount = 0;
        for (Map.Entry<String, JsonValue> company : users.entrySet()) {
            if (!companies.containsKey(company.getKey())) {
                issues.add("Users reference missing company " + company.getKey());
            }
            Map<String, Set<String>> byUser = userFaces.computeIfAbsent(company.getKey(), k -> new LinkedHashMap<>());
            for (Map.Entry<String, JsonValue> user : asObject(company.getValue()).entrySet()) {
                userCount++;
                Set<String> ids = byUser.computeIfAbsent(user.getKey(), k -> new LinkedHashSet<>());
                JsonValue listed = asObject(user.getValue()).get("faces");
                if (listed instanceof JsonArray array) {
                    array.getValuesAs(jakarta.json.JsonString.class).forEach(s -> ids.add(s.getString()));
                }
            }
        }
        // the faces arrays say whose each face is; faces listed only under users count as well
        Map<String, Entry> entries = new LinkedHashMap<>();
        int faceCount = 0;
        for (Map.Entry<String, JsonValue> company : faces.entrySet()) {
            if (!companies.containsKey(company.getKey())) {
                issues.add("Faces reference missing company " + company.getKey());
            }
            for (JsonValue v : company.getValue().asJsonArray()) {
                JsonObject f = v.asJsonObject();
                faceCount++;
                String faceId = f.getString("face_id", null);
                String userId = f.getString("user_id", null);
                if (faceId == null || userId == null) {
                    issues.add("Face entry without face_id or user_id in company " + company.getKey());
                    continue;
                }
                Set<String> listed = userFaces.getOrDefault(company.getKey(), Map.of()).get(userId);
                if (listed == null) {
                    issues.add("Face " + faceId + " references missing user " + userId);
                    userFaces.computeIfAbsent(company.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(userId, k -> new LinkedHashSet<>()).add(faceId);
                } else {
                    listed.add(faceId);
                }
                entries.put(company.getKey() + "/" + userId + "/" + faceId,
                        new Entry(company.getKey(), userId, faceId, null, f.getString("model", defaultModel)));
            }
        }
        for (Map.Entry<String, Map<String, Set<String>>> company : userFaces.entrySet()) {
            for (Map.Entry<String, Set<String>> user : company.getValue().entrySet()) {
                for (String faceId : user.getValue()) {
                    entries.putIfAbsent(company.getKey() + "/" + user.getKey() + "/" + faceId,
                            new Entry(company.getKey(), user.getKey(), faceId, null, defaultModel));
                }
            }
        }
        Map<String, Integer> faceIdUses = new HashMap<>();
        entries.values().forEach(e -> faceIdUses.merge(e.face(), 1, Integer::sum));
        faceIdUses.forEach((face, uses) -> {
            if (uses > 1) {
                issues.add("Face " + face + " is used " + uses + " times; its embedding is shared");
            }
        });

        // write what is missing
        int companiesAdded = 0;
        int usersAdded = 0;
        int facesAdded = 0;
        int facesSkipped = 0;
        Set<String> allCompanies = new LinkedHashSet<>(companies.keySet());
        allCompanies.addAll(userFaces.keySet());
        for (String company : allCompanies) {
            if (company.isBlank()) {
                issues.add("Empty company id skipped");
                continue;
            }
            if (!repository.companyExists(company)) {
                repository.addCompany(new Company(company, clock.instant()));
                companiesAdded++;
            }
            for (String user : userFaces.getOrDefault(company, Map.of()).keySet()) {
                if (!repository.userExists(company, user)) {
                    repository.addUser(new EnrolledUser(company, user, clock.instant()));
                    usersAdded++;
                }
            }
        }
        for (Entry e : entries.values()) {
            if (e.company().isBlank()) {
                continue;
            }
            JsonValue vector = embeddings.get(e.face());
            if (!(vector instanceof JsonArray array) || array.isEmpty()) {
                issues.add("Face " + e.face() + " has no embedding");
                facesSkipped++;
                continue;
            }
            if (repository.faceExists(e.company(), e.user(), e.face())) {
                facesSkipped++;
                continue;
            }
            repository.addFace(new Face(e.company(), e.user(), e.face(), e.model(), unit(array), null, null, null,
                    null, null, null, clock.instant()));
            facesAdded++;
        }
        ImportReport report = new ImportReport(companies.size(), userCount, faceCount, embeddings.size(), companiesAdded,
                usersAdded, facesAdded, facesSkipped, List.copyOf(issues));
        LOG.info(() -> "initial data: " + report);
        changes.publish(new EnrolmentChange(EnrolmentChange.Type.RELOAD, null, null, null, null, null, worker.workerId()));
        // the cache reloads from committed rows only, and not from inside afterCompletion (no unit of work there)
        afterCommit.run(cache::invalidate);
        return report;
    }

    @Override
    public JsonObject exportData(String onlyCompany) {
        JsonObjectBuilder companies = Json.createObjectBuilder();
        JsonObjectBuilder users = Json.createObjectBuilder();
        JsonObjectBuilder faces = Json.createObjectBuilder();
        JsonObjectBuilder embeddings = Json.createObjectBuilder();
        for (String company : repository.companyIds()) {
            if (onlyCompany != null && !onlyCompany.equals(company)) {
                continue;
            }
            companies.add(company, JsonValue.EMPTY_JSON_OBJECT);
            JsonObjectBuilder companyUsers = Json.createObjectBuilder();
            Map<String, JsonArrayBuilder> faceIds = new LinkedHashMap<>();
            repository.userIds(company).forEach(u -> faceIds.put(u, Json.createArrayBuilder()));
            JsonArrayBuilder companyFaces = Json.createArrayBuilder();
            for (Face f : repository.faces(company)) {
                faceIds.computeIfAbsent(f.userId(), u -> Json.createArrayBuilder()).add(f.faceId());
                companyFaces.add(Json.createObjectBuilder().add("face_id", f.faceId()).add("user_id", f.userId())
                        .add("model", f.model()));
                JsonArrayBuilder vector = Json.createArrayBuilder();
                for (float x : f.embedding()) {
                    vector.add(x);
                }
                embeddings.add(f.faceId(), vector);
            }
            faceIds.forEach((u, ids) -> companyUsers.add(u, Json.createObjectBuilder().add("user_id", u).add("faces", ids)));
            users.add(company, companyUsers);
            faces.add(company, companyFaces);
        }
        return Json.createObjectBuilder().add("companies", companies).add("users", users).add("faces", faces)
                .add("embeddings", embeddings).add("model", analyzer.embeddingModel()).build();
    }

    private static JsonObject object(JsonObject data, String key) {
        JsonValue v = data.get(key);
        if (v == null || v == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RecognitionException.validation(key + " must be a JSON object");
        }
        return v.asJsonObject();
    }

    private static JsonObject asObject(JsonValue v) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RecognitionException.validation("expected a JSON object, got " + v.getValueType());
        }
        return v.asJsonObject();
    }

    /** Matching relies on unit vectors; imported ones are normalised once here. */
    private static float[] unit(JsonArray array) {
        float[] v = new float[array.size()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((JsonNumber) array.get(i)).doubleValue();
            norm += (double) v[i] * v[i];
        }
        double n = Math.sqrt(norm);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
        return v;
    }
}
