package dev.visage.console.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visage.shared.interfaces.rest.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleParamsTest {

    static final Set<String> ALLOWED = Set.of("queued", "failed", "cancelled");

    @Test
    void repeatedAndCommaSeparatedValuesAreOneSet() {
        assertEquals(Set.of("queued", "failed", "cancelled"),
                ConsoleParams.oneOfEach(List.of("Queued, failed", "cancelled", " ", "failed"), ALLOWED, "status"));
        assertEquals(Set.of(), ConsoleParams.oneOfEach(null, ALLOWED, "status"));
        assertEquals(Set.of(), ConsoleParams.oneOfEach(Arrays.asList(""), ALLOWED, "status"));
    }

    @Test
    void anUnknownValueIsRefusedWithTheFieldAtFault() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ConsoleParams.oneOfEach(List.of("queued,done"), ALLOWED, "status"));
        assertEquals(400, e.status());
        assertEquals("status", e.invalidParams().get(0).name());
        assertEquals("status: each must be one of cancelled, failed, queued", e.getMessage());
        assertEquals("kind", assertThrows(ProblemException.class,
                () -> ConsoleParams.oneOf("video", Set.of("digest", "zip"), "kind")).invalidParams().get(0).name());
    }

    @Test
    void oneValueIsLowerCasedAndBlankMeansNone() {
        assertEquals("zip", ConsoleParams.oneOf(" ZIP ", Set.of("digest", "zip"), "kind"));
        assertNull(ConsoleParams.oneOf("  ", Set.of("digest", "zip"), "kind"));
        assertNull(ConsoleParams.oneOf(null, Set.of("digest", "zip"), "kind"));
    }

    @Test
    void tenantsAndPagesAreChecked() {
        assertNull(ConsoleParams.tenant(" "));
        assertEquals("acme", ConsoleParams.tenant(" acme "));
        assertEquals("tenant", assertThrows(ProblemException.class, () -> ConsoleParams.tenant("no spaces allowed"))
                .invalidParams().get(0).name());
        ConsoleParams.page(1, 0);
        ConsoleParams.page(ConsoleParams.MAX_LIMIT, 10);
        assertEquals("limit", assertThrows(ProblemException.class, () -> ConsoleParams.page(0, 0)).invalidParams().get(0).name());
        assertEquals("limit", assertThrows(ProblemException.class, () -> ConsoleParams.page(501, 0)).invalidParams().get(0).name());
        assertEquals("offset", assertThrows(ProblemException.class, () -> ConsoleParams.page(10, -1)).invalidParams().get(0).name());
    }
}
