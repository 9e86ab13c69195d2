package dev.visage.contracts;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The length and format of every identifier and text field that a client sends and a
 * column stores: the one place REST validation, the queue consumers and the JSON schemas
 * (openapi/*.schema.json, checked by FieldSchemaTest) take them from. The lengths are the
 * columns' (db-migrations), so that a value that passes here is never cut or refused later.
 */
public enum Field {

    /** A tenant appears in storage keys and URLs, hence the path-safe alphabet. */
    TENANT_ID("tenant_id", 1, 64, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            "1-64 characters of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit"),
    /** S3's bucket naming rules, which the local store follows too. */
    BUCKET("bucket", 3, 63, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "3-63 characters of a-z, 0-9, '.', '-'"),
    KEY("key", 1, 1024, null, null),
    SITE("site", 0, 255, null, null),
    URL("url", 0, 2048, null, null),
    GROUP_ID("group_id", 1, 255, null, null),
    COMPANY_ID("company_id", 1, 255, null, null),
    USER_ID("user_id", 1, 255, null, null),
    FACE_ID("face_id", 1, 255, null, null);

    /** Pre-detected faces one ingest message may carry (twice the faces kept per photo by default). */
    public static final int FACE_HINTS_MAX_ITEMS = 100;

    private final String jsonName;
    private final int minLength;
    private final int maxLength;
    private final String pattern;
    private final Pattern compiled;
    private final String patternRule;

    Field(String jsonName, int minLength, int maxLength, String pattern, String patternRule) {
        this.jsonName = jsonName;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
        this.compiled = pattern == null ? null : Pattern.compile(pattern);
        this.patternRule = patternRule;
    }

    public String jsonName() {
        return jsonName;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The ECMA-262/Java regular expression of the JSON schema, or empty when any text is allowed. */
    public Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }

    /** Why {@code value} is refused, naming the field and the rule; empty when it is valid (null is the caller's business). */
    public Optional<String> violation(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of(jsonName + " must be at most " + maxLength + " characters (it has " + value.length() + ")");
        }
        if (minLength > 0 && value.isBlank()) {
            return Optional.of(jsonName + " must not be empty");
        }
        if (value.length() < minLength) {
            return Optional.of(jsonName + " must be at least " + minLength + " characters");
        }
        if (compiled != null && !compiled.matcher(value).matches()) {
            return Optional.of(jsonName + " must be " + patternRule);
        }
        return Optional.empty();
    }

    public boolean isValid(String value) {
        return value != null && violation(value).isEmpty();
    }
}
