package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every kiosk edge case of companies, users, faces and recognition over REST. */
class RecognitionRestIT {

    /** img1 and img2 are the same person (pairs.csv); img26 is someone not enrolled. */
    static final String PERSON = "img1.jpg";
    static final String SAME_PERSON = "img2.jpg";
    static final String OTHER_PERSON_ENROLLED = "img16.jpg";
    static final String STRANGER = "img26.jpg";

    static String newCompany() {
        String id = "rest-" + UUID.randomUUID();
        Api.Reply r = Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"" + id + "\"}");
        assertEquals(201, r.status(), r::toString);
        return id;
    }

    static Api.Reply enrol(String company, String user, String face, String photo) {
        return Api.admin().postJson("/api/v1/companies/" + company + "/users", "{\"user_id\":\"" + user
                + "\",\"face_id\":\"" + face + "\",\"image\":\"" + TestImages.base64(Photos.bytes(photo)) + "\"}");
    }

    static Api.Reply addFace(String company, String user, String face, byte[] image) {
        return Api.admin().postJson("/api/v1/companies/" + company + "/users/" + user + "/faces",
                "{\"face_id\":\"" + face + "\",\"image\":\"" + TestImages.base64(image) + "\"}");
    }

    static Api.Reply recognize(String company, byte[] image) {
        return Api.admin().postJson("/api/v1/companies/" + company + "/recognize",
                "{\"image\":\"" + TestImages.base64(image) + "\"}");
    }

    static void assertProblem(Api.Reply r, int status, String detail) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertEquals(detail, r.json().getString("detail"), r::toString);
    }

    // ------------------------------------------------------------------ companies

    @Test
    void createCompanyIsIdempotent() {
        String id = "rest-" + UUID.randomUUID();
        Api.Reply first = Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"" + id + "\"}");
        assertEquals(201, first.status(), first::toString);
        assertTrue(first.json().getBoolean("created"));
        Api.Reply again = Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"" + id + "\"}");
        assertEquals(200, again.status(), again::toString);
        assertFalse(again.json().getBoolean("created"));
    }

    @Test
    void emptyCompanyIdIsAValidationError() {
        assertProblem(Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"\"}"), 400,
                "Company ID cannot be empty");
        assertProblem(Api.admin().postJson("/api/v1/companies", "{}"), 400, "Company ID cannot be empty");
    }

    @Test
    void deleteCompanyCascadesToUsersAndFaces() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + c).status());
        assertEquals("[]", Api.admin().get("/api/v1/companies/" + c + "/users/ann/faces").body());
        JsonObject r = recognize(c, Photos.bytes(SAME_PERSON)).json();
        assertTrue(r.isNull("user_id"));
        assertEquals(0.0, r.getJsonNumber("confidence").doubleValue());
        assertTrue(r.isNull("bbox"));
        assertProblem(Api.admin().delete("/api/v1/companies/" + c), 404, "Company does not exist");
    }

    @Test
    void deletingAnEmptyCompanyWorks() {
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + newCompany()).status());
    }

    // ------------------------------------------------------------------ users

    @Test
    void createUserAnswersTheEmbedding() {
        String c = newCompany();
        Api.Reply r = enrol(c, "ann", "f1", PERSON);
        assertEquals(201, r.status(), r::toString);
        JsonArray embedding = r.json().getJsonArray("embedding");
        assertTrue(embedding.size() >= 128, "embedding of " + embedding.size());
        double norm = 0;
        for (int i = 0; i < embedding.size(); i++) {
            double v = embedding.getJsonNumber(i).doubleValue();
            norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-3, "L2-normalised");
        assertFalse(r.json().getString("model").isBlank());
        assertEquals(4, r.json().getJsonArray("bbox").size());
        assertEquals("[\"f1\"]", Api.admin().get("/api/v1/companies/" + c + "/users/ann/faces").body());
    }

    @Test
    void createUserByMultipartUpload() {
        String c = newCompany();
        String boundary = "b-" + UUID.randomUUID();
        byte[] body = Multipart.of(boundary).field("user_id", "bob").field("face_id", "f1")
                .file("file", "img1.jpg", "image/jpeg", Photos.bytes(PERSON)).bytes();
        Api.Reply r = Api.admin().post("/api/v1/companies/" + c + "/users", "multipart/form-data; boundary=" + boundary,
                body);
        assertEquals(201, r.status(), r::toString);
        assertEquals("bob", r.json().getString("user_id"));
    }

    @Test
    void createUserErrorsCarryTheKioskTexts() {
        String c = newCompany();
        assertProblem(enrol("nope-" + UUID.randomUUID(), "ann", "f1", PERSON), 404, "Company does not exist");
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        assertProblem(enrol(c, "ann", "f2", PERSON), 409, "User already exists");
        assertProblem(Api.admin().postJson("/api/v1/companies/" + c + "/users",
                "{\"user_id\":\"bob\",\"face_id\":\"f1\",\"image\":\"" + TestImages.base64(TestImages.noFace()) + "\"}"),
                422, "No face detected in image");
        assertProblem(Api.admin().postJson("/api/v1/companies/" + c + "/users",
                "{\"user_id\":\"bob\",\"face_id\":\"f1\",\"image\":\"invalid_base64!!\"}"), 400, "Image processing failed");
        assertProblem(Api.admin().postJson("/api/v1/companies/" + c + "/users",
                "{\"user_id\":\"bob\",\"face_id\":\"f1\",\"image\":\"" + TestImages.base64("hello".getBytes()) + "\"}"),
                400, "Image processing failed");
        // a refused enrolment leaves nothing behind
        assertEquals("[]", Api.admin().get("/api/v1/companies/" + c + "/users/bob/faces").body());
        assertEquals(201, enrol(c, "bob", "f1", OTHER_PERSON_ENROLLED).status());
    }

    @Test
    void severalFacesEnrolTheLargest() {
        String c = newCompany();
        Api.Reply detect = Api.admin().postJson("/api/v1/detect",
                "{\"image\":\"" + TestImages.base64(Photos.bytes("couple.jpg")) + "\"}");
        assertEquals(200, detect.status(), detect::toString);
        assertTrue(detect.json().getInt("faces_count") >= 2, detect::toString);
        JsonArray largest = detect.json().getJsonArray("bboxes").getJsonArray(0);
        Api.Reply r = enrol(c, "pair", "f1", "couple.jpg");
        assertEquals(201, r.status(), r::toString);
        assertEquals(largest, r.json().getJsonArray("bbox"));
    }

    // ------------------------------------------------------------------ faces

    @Test
    void addFaceAndItsErrors() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        Api.Reply added = addFace(c, "ann", "f2", Photos.bytes(SAME_PERSON));
        assertEquals(201, added.status(), added::toString);
        assertNotNull(added.json().getJsonArray("embedding"));
        assertEquals("[\"f1\",\"f2\"]", Api.admin().get("/api/v1/companies/" + c + "/users/ann/faces").body());
        assertProblem(addFace(c, "nobody", "f1", Photos.bytes(PERSON)), 404, "User does not exist");
        assertProblem(addFace(c, "ann", "f1", Photos.bytes(PERSON)), 409, "Face ID already exists for this user");
        assertProblem(addFace(c, "ann", "f3", TestImages.noFace()), 422, "No face detected in image");
    }

    @Test
    void deleteUserAndFace() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        assertEquals(201, addFace(c, "ann", "f2", Photos.bytes(SAME_PERSON)).status());
        assertProblem(Api.admin().delete("/api/v1/companies/" + c + "/users/ann/faces/nope"), 404, "Face does not exist");
        assertProblem(Api.admin().delete("/api/v1/companies/" + c + "/users/nobody/faces/f1"), 404, "Face does not exist");
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + c + "/users/ann/faces/f2").status());
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + c + "/users/ann/faces/f1").status());
        // the last face is gone, the user stays
        assertEquals("[]", Api.admin().get("/api/v1/companies/" + c + "/users/ann/faces").body());
        assertProblem(enrol(c, "ann", "f9", PERSON), 409, "User already exists");
        assertEquals(201, addFace(c, "ann", "f3", Photos.bytes(PERSON)).status());
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + c + "/users/ann").status());
        assertProblem(Api.admin().delete("/api/v1/companies/" + c + "/users/ann"), 404, "User does not exist");
        assertEquals("[]", Api.admin().get("/api/v1/companies/" + c + "/users/ann/faces").body());
    }

    @Test
    void userFacesOfUnknownsAreEmpty() {
        String c = newCompany();
        assertEquals("[]", Api.admin().get("/api/v1/companies/" + c + "/users/nobody/faces").body());
        assertEquals("[]", Api.admin().get("/api/v1/companies/nope-" + UUID.randomUUID() + "/users/x/faces").body());
    }

    // ------------------------------------------------------------------ recognition

    @Test
    void recognizesAnEnrolledPerson() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        assertEquals(201, enrol(c, "bob", "f1", OTHER_PERSON_ENROLLED).status());
        Api.Reply r = recognize(c, Photos.bytes(SAME_PERSON));
        assertEquals(200, r.status(), r::toString);
        assertEquals("ann", r.json().getString("user_id"), r::toString);
        double confidence = r.json().getJsonNumber("confidence").doubleValue();
        assertTrue(confidence > 0 && confidence <= 1, r::toString);
        assertEquals(4, r.json().getJsonArray("bbox").size());

        String boundary = "b-" + UUID.randomUUID();
        Api.Reply upload = Api.admin().post("/api/v1/companies/" + c + "/recognize",
                "multipart/form-data; boundary=" + boundary,
                Multipart.of(boundary).file("file", "x.jpg", "image/jpeg", Photos.bytes(SAME_PERSON)).bytes());
        assertEquals("ann", upload.json().getString("user_id"), upload::toString);
    }

    @Test
    void recognitionWithoutAFaceOrCompanyFindsNothing() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        JsonObject none = recognize(c, TestImages.noFace()).json();
        assertEquals(JsonValue.NULL, none.get("user_id"));
        assertEquals(0.0, none.getJsonNumber("confidence").doubleValue());
        assertEquals(JsonValue.NULL, none.get("bbox"));
        JsonObject unknown = recognize("nope-" + UUID.randomUUID(), Photos.bytes(PERSON)).json();
        assertEquals(JsonValue.NULL, unknown.get("user_id"));
        assertEquals(0.0, unknown.getJsonNumber("confidence").doubleValue());
        assertEquals(JsonValue.NULL, unknown.get("bbox"));
        assertProblem(Api.admin().postJson("/api/v1/companies/" + c + "/recognize", "{\"image\":\"%%%\"}"), 400,
                "Image processing failed");
    }

    @Test
    void aStrangerIsBelowTheThresholdButHasABox() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        JsonObject r = recognize(c, Photos.bytes(STRANGER)).json();
        assertEquals(JsonValue.NULL, r.get("user_id"), r::toString);
        double confidence = r.getJsonNumber("confidence").doubleValue();
        assertTrue(confidence >= 0 && confidence < 1, r::toString);
        assertEquals(4, r.getJsonArray("bbox").size());
    }

    @Test
    void severalFacesAnswerTheBestMatch() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        byte[] stranger = Photos.bytes(STRANGER);
        byte[] group = TestImages.sideBySide(stranger, Photos.bytes(SAME_PERSON));
        assertTrue(Api.admin().postJson("/api/v1/detect", "{\"image\":\"" + TestImages.base64(group) + "\"}")
                .json().getInt("faces_count") >= 2);
        JsonObject r = recognize(c, group).json();
        assertEquals("ann", r.getString("user_id"), r::toString);
        assertTrue(r.getJsonArray("bbox").getInt(0) >= TestImages.leftWidth(stranger) - 10, r::toString);
    }

    @Test
    void detectCountsFaces() {
        JsonObject none = Api.admin().postJson("/api/v1/detect", "{\"image\":\"" + TestImages.base64(TestImages.noFace())
                + "\"}").json();
        assertEquals(0, none.getInt("faces_count"));
        assertEquals(0, none.getJsonArray("bboxes").size());
        JsonObject one = Api.admin().postJson("/api/v1/detect", "{\"image\":\"" + TestImages.base64(Photos.bytes(PERSON))
                + "\"}").json();
        assertEquals(1, one.getInt("faces_count"), one::toString);
        assertProblem(Api.admin().postJson("/api/v1/detect", "{\"image\":\"invalid_base64!!\"}"), 400,
                "Image processing failed");
    }

    @Test
    void embeddingOfTheLargestFace() {
        JsonObject r = Api.admin().postJson("/api/v1/embedding", "{\"image\":\"" + TestImages.base64(Photos.bytes(PERSON))
                + "\"}").json();
        assertTrue(r.getJsonArray("embedding").size() >= 128);
        assertProblem(Api.admin().postJson("/api/v1/embedding", "{\"image\":\"" + TestImages.base64(TestImages.noFace())
                + "\"}"), 422, "No face detected in image");
        assertProblem(Api.admin().postJson("/api/v1/embedding", "{\"image\":\"corrupted!!\"}"), 400,
                "Image processing failed");
    }

    @Test
    void verifyTwoImagesAndImageAgainstUser() {
        JsonObject same = Api.admin().postJson("/api/v1/verify", "{\"image1\":\"" + TestImages.base64(Photos.bytes(PERSON))
                + "\",\"image2\":\"" + TestImages.base64(Photos.bytes(SAME_PERSON)) + "\"}").json();
        assertTrue(same.getBoolean("match"), same::toString);
        JsonObject other = Api.admin().postJson("/api/v1/verify", "{\"image1\":\"" + TestImages.base64(Photos.bytes(PERSON))
                + "\",\"image2\":\"" + TestImages.base64(Photos.bytes(STRANGER)) + "\"}").json();
        assertFalse(other.getBoolean("match"), other::toString);
        assertTrue(other.getJsonNumber("similarity").doubleValue() < same.getJsonNumber("similarity").doubleValue());

        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        JsonObject user = Api.admin().postJson("/api/v1/companies/" + c + "/verify", "{\"user_id\":\"ann\",\"image\":\""
                + TestImages.base64(Photos.bytes(SAME_PERSON)) + "\"}").json();
        assertTrue(user.getBoolean("match"), user::toString);
        assertProblem(Api.admin().postJson("/api/v1/companies/" + c + "/verify", "{\"user_id\":\"nobody\",\"image\":\""
                + TestImages.base64(Photos.bytes(SAME_PERSON)) + "\"}"), 404, "User does not exist");
    }

    @Test
    void cacheStatsCountTheCompany() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        JsonObject stats = Api.admin().get("/api/v1/cache-stats").json();
        JsonObject mine = stats.getJsonObject("cache_info").getJsonObject(c);
        assertEquals(1, mine.getInt("users"));
        assertEquals(1, mine.getInt("faces"));
        assertTrue(stats.getInt("companies_count") >= 1);
        assertFalse(stats.getString("worker_id").isBlank());
    }

    // ------------------------------------------------------------------ tenants

    @Test
    void aTenantKeyActsOnItsOwnCompanyOnly() {
        String own = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = AuthIT.issueTenantKey(own).getString("secret");
        Api tenant = Api.server().key(secret);
        assertEquals(201, tenant.postJson("/api/v1/companies", "{\"company_id\":\"" + own + "\"}").status());
        String other = newCompany();
        assertEquals(403, tenant.postJson("/api/v1/companies", "{\"company_id\":\"" + other + "\"}").status());
        assertEquals(403, tenant.delete("/api/v1/companies/" + other).status());
        assertEquals(403, tenant.get("/api/v1/companies/" + other + "/users/x/faces").status());
        assertEquals(403, tenant.postJson("/api/v1/companies/" + other + "/recognize",
                "{\"image\":\"" + TestImages.base64(Photos.bytes(PERSON)) + "\"}").status());
        JsonObject stats = tenant.get("/api/v1/cache-stats").json();
        assertEquals(1, stats.getInt("companies_count"), stats::toString);
        assertTrue(stats.getJsonObject("cache_info").containsKey(own));
    }

    // ------------------------------------------------------------------ initial data

    @Test
    void exportThenImportRestoresACompany() {
        String c = newCompany();
        assertEquals(201, enrol(c, "ann", "f1", PERSON).status());
        Api.Reply export = Api.admin().get("/api/v1/admin/recognition/export?company_id=" + c);
        assertEquals(200, export.status(), export::toString);
        JsonObject data = export.json();
        assertTrue(data.getJsonObject("companies").containsKey(c));
        assertEquals("f1", data.getJsonObject("users").getJsonObject(c).getJsonObject("ann").getJsonArray("faces")
                .getString(0));
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + c).status());

        Api.Reply imported = Api.admin().postJson("/api/v1/admin/recognition/import", export.body());
        assertEquals(200, imported.status(), imported::toString);
        assertEquals(1, imported.json().getInt("faces_added"), imported::toString);
        assertEquals(0, imported.json().getJsonArray("issues").size(), imported::toString);
        assertEquals("ann", recognize(c, Photos.bytes(SAME_PERSON)).json().getString("user_id"));
        assertEquals(403, Api.server().key(AuthIT.issueTenantKey(c.substring(0, 30)).getString("secret"))
                .get("/api/v1/admin/recognition/export").status());
    }

    @Test
    void importReportsInconsistencies() {
        String c = "import-" + UUID.randomUUID();
        String data = "{\"companies\":{\"" + c + "\":{}},"
                + "\"users\":{\"" + c + "\":{\"u1\":{\"user_id\":\"u1\",\"faces\":[\"face_a\",\"face_b\"]}}},"
                + "\"faces\":{\"" + c + "\":[{\"face_id\":\"face_a\",\"user_id\":\"u1\"}]},"
                + "\"embeddings\":{\"face_a\":[0.6,0.8]}}";
        Api.Reply r = Api.admin().postJson("/api/v1/admin/recognition/import", data);
        assertEquals(200, r.status(), r::toString);
        assertEquals(1, r.json().getInt("faces_added"));
        assertTrue(r.json().getJsonArray("issues").toString().contains("Face face_b has no embedding"), r::toString);
        assertEquals("[\"face_a\"]", Api.admin().get("/api/v1/companies/" + c + "/users/u1/faces").body());
    }
}
