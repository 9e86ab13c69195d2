package dev.visage.batch.application;

import java.util.List;
import java.util.Map;

/** A batch request refused before anything was stored or queued; each field at fault with its reason. */
public class InvalidBatchRequest extends Exception {

    private final List<Map.Entry<String, String>> problems;

    public InvalidBatchRequest(List<Map.Entry<String, String>> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public static InvalidBatchRequest of(String field, String reason) {
        return new InvalidBatchRequest(List.of(Map.entry(field, reason)));
    }

    public List<Map.Entry<String, String>> problems() {
        return problems;
    }

    private static String describe(List<Map.Entry<String, String>> problems) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : problems) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(p.getKey()).append(": ").append(p.getValue());
        }
        return sb.toString();
    }
}
