package dev.visage;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JAX-RS root. Resources live at the server root because some routes must stay
 * compatible with the systems Visage replaces (e.g. {@code /stats}); Visage's own API is
 * under {@code /api/v1}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Visage API", version = "0.1.0",
                description = "Self-hosted face processing: ingest, inference, dedup, recognition and stats.",
                license = @License(name = "Apache-2.0", identifier = "Apache-2.0")),
        security = @SecurityRequirement(name = "apiKey"),
        // One description per tag, here only: resources name their tag and nothing more.
        tags = {
            @Tag(name = "Ingest", description = "The face-pipeline message over HTTP: queue messages or upload a photo"),
            @Tag(name = "Images and jobs", description = "Photos as asynchronous jobs: submit, then poll the job"),
            @Tag(name = "Faces", description = "Synchronous analysis of one photo: faces, landmarks, attributes, embeddings"),
            @Tag(name = "Recognition", description = "Companies, users and their enrolled faces; recognise, verify, detect"),
            @Tag(name = "Gallery", description = "Stored faces: similarity search, clusters, re-indexing, the digest service's face routes"),
            @Tag(name = "Digests", description = "Digests: folders or object-store prefixes processed as one job"),
            @Tag(name = "Batches", description = "Batches of images: ZIP uploads and lists of references, with progress"),
            @Tag(name = "Dedup", description = "Duplicate detection: remembered images and faces"),
            @Tag(name = "Stats", description = "Counters and timings of the pipeline"),
            @Tag(name = "Health", description = "Readiness in the runbook's shape (public)"),
            @Tag(name = "Admin: API keys", description = "Issue, list and revoke API keys (admin keys only)"),
            @Tag(name = "Admin console", description = "The admin console's JSON API (console sign-in)")},
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "apiKey",
                type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key")))
public class VisageApplication extends Application {
}
