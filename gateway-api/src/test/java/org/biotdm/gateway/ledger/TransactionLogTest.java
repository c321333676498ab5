package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.BeanProvider;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The transaction line is written on the log's own thread, yet carries the log context of the request behind it. */
class TransactionLogTest {
    @Test
    void the_transaction_line_carries_the_callers_log_context_and_leaves_the_writer_thread_clean() throws Exception {
        BeanProvider<TransactionLogRepository> noDatabase = () -> {
            throw new IllegalStateException("no database in this test");
        };
        Logger logger = (Logger) LoggerFactory.getLogger(TransactionLog.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try (TransactionLog log = new TransactionLog(noDatabase)) {
            MDC.put("requestId", "ticket-42");
            try {
                log.record("tx-1", "devices:RegisterDevice", "device:mote-1", "admin", TransactionLog.COMMITTED, 7L);
            } finally {
                MDC.clear();
            }
            log.record("tx-2", "anchors:AnchorTelemetry", null, "gateway", TransactionLog.COMMITTED, 8L);
            assertThat(log.flush(5_000)).isTrue();
        } finally {
            logger.detachAppender(captured);
        }

        assertThat(captured.list)
                .filteredOn(event -> event.getFormattedMessage().startsWith("Ledger transaction"))
                .extracting(event -> event.getMDCPropertyMap().get("requestId"))
                .containsExactly("ticket-42", null);
    }
}
