package dev.visage.batch.infrastructure.source;

import dev.visage.batch.application.internal.BatchConfig;
import dev.visage.batch.domain.BatchItemRepository.NewItem;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.ImageFiles;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.SourceType;
import dev.visage.batch.domain.ZipLimits;
import dev.visage.shared.io.ImageSniffer;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The entries of an uploaded ZIP, read as a stream one entry at a time (neither the archive nor
 * its central directory is held in memory, and the sizes it declares are not trusted). Each
 * image entry is measured while it is copied to a temporary file, hashed, and stored as an
 * object of the raw-images bucket ({@code <tenant>/<yyyy>/<MM>/<dd>/<sha256>}, as uploads are);
 * entries that are unsafe (zip-slip), bombs, or not images are skipped with the reason.
 */
@ApplicationScoped
public class ZipArchiveFeed implements ItemFeed {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final int BUFFER = 64 * 1024;

    private final ObjectStore store;
    private final BatchConfig config;
    private final Clock clock;

    @Inject
    public ZipArchiveFeed(ObjectStore store, BatchConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ZipArchiveFeed() {
        this(null, null, null);
    }

    @Override
    public SourceType type() {
        return SourceType.ZIP;
    }

    @Override
    public void feed(BatchJob job, ItemSink sink) throws SourceUnavailable, IOException {
        if (job.uploadKey() == null) {
            throw new SourceUnavailable("the uploaded archive was already extracted or discarded");
        }
        Optional<InputStream> archive = store.open(job.uploadBucket(), job.uploadKey());
        if (archive.isEmpty()) {
            throw new SourceUnavailable("the uploaded archive is gone");
        }
        try (InputStream in = archive.get()) {
            extract(in, config.zipLimits(), new EntryStore() {
                @Override
                public String put(Path file, String sha256, String format) throws IOException {
                    String key = job.tenantId() + "/" + DAY.format(clock.instant()) + "/" + sha256;
                    if (!store.exists(config.rawBucket(), key)) {
                        try (InputStream content = Files.newInputStream(file)) {
                            store.put(config.rawBucket(), key, content, "image/" + format);
                        }
                    }
                    return config.rawBucket() + "/" + key;
                }
            }, sink);
        }
    }

    /** Where extracted images go; returns "bucket/key". */
    interface EntryStore {
        String put(Path file, String sha256, String format) throws IOException;
    }

    /** Extracts the archive's image entries through {@code entries} into the sink, refusing what the limits forbid. */
    static void extract(InputStream archive, ZipLimits limits, EntryStore entries, ItemSink sink)
            throws SourceUnavailable, IOException {
        long total = 0;
        long count = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new BufferedInputStream(archive, BUFFER),
                StandardCharsets.UTF_8.name(), true, true)) {
            ZipArchiveEntry entry;
            while ((entry = next(zip, count)) != null) {
                count++;
                Optional<String> stop = limits.archiveProblem(total, count);
                if (stop.isPresent()) {
                    sink.accept(NewItem.skipped("(archive)", stop.get()));
                    sink.truncated(stop.get());
                    return;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                Optional<String> unsafe = ZipLimits.unsafeName(name);
                NewItem item;
                if (unsafe.isPresent()) {
                    item = NewItem.skipped(name, unsafe.get());
                } else if (ImageFiles.hidden(name)) {
                    continue;
                } else if (!ImageFiles.hasImageExtension(name)) {
                    item = NewItem.skipped(name, "not an image: " + ImageFiles.extension(name).map(e -> "." + e + " file")
                            .orElse("no file extension"));
                } else if (!zip.canReadEntryData(entry)) {
                    item = NewItem.skipped(name, "unsupported entry: encrypted or compressed with method "
                            + entry.getMethod());
                } else {
                    Copied copied = copy(zip, limits, total);
                    total += copied.bytes();
                    try {
                        item = copied.refusal() != null ? NewItem.skipped(name, copied.refusal())
                                : stored(name, entries, copied);
                    } finally {
                        Files.deleteIfExists(copied.file());
                    }
                    if (copied.archiveStop() != null) {
                        sink.accept(item);
                        sink.accept(NewItem.skipped("(archive)", copied.archiveStop()));
                        sink.truncated(copied.archiveStop());
                        return;
                    }
                }
                if (!sink.accept(item)) {
                    return;
                }
            }
        }
    }

    private static NewItem stored(String name, EntryStore entries, Copied copied) throws IOException {
        String location = entries.put(copied.file(), copied.sha256(), copied.format());
        int slash = location.indexOf('/');
        return NewItem.image(name, location.substring(0, slash), location.substring(slash + 1), null);
    }

    private static ZipArchiveEntry next(ZipArchiveInputStream zip, long count) throws SourceUnavailable, IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException e) {
            if (count == 0) {
                throw new SourceUnavailable("not a readable ZIP archive: " + e.getMessage(), e);
            }
            throw new SourceUnavailable("the archive is corrupt after " + count + " entries: " + e.getMessage(), e);
        }
    }

    /**
     * One entry copied to a temporary file, or refused part-way.
     *
     * @param refusal     why the entry is skipped (bomb, not an image), or null
     * @param archiveStop why the whole extraction stops (archive total), or null
     */
    record Copied(Path file, long bytes, String sha256, String format, String refusal, String archiveStop) {
    }

    static Copied copy(ZipArchiveInputStream zip, ZipLimits limits, long totalBefore) throws IOException {
        Path tmp = Files.createTempFile("visage-zip-", ".entry");
        MessageDigest sha = sha256();
        long n = 0;
        byte[] buffer = new byte[BUFFER];
        byte[] head = new byte[ImageSniffer.HEAD];
        int headLength = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            int r;
            while ((r = zip.read(buffer)) > 0) {
                if (headLength < head.length) {
                    int take = Math.min(head.length - headLength, r);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                    if (headLength == head.length && ImageSniffer.sniff(head, headLength).isEmpty()) {
                        return new Copied(tmp, n + r, null, null, notAnImage(), null);
                    }
                }
                n += r;
                Optional<String> bomb = limits.entryProblem(n, zip.getCompressedCount());
                if (bomb.isPresent()) {
                    return new Copied(tmp, n, null, null, bomb.get(), null);
                }
                Optional<String> stop = limits.archiveProblem(totalBefore + n, 0);
                if (stop.isPresent()) {
                    return new Copied(tmp, n, null, null, stop.get(), stop.get());
                }
                out.write(buffer, 0, r);
            }
        }
        Optional<String> format = ImageSniffer.sniff(head, headLength);
        if (format.isEmpty()) {
            return new Copied(tmp, n, null, null, notAnImage(), null);
        }
        return new Copied(tmp, n, HexFormat.of().formatHex(sha.digest()), format.get(), null, null);
    }

    private static String notAnImage() {
        return "not an image: the content is not JPEG, PNG, WebP or BMP";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
