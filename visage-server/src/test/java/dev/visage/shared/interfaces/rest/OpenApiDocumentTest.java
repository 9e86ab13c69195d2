package dev.visage.shared.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What code generators need from openapi/openapi.yaml (the served document, see OpenApiIT): every
 * operation has a unique camelCase operationId and documents its problem+json 4xx answers with the
 * shared Problem schema. Public operations ({@code security: [{}]}, no key needed) answer no 4xx of their own.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final String PROBLEM = "#/components/schemas/Problem";

    @Test
    void everyOperationOfTheCheckedInDocumentIsFitForGenerators() throws IOException {
        Map<String, Object> doc = load(Files.newInputStream(Path.of("openapi/openapi.yaml")));
        assertEquals(List.of(), problems(doc));
        assertTrue(operationCount(doc) >= 100, "the document lost operations: " + operationCount(doc));
    }

    @Test
    void theProblemSchemaHasTheFieldsTheMapperWrites() throws IOException {
        Map<String, Object> doc = load(Files.newInputStream(Path.of("openapi/openapi.yaml")));
        Map<String, Object> problem = map(map(map(doc.get("components")).get("schemas")).get("Problem"));
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "invalid-params"),
                map(problem.get("properties")).keySet());
    }

    @Test
    void aDocumentMissingIdsOrErrorsFails() throws IOException {
        Map<String, Object> doc = load(getClass().getResourceAsStream("/openapi/unfit-for-generators.yaml"));
        assertEquals(List.of(
                "GET /a: no operationId",
                "GET /b: operationId getThing is used twice",
                "GET /c: operationId getThing is used twice",
                "GET /c: no 4xx problem+json response",
                "POST /d: operationId Post_D is not camelCase",
                "POST /d: no 4xx problem+json response"), problems(doc));
    }

    static List<String> problems(Map<String, Object> doc) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> idCounts = new HashMap<>();
        forEachOperation(doc, (where, op) -> {
            if (op.get("operationId") instanceof String id) {
                idCounts.merge(id, 1, Integer::sum);
            }
        });
        forEachOperation(doc, (where, op) -> {
            Object id = op.get("operationId");
            if (!(id instanceof String s) || s.isBlank()) {
                problems.add(where + ": no operationId");
            } else if (idCounts.get(s) > 1) {
                problems.add(where + ": operationId " + s + " is used twice");
            } else if (!CAMEL_CASE.matcher(s).matches()) {
                problems.add(where + ": operationId " + s + " is not camelCase");
            }
            boolean isPublic = op.get("security") instanceof List<?> l && l.stream().allMatch(r -> map(r).isEmpty());
            if (!isPublic && !documentsProblem(doc, op)) {
                problems.add(where + ": no 4xx problem+json response");
            }
        });
        return problems;
    }

    private static boolean documentsProblem(Map<String, Object> doc, Map<String, Object> op) {
        return map(op.get("responses")).entrySet().stream()
                .filter(e -> e.getKey().startsWith("4"))
                .map(e -> resolve(doc, map(e.getValue())))
                .map(response -> map(map(response.get("content")).get(ProblemDetail.MEDIA_TYPE)))
                .anyMatch(media -> PROBLEM.equals(map(media.get("schema")).get("$ref")));
    }

    private static Map<String, Object> resolve(Map<String, Object> doc, Map<String, Object> response) {
        if (response.get("$ref") instanceof String ref && ref.startsWith("#/components/responses/")) {
            return map(map(map(doc.get("components")).get("responses")).get(ref.substring("#/components/responses/".length())));
        }
        return response;
    }

    private static int operationCount(Map<String, Object> doc) {
        int[] n = {0};
        forEachOperation(doc, (where, op) -> n[0]++);
        return n[0];
    }

    private static void forEachOperation(Map<String, Object> doc, java.util.function.BiConsumer<String, Map<String, Object>> action) {
        map(doc.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                action.accept(method.toUpperCase() + " " + path, map(op));
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> load(InputStream in) throws IOException {
        try (in) {
            return new Yaml(new LoaderOptions()).load(in);
        }
    }
}
