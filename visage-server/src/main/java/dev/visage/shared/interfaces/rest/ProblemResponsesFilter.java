package dev.visage.shared.interfaces.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the served OpenAPI document for code generators (mp.openapi.filter), so that the
 * resources only annotate what is particular to them:
 * <ul>
 * <li>one reusable problem+json response per 4xx status under {@code components.responses}, all
 *     referring to the {@code Problem} schema ({@link ProblemDetail});</li>
 * <li>the 4xx particular to an operation, named on its method as
 *     {@code @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 422")}: an extension,
 *     not {@code @APIResponse}, because any {@code @APIResponse} suppresses the 2xx response that
 *     the scanner derives from the method's return type;</li>
 * <li>the answers every operation can give: 401 and 403 from the API-key filter (console
 *     operations: 401 from the console sign-in), 400 for a malformed request body and 413 for one over its limit;
 *     public operations ({@code @SecurityRequirementsSet({})}, rendered {@code security: [{}]}) get none;</li>
 * <li>the alias paths of {@link RouteAliases}: each documented as a copy of its route whose
 *     operationId, kept distinct for generators, gets the suffix {@code Legacy}.</li>
 * </ul>
 */
public class ProblemResponsesFilter implements OASFilter {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String CONTENT_TOO_LARGE = "ContentTooLarge";
    public static final String UNPROCESSABLE = "UnprocessableContent";

    /** Method extension listing the operation's own 4xx statuses; replaced by responses here. */
    public static final String PROBLEMS = "x-visage-problems";

    static final String LEGACY_SUFFIX = "Legacy";
    private static final String CONSOLE_SCHEME = "consoleBasic";
    private static final String API_PREFIX = "/api/v1/";

    /** Component name → status and description. */
    private static final Map<String, Standard> STANDARD = Map.of(
            BAD_REQUEST, new Standard("400", "The request is malformed or a required field is missing; invalid-params names it"),
            UNAUTHORIZED, new Standard("401", "No, an unknown or a revoked X-API-Key (console: not signed in)"),
            FORBIDDEN, new Standard("403", "The key may not act here: another tenant's X-Tenant-ID or company, or an admin-only operation"),
            NOT_FOUND, new Standard("404", "No such resource for this tenant"),
            CONFLICT, new Standard("409", "The resource's state does not allow this (e.g. it already exists or has finished)"),
            CONTENT_TOO_LARGE, new Standard("413", "The request body or an uploaded file exceeds its limit"),
            UNPROCESSABLE, new Standard("422", "The request is well-formed but a field's value is not acceptable; invalid-params names it"));

    private record Standard(String status, String description) {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        addStandardResponses(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        addAliases(openAPI);
        Map<String, Integer> idCounts = new HashMap<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .stream().map(Operation::getOperationId).filter(java.util.Objects::nonNull)
                .forEach(id -> idCounts.merge(id, 1, Integer::sum)));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Operation op : item.getOperations().values()) {
                addCommonResponses(op);
                if (op.getOperationId() != null && idCounts.get(op.getOperationId()) > 1 && !path.startsWith(API_PREFIX)) {
                    op.setOperationId(op.getOperationId() + LEGACY_SUFFIX);
                }
            }
        });
    }

    /** Each alias as a copy of its route's path item, the paths kept in order. */
    private static void addAliases(OpenAPI openAPI) {
        Map<String, PathItem> paths = new TreeMap<>(openAPI.getPaths().getPathItems());
        RouteAliases.all().forEach((alias, route) -> {
            PathItem item = paths.get("/" + route);
            if (item != null) {
                PathItem copy = OASFactory.createPathItem().summary(item.getSummary())
                        .description(item.getDescription()).parameters(item.getParameters());
                item.getOperations().forEach((method, op) -> copy.setOperation(method, copyOf(op)));
                paths.put("/" + alias, copy);
            }
        });
        openAPI.getPaths().setPathItems(paths);
    }

    /** A copy whose own fields (operationId, extensions) can change without changing the original. */
    private static Operation copyOf(Operation op) {
        // in the order the scanner fills them: the document serialises fields in that order
        return OASFactory.createOperation().summary(op.getSummary()).description(op.getDescription())
                .externalDocs(op.getExternalDocs()).operationId(op.getOperationId()).tags(op.getTags())
                .parameters(op.getParameters()).requestBody(op.getRequestBody()).responses(op.getResponses())
                .callbacks(op.getCallbacks()).deprecated(op.getDeprecated()).security(op.getSecurity())
                .servers(op.getServers())
                .extensions(op.getExtensions() == null ? null : new java.util.LinkedHashMap<>(op.getExtensions()));
    }

    private static void addStandardResponses(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        new TreeMap<>(STANDARD).forEach((name, standard) -> openAPI.getComponents().addResponse(name,
                OASFactory.createAPIResponse().description(standard.description()).content(OASFactory.createContent()
                        .addMediaType(ProblemDetail.MEDIA_TYPE, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))))));
    }

    private static void addCommonResponses(Operation op) {
        // security: [{}] (what @SecurityRequirementsSet({}) renders) lets callers come without a key.
        boolean publicOperation = op.getSecurity() != null && op.getSecurity().stream()
                .allMatch(requirement -> requirement.getSchemes() == null || requirement.getSchemes().isEmpty());
        if (publicOperation) {
            return;
        }
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        Map<String, APIResponse> byStatus = new TreeMap<>(responses.getAPIResponses() == null ? Map.of()
                : responses.getAPIResponses());
        dropDerivedOkBesideDocumentedSuccess(byStatus);
        if (op.getExtensions() != null && op.getExtensions().get(PROBLEMS) instanceof String statuses) {
            for (String status : statuses.trim().split("\\s+")) {
                byStatus.putIfAbsent(status, reference(componentFor(status)));
            }
            op.removeExtension(PROBLEMS);
        }
        if (op.getRequestBody() != null) {
            byStatus.putIfAbsent("400", reference(BAD_REQUEST));
            // every body is bounded while it is read (BodyLimitFilter, docs/limits.md)
            byStatus.putIfAbsent("413", reference(CONTENT_TOO_LARGE));
        }
        byStatus.putIfAbsent("401", reference(UNAUTHORIZED));
        if (!consoleOnly(op)) {
            byStatus.putIfAbsent("403", reference(FORBIDDEN));
        }
        responses.setAPIResponses(byStatus);
        op.setResponses(responses);
    }

    /**
     * A JSON method and its multipart twin share one operation; when the twin documents its success
     * (e.g. 201 with a body), the bare 200 that the scanner derived for the other method is noise that
     * would make generated clients return nothing.
     */
    private static void dropDerivedOkBesideDocumentedSuccess(Map<String, APIResponse> byStatus) {
        APIResponse ok = byStatus.get("200");
        boolean documented = byStatus.entrySet().stream().anyMatch(e -> e.getKey().startsWith("2")
                && !e.getKey().equals("200") && e.getValue().getRef() == null);
        if (ok != null && ok.getContent() == null && ok.getRef() == null && documented) {
            byStatus.remove("200");
        }
    }

    private static String componentFor(String status) {
        return STANDARD.entrySet().stream().filter(e -> e.getValue().status().equals(status)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(PROBLEMS + ": no standard response " + status));
    }

    private static boolean consoleOnly(Operation op) {
        return op.getSecurity() != null && op.getSecurity().stream()
                .allMatch(requirement -> requirement.hasScheme(CONSOLE_SCHEME));
    }

    private static APIResponse reference(String name) {
        return OASFactory.createAPIResponse().ref(name);
    }
}
