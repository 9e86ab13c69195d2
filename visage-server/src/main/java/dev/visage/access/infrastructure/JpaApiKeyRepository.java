package dev.visage.access.infrastructure;

import dev.visage.access.domain.ApiKey;
import dev.visage.access.domain.ApiKeyRepository;
import dev.visage.access.domain.KeyRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaApiKeyRepository implements ApiKeyRepository {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return em.createQuery("select k from ApiKey k where k.keyHash = :hash", ApiKey.class)
                .setParameter("hash", keyHash).getResultStream().findFirst();
    }

    @Override
    public Optional<ApiKey> find(UUID id) {
        return Optional.ofNullable(em.find(ApiKey.class, id));
    }

    @Override
    public List<ApiKey> findAll() {
        return em.createQuery("select k from ApiKey k order by k.createdAt", ApiKey.class).getResultList();
    }

    @Override
    public boolean anyActiveAdmin() {
        return em.createQuery("select count(k) from ApiKey k where k.role = :role and k.revokedAt is null", Long.class)
                .setParameter("role", KeyRole.ADMIN).getSingleResult() > 0;
    }

    @Override
    public void add(ApiKey key) {
        em.persist(key);
    }
}
