package dev.visage.contracts.recognition;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operations of the recognition request queue (openapi/recognition-messages.schema.json), by
 * their wire name in the request's {@code operation} field: the client sends them, the server's
 * request handler dispatches on them.
 */
public enum Operation {
    CREATE_COMPANY("create_company"),
    DELETE_COMPANY("delete_company"),
    CREATE_USER("create_user"),
    ADD_FACE("add_face"),
    DELETE_USER("delete_user"),
    DELETE_FACE("delete_face"),
    GET_USER_FACES("get_user_faces"),
    RECOGNIZE_FACE("recognize_face"),
    DETECT_FACES("detect_faces"),
    GENERATE_EMBEDDING("generate_embedding"),
    VERIFY_FACES("verify_faces"),
    VERIFY_USER("verify_user"),
    HEALTH_CHECK("health_check"),
    GET_CACHE_STATS("get_cache_stats");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the request's {@code operation} field. */
    public String wireName() {
        return wireName;
    }

    /** The operation a request names, or empty for a name no version of the contract has. */
    public static Optional<Operation> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
