package dev.visage.batch.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchOversight;
import dev.visage.batch.application.BatchOversight.CancelOutcome;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.BatchStatus;
import dev.visage.batch.domain.ItemStatus;
import dev.visage.batch.domain.JobKind;
import dev.visage.batch.domain.SourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultBatchOversightTest {

    static final UUID ID = UUID.randomUUID();

    static BatchJobView job(String tenant, String status) {
        return new BatchJobView(ID, tenant, "digest", status, "g", "local", "/photos", 10, 3, 1, 0, 2, 2, 4, 0.5, 4, 30,
                true, null, false, Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void aLiveJobIsCancelledThroughItsTenantsOwnCancel() {
        List<String> calls = new ArrayList<>();
        BatchOversight.Cancellation c = DefaultBatchOversight.cancel(ID, Optional.of(job("acme", "processing")),
                (tenant, id) -> {
                    calls.add(tenant + "/" + id);
                    return Optional.of(job(tenant, "cancelled"));
                });
        assertEquals(CancelOutcome.CANCELLED, c.outcome());
        assertEquals("cancelled", c.job().status());
        assertEquals(List.of("acme/" + ID), calls, "cancelled once, as the job's own tenant");
    }

    @Test
    void anEndedJobIsLeftAloneAndSaysSo() {
        for (String ended : List.of("completed", "failed", "cancelled")) {
            BatchOversight.Cancellation c = DefaultBatchOversight.cancel(ID, Optional.of(job("acme", ended)),
                    (tenant, id) -> {
                        throw new AssertionError("an ended job is not cancelled again");
                    });
            assertEquals(CancelOutcome.ALREADY_ENDED, c.outcome(), ended);
            assertEquals(ended, c.job().status());
        }
    }

    @Test
    void aJobThatEndsOnItsOwnMeanwhileCountsAsAlreadyEnded() {
        BatchOversight.Cancellation c = DefaultBatchOversight.cancel(ID, Optional.of(job("acme", "queued")),
                (tenant, id) -> Optional.of(job(tenant, "completed")));
        assertEquals(CancelOutcome.ALREADY_ENDED, c.outcome());
        assertEquals("completed", c.job().status());
    }

    @Test
    void anUnknownJobIsNotFound() {
        BatchOversight.Cancellation c = DefaultBatchOversight.cancel(ID, Optional.empty(), (tenant, id) -> {
            throw new AssertionError("nothing to cancel");
        });
        assertEquals(CancelOutcome.NOT_FOUND, c.outcome());
        assertNull(c.job());
        assertEquals(CancelOutcome.NOT_FOUND, DefaultBatchOversight.cancel(ID, Optional.of(job("acme", "queued")),
                (tenant, id) -> Optional.empty()).outcome(), "deleted between the read and the cancel");
    }

    @Test
    void filtersTranslateWireNamesAndNullTenantMeansEveryTenant() {
        BatchJobRepository.Filter f = DefaultBatchOversight.filter(new BatchOversight.JobFilter(null, "zip", "zip",
                Set.of("queued", "processing"), "proj"));
        assertNull(f.tenantId());
        assertEquals(JobKind.ZIP, f.kind());
        assertEquals(SourceType.ZIP, f.sourceType());
        assertEquals(EnumSet.of(BatchStatus.QUEUED, BatchStatus.PROCESSING), f.statuses());
        assertEquals("proj", f.groupId());
        assertTrue(f.anyStatus().statuses().isEmpty());
        assertEquals("proj", f.anyStatus().groupId(), "only the statuses are dropped");

        BatchJobRepository.Filter all = DefaultBatchOversight.filter(new BatchOversight.JobFilter("acme", null, null,
                Set.of(), null));
        assertEquals("acme", all.tenantId());
        assertNull(all.kind());
        assertNull(all.sourceType());
    }

    @Test
    void unknownFilterValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchOversight.JobFilter(null, "video", null, Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new BatchOversight.JobFilter(null, null, "ftp", Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new BatchOversight.JobFilter(null, null, null, Set.of("done"), null));
        assertThrows(IllegalArgumentException.class, () -> DefaultBatchOversight.itemStatuses(Set.of("completed")));
    }

    @Test
    void noItemStatusMeansEveryItem() {
        assertEquals(EnumSet.allOf(ItemStatus.class), DefaultBatchOversight.itemStatuses(Set.of()));
        assertEquals(EnumSet.of(ItemStatus.FAILED, ItemStatus.SKIPPED),
                DefaultBatchOversight.itemStatuses(Set.of("failed", "skipped")));
    }
}
