package dev.visage.ingest.domain;

import java.util.Optional;
import java.util.UUID;

public interface ImageJobRepository {

    void add(ImageJob job);

    Optional<ImageJob> find(UUID id);
}
