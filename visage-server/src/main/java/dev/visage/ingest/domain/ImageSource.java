package dev.visage.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where a job's image comes from: an object in storage, or a URL to fetch. */
@Embeddable
public class ImageSource {

    @Column(name = "source_bucket")
    private String bucket;

    @Column(name = "source_key", length = 1024)
    private String key;

    @Column(name = "source_url", length = 2048)
    private String url;

    protected ImageSource() {
    }

    private ImageSource(String bucket, String key, String url) {
        this.bucket = bucket;
        this.key = key;
        this.url = url;
    }

    public static ImageSource object(String bucket, String key) {
        return new ImageSource(bucket, key, null);
    }

    public static ImageSource url(String url) {
        return new ImageSource(null, null, url);
    }

    public boolean isUrl() {
        return url != null;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String url() {
        return url;
    }
}
