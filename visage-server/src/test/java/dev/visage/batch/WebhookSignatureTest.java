package dev.visage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visage.batch.domain.WebhookSignature;
import dev.visage.batch.domain.WebhookTargets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(WebhookSignature.sign("k", "a".getBytes(StandardCharsets.UTF_8)),
                WebhookSignature.sign("k", "b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void webhooksGoOnlyToPublicHttpTargetsUnlessAllowed() throws Exception {
        WebhookTargets strict = new WebhookTargets(false);
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("http://127.0.0.1:9000/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("http://10.1.2.3/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("http://169.254.169.254/latest"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("http://[::1]/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("ftp://example.com/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("http://user:pw@example.com/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> strict.check("not a url"));
        assertEquals("127.0.0.1", new WebhookTargets(true).check("http://127.0.0.1:9000/hook").getHost());
    }
}
