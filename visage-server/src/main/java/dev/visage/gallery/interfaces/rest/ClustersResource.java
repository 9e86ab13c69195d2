package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.Clustering;
import dev.visage.gallery.application.GalleryException;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Clusters (people) of the caller's tenant: list, inspect, name, merge, move faces, split, re-cluster.
 * {@code group_id} picks the scope; without it, the tenant-wide scope.
 */
@RequestScoped
@Path("api/v1/clusters")
@Tag(name = "Gallery")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

    private final Clustering clustering;
    private final CallerContext caller;

    @Inject
    public ClustersResource(Clustering clustering, CallerContext caller) {
        this.clustering = clustering;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected ClustersResource() {
        this(null, null);
    }

    @JsonbNillable
    public record ClusterSummaryDto(String clusterId, String groupId, String name, int size, String representativeFaceId,
                             String representativeCropUrl) {
    }

    public record ClusterSummaryList(List<ClusterSummaryDto> clusters, int offset, int limit) {
    }

    public record ClusterFaceDto(String faceId, String imagePath, String cropUrl) {
    }

    public record ClusterDetails(ClusterSummaryDto cluster, List<ClusterFaceDto> faces) {
    }

    public record ClusterName(String name) {
    }

    public record ClusterIds(List<UUID> clusterIds) {
    }

    public record FaceIds(List<UUID> faceIds) {
    }

    public record ReclusterRequest(String groupId, Double minSimilarity, Integer minFaces) {
    }

    @GET
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "listClusters", summary = "The clusters of a group (group_id; absent: the tenant-wide clustering), largest first")
    public ClusterSummaryList list(@QueryParam("group_id") String groupId, @QueryParam("offset") String offset,
                            @QueryParam("limit") String limit) {
        int o = Forms.integer("offset", offset) == null ? 0 : Forms.integer("offset", offset);
        int l = Forms.integer("limit", limit) == null ? 100 : Forms.integer("limit", limit);
        if (o < 0) {
            throw ProblemException.badRequest("offset", "must not be negative");
        }
        if (l < 1 || l > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        try {
            return new ClusterSummaryList(clustering.list(caller.tenantId(), blank(groupId), o, l).stream()
                    .map(ClustersResource::dto).toList(), o, l);
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @GET
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getCluster", summary = "One cluster with its faces (image paths and crop links)")
    public ClusterDetails get(@PathParam("id") String id) {
        try {
            Clustering.ClusterMembers c = clustering.get(caller.tenantId(), uuid(id));
            return new ClusterDetails(dto(c.cluster()), c.faces().stream().map(f -> new ClusterFaceDto(f.faceId().toString(),
                    f.imagePath(), SearchDtos.cropUrl(f.faceId()))).toList());
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 422")
    @Operation(operationId = "renameCluster", summary = "Name a cluster {\"name\": ...} (null or empty: no name)")
    public ClusterSummaryDto rename(@PathParam("id") String id, ClusterName body) {
        try {
            return dto(clustering.rename(caller.tenantId(), uuid(id), body == null ? null : body.name()));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409 422")
    @Operation(operationId = "mergeClusters", summary = "Merge other clusters of the same group into this one {\"cluster_ids\": [...]}")
    public ClusterSummaryDto merge(@PathParam("id") String id, ClusterIds body) {
        try {
            return dto(clustering.merge(caller.tenantId(), uuid(id), body == null ? null : body.clusterIds()));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @POST
    @Path("{id}/faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409 422")
    @Operation(operationId = "moveClusterFaces", summary = "Move faces of the same group into this cluster {\"face_ids\": [...]}; re-clustering keeps them here")
    public ClusterSummaryDto move(@PathParam("id") String id, FaceIds body) {
        try {
            return dto(clustering.move(caller.tenantId(), uuid(id), body == null ? null : body.faceIds()));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409 422")
    @Operation(operationId = "splitCluster", summary = "Split faces off this cluster into a new one {\"face_ids\": [...]}; 201 with the new cluster")
    public Response split(@PathParam("id") String id, FaceIds body) {
        try {
            return Response.status(201).entity(dto(clustering.split(caller.tenantId(), uuid(id),
                    body == null ? null : body.faceIds()))).build();
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @POST
    @Path("recluster")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "reclusterFaces", summary = "Re-cluster a group from scratch {group_id, min_similarity, min_faces}; names and people's moves are kept")
    public Clustering.ReclusterReport recluster(ReclusterRequest body) {
        ReclusterRequest r = body == null ? new ReclusterRequest(null, null, null) : body;
        try {
            return clustering.recluster(caller.tenantId(), blank(r.groupId()),
                    new Clustering.Params(r.minSimilarity(), r.minFaces()));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    static ClusterSummaryDto dto(Clustering.ClusterSummary c) {
        UUID rep = c.representativeFaceId();
        return new ClusterSummaryDto(c.clusterId().toString(), c.groupId(), c.name(), c.size(),
                rep == null ? null : rep.toString(), rep == null ? null : SearchDtos.cropUrl(rep));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such cluster: " + id);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
