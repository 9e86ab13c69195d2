package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.DigestService;
import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.DigestRoots;
import dev.visage.batch.domain.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class DefaultDigestService implements DigestService {

    private static final List<String> NAMES = List.of("group_id", "confidence", "threads", "priority", "webhook_url",
            "webhook_secret");

    private final JobRegistry registry;
    private final Enumerator enumerator;
    private final BatchConfig config;
    private final BatchInstance instance;
    private final Clock clock;

    @Inject
    public DefaultDigestService(JobRegistry registry, Enumerator enumerator, BatchConfig config, BatchInstance instance,
                                Clock clock) {
        this.registry = registry;
        this.enumerator = enumerator;
        this.config = config;
        this.instance = instance;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultDigestService() {
        this(null, null, null, null, null);
    }

    @Override
    public BatchJobView submit(String tenantId, DigestRequest r) throws InvalidBatchRequest {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        BatchJob.Source source = source(r, problems);
        BatchJob.Settings settings = SettingsRules.check(r.groupId(), r.confidence(), r.threads(), r.priority(),
                r.webhookUrl(), r.webhookSecret(), config.webhookTargets(), NAMES, problems);
        SettingsRules.throwIfAny(problems);
        Instant now = clock.instant();
        BatchJob job = new BatchJob(UUID.randomUUID(), tenantId, JobKind.DIGEST, r.groupId(), source, settings, now,
                instance.owner(), now.plus(config.lease()));
        registry.create(job);
        // After the commit: should this instance die first, the lease runs out and the sweeper starts it.
        enumerator.start(job.id());
        return Views.of(job);
    }

    /** Exactly one source: a folder under a root, or an S3 bucket with a prefix. */
    private BatchJob.Source source(DigestRequest r, List<Map.Entry<String, String>> problems) {
        boolean local = r.localDirPath() != null;
        boolean s3 = r.s3Bucket() != null || r.s3Prefix() != null;
        if (local == s3) {
            String why = local ? "give either local_dir_path or s3_bucket + s3_prefix, not both"
                    : "give exactly one source: local_dir_path, or s3_bucket + s3_prefix";
            problems.add(Map.entry("local_dir_path", why));
            problems.add(Map.entry("s3_bucket", why));
            return null;
        }
        if (local) {
            try {
                Path dir = config.roots().directory(r.localDirPath());
                return BatchJob.Source.local(r.localDirPath(), dir.toString());
            } catch (DigestRoots.Refused e) {
                problems.add(Map.entry("local_dir_path", e.getMessage()));
                return null;
            }
        }
        if (r.s3Bucket() == null || r.s3Bucket().isBlank()) {
            problems.add(Map.entry("s3_bucket", "is required with s3_prefix"));
        } else if (!r.s3Bucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add(Map.entry("s3_bucket", "is not a valid bucket name"));
        }
        if (r.s3Prefix() == null) {
            problems.add(Map.entry("s3_prefix", "is required with s3_bucket (\"\" for the whole bucket)"));
        } else if (r.s3Prefix().length() > 1024) {
            problems.add(Map.entry("s3_prefix", "must be at most 1024 characters"));
        }
        return problems.isEmpty() ? BatchJob.Source.s3(r.s3Bucket(), r.s3Prefix()) : null;
    }
}
