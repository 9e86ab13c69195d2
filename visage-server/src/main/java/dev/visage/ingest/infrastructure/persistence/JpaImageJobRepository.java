package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.domain.ImageJob;
import dev.visage.ingest.domain.ImageJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaImageJobRepository implements ImageJobRepository {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public void add(ImageJob job) {
        em.persist(job);
    }

    @Override
    public Optional<ImageJob> find(UUID id) {
        return Optional.ofNullable(em.find(ImageJob.class, id));
    }
}
