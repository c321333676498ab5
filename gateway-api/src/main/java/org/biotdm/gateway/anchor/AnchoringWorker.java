package org.biotdm.gateway.anchor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sealer and the submitter every second (or {@code biotdm.anchoring.seal-interval} and {@code
 * submit-interval}); off when {@code biotdm.anchoring.enabled} is false. A failed run (database or ledger down) is
 * logged and simply repeated on the next tick: nothing is lost, anchoring catches up when the dependency is back.
 */
@Singleton
@Requires(beans = WindowSealer.class)
@Requires(property = "biotdm.anchoring.enabled", notEquals = "false")
final class AnchoringWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AnchoringWorker.class);

    private final WindowSealer sealer;
    private final Optional<AnchorSubmitter> submitter;

    /**
     * Creates the worker.
     *
     * @param sealer the window sealer
     * @param submitter the outbox submitter, absent when no ledger is configured
     */
    public AnchoringWorker(WindowSealer sealer, Optional<AnchorSubmitter> submitter) {
        this.sealer = sealer;
        this.submitter = submitter;
    }

    /** Seals the windows that are due. */
    @Scheduled(fixedDelay = "${biotdm.anchoring.seal-interval}", initialDelay = "1s")
    void sealDue() {
        try {
            sealer.sealDue(System.currentTimeMillis());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Sealing anchoring windows failed, retrying on the next run: {}", e.toString());
        }
    }

    /** Submits the anchors that are due. */
    @Scheduled(fixedDelay = "${biotdm.anchoring.submit-interval}", initialDelay = "1s")
    void submitDue() {
        if (submitter.isEmpty()) {
            return;
        }
        try {
            submitter.get().submitDue();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Submitting anchors failed, retrying on the next run: {}", e.toString());
        }
    }
}
