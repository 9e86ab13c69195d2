package dev.visage.access.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ApiKeyRepository {

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> find(UUID id);

    List<ApiKey> findAll();

    boolean anyActiveAdmin();

    void add(ApiKey key);
}
