package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API keys: 401 without or with a bad/revoked key, 403 for the wrong tenant or role. */
class AuthIT {

    static JsonObject issueTenantKey(String tenant) {
        Api.Reply reply = Api.admin().postJson("/api/v1/admin/api-keys",
                "{\"tenant_id\":\"" + tenant + "\",\"name\":\"it\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void noKeyIs401ProblemJson() {
        Api.Reply reply = Api.server().get("/api/v1/jobs/" + UUID.randomUUID());
        assertEquals(401, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("missing X-API-Key header", reply.json().getString("detail"));
    }

    @Test
    void unknownKeyIs401() {
        Api.Reply reply = Api.server().key("vsg_not_a_key").get("/api/v1/jobs/" + UUID.randomUUID());
        assertEquals(401, reply.status(), reply::toString);
    }

    @Test
    void tenantKeyWithAnotherTenantHeaderIs403() {
        String secret = issueTenantKey("acme").getString("secret");
        Api.Reply reply = Api.server().key(secret).header("X-Tenant-ID", "globex").get("/api/v1/jobs/" + UUID.randomUUID());
        assertEquals(403, reply.status(), reply::toString);
        Api.Reply same = Api.server().key(secret).header("X-Tenant-ID", "acme").get("/api/v1/jobs/" + UUID.randomUUID());
        assertEquals(404, same.status(), same::toString);
    }

    @Test
    void tenantKeyCannotReachAdminEndpoints() {
        String secret = issueTenantKey("acme").getString("secret");
        Api.Reply reply = Api.server().key(secret).get("/api/v1/admin/api-keys");
        assertEquals(403, reply.status(), reply::toString);
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        JsonObject issued = issueTenantKey("initech");
        String secret = issued.getString("secret");
        String id = issued.getJsonObject("key").getString("id");
        assertEquals(404, Api.server().key(secret).get("/api/v1/jobs/" + UUID.randomUUID()).status());

        assertEquals(204, Api.admin().delete("/api/v1/admin/api-keys/" + id).status());
        Api.Reply reply = Api.server().key(secret).get("/api/v1/jobs/" + UUID.randomUUID());
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("API key was revoked", reply.json().getString("detail"));
    }

    @Test
    void listingNeverShowsSecretsAndKeysAreStoredHashed() {
        String secret = issueTenantKey("hooli").getString("secret");
        Api.Reply list = Api.admin().get("/api/v1/admin/api-keys");
        assertEquals(200, list.status());
        assertFalse(list.body().contains(secret), "listing must not contain secrets");
        assertTrue(list.body().contains("\"hooli\""));
    }

    @Test
    void jobsAreVisibleToTheirTenantOnly() {
        String a = issueTenantKey("tenant-a").getString("secret");
        String b = issueTenantKey("tenant-b").getString("secret");
        Api.Reply accepted = Api.server().key(a).postJson("/api/v1/images", "{\"bucket\":\"raw-images\",\"key\":\"x/y.jpg\"}");
        assertEquals(202, accepted.status(), accepted::toString);
        String path = accepted.location().substring(accepted.location().indexOf("/api/"));
        assertEquals(200, Api.server().key(a).get(path).status());
        assertEquals(404, Api.server().key(b).get(path).status());
        assertEquals("tenant-a", Api.admin().header("X-Tenant-ID", "tenant-a").get(path).json().getString("tenant_id"));
    }
}
