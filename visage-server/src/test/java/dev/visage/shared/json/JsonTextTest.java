package dev.visage.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parsesJson() throws JsonText.Malformed {
        assertEquals(JsonValue.ValueType.ARRAY, JsonText.parse("[{\"a\":1}]").getValueType());
    }

    @Test
    void nestingBeyondTheParsersDepthIsMalformedNotARuntimeException() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonText.Malformed e = assertThrows(JsonText.Malformed.class, () -> JsonText.parse(deep));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void cutOffTextIsMalformed() {
        assertThrows(JsonText.Malformed.class, () -> JsonText.parse("{\"a\":"));
        assertThrows(JsonText.Malformed.class, () -> JsonText.parse(""));
    }
}
