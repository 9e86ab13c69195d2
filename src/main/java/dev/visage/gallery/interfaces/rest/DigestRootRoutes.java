package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.Clustering;
import dev.visage.inference.application.FaceAnalyzer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The digest service's face routes the digest service's paths, for its existing clients; see {@link DigestRoutes}. */
@RequestScoped
@Path("/")
@Tag(name = "Gallery")
public class DigestRootRoutes extends DigestRoutes {

    @Inject
    public DigestRootRoutes(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller,
            @ConfigProperty(name = "visage.analyze.max-bytes") int maxBytes,
            @ConfigProperty(name = "visage.analyze.max-faces") int maxFaces) {
        super(analyzer, clustering, caller, maxBytes, maxFaces);
    }

    /** For CDI proxies only. */
    protected DigestRootRoutes() {
        this(null, null, null, 0, 1);
    }
}
