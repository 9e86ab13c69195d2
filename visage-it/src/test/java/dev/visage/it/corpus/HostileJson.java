package dev.visage.it.corpus;

import dev.visage.it.corpus.DamagedImages.Sample;
import dev.visage.contracts.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON bodies a parser or a validator may choke on, and every ingest field at and just over
 * its limit, the limits taken from {@link Field} (the one place the server takes them from).
 */
public final class HostileJson {

    /** One ingest message field set to {@code value}; {@code over} when it is one character past the limit. */
    public record FieldCase(Field field, String value, boolean over) {
        @Override
        public String toString() {
            return field.jsonName() + (over ? " over" : " at") + " its limit (" + value.length() + " characters)";
        }
    }

    private HostileJson() {
    }

    /** Bodies that are not the JSON an endpoint expects: too deep, not UTF-8, cut off, not JSON, wrong types. */
    public static List<Sample> bodies() {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("nested-arrays-100000", utf8("[".repeat(100_000) + "]".repeat(100_000))));
        samples.add(new Sample("nested-objects-50000", utf8("{\"image\":".repeat(50_000) + "1" + "}".repeat(50_000))));
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes(utf8("{\"image\":\"/9j/"));
        invalid.writeBytes(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
        invalid.writeBytes(utf8("\",\"user_id\":\"\u00e9\",\"company_id\":\"x\"}"));
        samples.add(new Sample("invalid-utf8", invalid.toByteArray()));
        samples.add(new Sample("cut-off", utf8("{\"image\":\"/9j/4AAQ")));
        samples.add(new Sample("not-json", utf8("image=/9j/4AAQ&user_id=x")));
        samples.add(new Sample("wrong-types", utf8("{\"image\":[1,2],\"user_id\":{},\"face_id\":true,\"company_id\":7,"
                + "\"site\":[],\"url\":1,\"images\":\"x\",\"top_k\":\"many\"}")));
        samples.add(new Sample("empty-object", utf8("{}")));
        samples.add(new Sample("null", utf8("null")));
        return samples;
    }

    /**
     * Whether no endpoint may accept the body: not JSON, cut off, not UTF-8. The others are JSON
     * that an endpoint may legitimately take (an empty object asks for defaults; a deep value
     * under a property the endpoint ignores is skipped; a number where a text is expected is
     * read as its text): they must only never cause a 5xx, and a refusal must say why.
     */
    public static boolean isMalformed(Sample s) {
        return List.of("invalid-utf8", "cut-off", "not-json").contains(s.name());
    }

    /** Every field of an ingest message at its maximum length and one character over, in a valid shape. */
    public static List<FieldCase> ingestFields() {
        List<FieldCase> cases = new ArrayList<>();
        for (Field f : List.of(Field.TENANT_ID, Field.BUCKET, Field.KEY, Field.SITE, Field.URL, Field.GROUP_ID)) {
            cases.add(new FieldCase(f, filled(f, f.maxLength()), false));
            cases.add(new FieldCase(f, filled(f, f.maxLength() + 1), true));
        }
        return cases;
    }

    /** A value of {@code length} characters that satisfies the field's pattern when the length does. */
    public static String filled(Field f, int length) {
        return switch (f) {
            case URL -> "https://example.com/" + "u".repeat(length - 20);
            case BUCKET -> "b".repeat(length);
            default -> "v".repeat(length);
        };
    }

    /** {@code n} face hints of the accepted shape. */
    public static String faceHints(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"bbox\":[1,2,30,40],\"confidence\":0.9}");
        }
        return b.append(']').toString();
    }

    /** An ingest message with {@code tenant} and one field replaced by {@code value}. */
    public static String ingestMessage(String tenant, String marker, Field field, String value, String faceHints) {
        String t = field == Field.TENANT_ID ? value : tenant;
        return "{\"image_sha256\":\"" + "0".repeat(64) + "\",\"bucket\":\"" + (field == Field.BUCKET ? value : "raw-images")
                + "\",\"key\":\"" + (field == Field.KEY ? value : t + "/" + marker + ".jpg") + "\",\"tenant_id\":\"" + t
                + "\",\"site\":\"" + (field == Field.SITE ? value : marker) + "\",\"url\":\""
                + (field == Field.URL ? value : "https://example.com/" + marker + ".jpg") + "\","
                + (field == Field.GROUP_ID ? "\"group_id\":\"" + value + "\"," : "")
                + "\"image_phash\":\"8f373c9c3c9c3c1e\",\"face_hints\":" + faceHints + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
