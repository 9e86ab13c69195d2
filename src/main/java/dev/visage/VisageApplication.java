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

/**
 * The JAX-RS root. Resources live at the server root because some routes must stay
 * compatible with the systems Visage replaces (e.g. {@code /stats}); Visage's own API is
 * under {@code /api/v1}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Visage API", version = "0.1.0",
                description = "Self-hosted face processing: ingest, inference, dedup, recognition and stats.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "apiKey"),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "apiKey",
                type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key")))
public class VisageApplication extends Application {
}
