package dev.visage.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3-compatible adapter (AWS S3, MinIO, S3Proxy, Ceph ...) on the AWS SDK v2 with the
 * JDK's URLConnection HTTP client. Buckets are created on first write. Uploads are spooled
 * to a temporary file first, so their length is known without holding them in memory.
 */
public class S3ObjectStore implements ObjectStore {

    /** endpoint null: AWS itself; credentials null: the SDK's default chain (env, profile, instance role). */
    public record Settings(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
    }

    private final S3Client s3;
    private final String location;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public S3ObjectStore(Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = builder.build();
        this.location = "s3:" + (settings.endpoint() == null ? "aws/" + settings.region() : settings.endpoint());
    }

    @Override
    public long put(String bucket, String key, InputStream content, String contentType) throws IOException {
        ObjectKeys.requireBucket(bucket);
        ObjectKeys.requireKey(key);
        Path spool = Files.createTempFile("visage-s3-", ".upload");
        try {
            long size = Files.copy(content, spool, StandardCopyOption.REPLACE_EXISTING);
            ensureBucket(bucket);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType == null ? "application/octet-stream"
                    : contentType).contentLength(size), RequestBody.fromFile(spool));
            return size;
        } catch (SdkException e) {
            throw new IOException("S3 put " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public Optional<InputStream> open(String bucket, String key) throws IOException {
        ObjectKeys.requireBucket(bucket);
        ObjectKeys.requireKey(key);
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 get " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 get " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String bucket, String key) throws IOException {
        ObjectKeys.requireBucket(bucket);
        ObjectKeys.requireKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 head " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 head " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) throws IOException {
        if (!exists(bucket, key)) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw new IOException("S3 delete " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        ObjectKeys.requireBucket(bucket);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                out.add(new ObjectInfo(bucket, o.key(), o.size(), o.lastModified()));
            }
            return out;
        } catch (NoSuchBucketException e) {
            return List.of();
        } catch (SdkException e) {
            throw new IOException("S3 list " + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void probe() throws IOException {
        try {
            s3.listBuckets();
        } catch (SdkException e) {
            throw new IOException("S3 unreachable at " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return location;
    }

    private void ensureBucket(String bucket) {
        if (knownBuckets.contains(bucket)) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another thread or instance created it first: fine
                knownBuckets.add(bucket);
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
        knownBuckets.add(bucket);
    }
}
