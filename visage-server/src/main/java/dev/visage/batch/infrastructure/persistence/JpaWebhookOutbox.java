package dev.visage.batch.infrastructure.persistence;

import static dev.visage.batch.infrastructure.persistence.JpaBatchJobRepository.utc;

import dev.visage.batch.domain.Reasons;
import dev.visage.batch.domain.WebhookOutbox;
import dev.visage.shared.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaWebhookOutbox implements WebhookOutbox {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public void schedule(UUID jobId, String url, Instant now) {
        em.createNativeQuery("INSERT INTO batch_webhooks (job_id, url, next_attempt_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (job_id) DO NOTHING")
                .setParameter(1, jobId).setParameter(2, url).setParameter(3, utc(now)).executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Delivery> due(Instant now, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT job_id, url, attempts FROM batch_webhooks"
                        + " WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= ?1"
                        + " ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, utc(now)).setParameter(2, limit).getResultList();
        List<Delivery> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Delivery((UUID) r[0], (String) r[1], ((Number) r[2]).intValue()));
        }
        return out;
    }

    @Override
    public void delivered(UUID jobId, int status, Instant now) {
        em.createNativeQuery("UPDATE batch_webhooks SET attempts = attempts + 1, delivered_at = ?2, last_status = ?3,"
                        + " last_error = NULL WHERE job_id = ?1")
                .setParameter(1, jobId).setParameter(2, utc(now)).setParameter(3, status).executeUpdate();
    }

    @Override
    public void failed(UUID jobId, String reason, Integer status, Instant next, Instant now) {
        // Two statements rather than one with typed NULL parameters: retry later, or give up now.
        String set = next == null ? "gave_up_at = ?4" : "next_attempt_at = ?4";
        em.createNativeQuery("UPDATE batch_webhooks SET attempts = attempts + 1, last_error = ?2, last_status = ?3, "
                        + set + " WHERE job_id = ?1")
                .setParameter(1, jobId).setParameter(2, Reasons.truncate(reason))
                .setParameter(3, status == null ? -1 : status)
                .setParameter(4, utc(next == null ? now : next))
                .executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<State> state(UUID jobId) {
        List<Object[]> rows = em.createNativeQuery("SELECT attempts, delivered_at, gave_up_at, last_error"
                        + " FROM batch_webhooks WHERE job_id = ?1")
                .setParameter(1, jobId).getResultList();
        return rows.stream().findFirst().map(r -> new State(((Number) r[0]).intValue(), SqlValues.instant(r[1]), SqlValues.instant(r[2]),
                (String) r[3]));
    }
}
