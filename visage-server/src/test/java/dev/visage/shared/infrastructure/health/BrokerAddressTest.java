package dev.visage.shared.infrastructure.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource adapter's connection parameters, read the way the broker readiness check reads them. */
class BrokerAddressTest {

    @Test
    void oneBrokerOrAPairInTheAdaptersSyntax() {
        assertEquals(List.of(new BrokerAddress("127.0.0.1", 61616)), BrokerAddress.parseAll("host=127.0.0.1;port=61616"));
        assertEquals(List.of(new BrokerAddress("a", 61616), new BrokerAddress("b", 61617)),
                BrokerAddress.parseAll("host=a;port=61616, host=b;port=61617;sslEnabled=false"));
    }

    @Test
    void malformedEntriesAreNamed() {
        IllegalArgumentException noPort = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddress.parseAll("host=a;port=61616,host=b"));
        assertTrue(noPort.getMessage().contains("'host=b'"), noPort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parseAll("host=a;port=sixty"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parseAll("host=a;port=70000"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parseAll("a:61616"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parseAll(" "));
    }
}
