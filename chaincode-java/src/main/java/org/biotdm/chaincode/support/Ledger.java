package org.biotdm.chaincode.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Drains ledger iterators, always closing them (the shim sends QUERY_STATE_CLOSE to the peer on close).
 *
 * <p>Paginated queries are only allowed in read-only transactions: Fabric's simulator refuses a write after one, so
 * only evaluate transactions call {@link #page}.
 */
public final class Ledger {
    private Ledger() {}

    /**
     * Reads every entry of a non-paginated query.
     *
     * @param <E> the entry type: {@link KeyValue}, or a history entry
     * @param <T> the mapped type
     * @param iterator the query iterator, closed by this method
     * @param mapper maps each entry; a {@code null} result is skipped
     * @return the mapped entries in the iterator's order
     */
    public static <E, T> List<T> all(final QueryResultsIterator<E> iterator, final Function<E, T> mapper) {
        final List<T> out = new ArrayList<>();
        try (iterator) {
            for (final E entry : iterator) {
                addIfPresent(out, mapper.apply(entry));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not close ledger iterator", e);
        }
        return out;
    }

    /**
     * Reads one page of a paginated query.
     *
     * @param <T> the mapped type
     * @param iterator the paginated query iterator, closed by this method
     * @param mapper maps each entry; a {@code null} result is skipped
     * @return the page with the peer's bookmark and fetched count
     */
    public static <T> Page<T> page(
            final QueryResultsIteratorWithMetadata<KeyValue> iterator, final Function<KeyValue, T> mapper) {
        final List<T> out = new ArrayList<>();
        try (iterator) {
            for (final KeyValue entry : iterator) {
                addIfPresent(out, mapper.apply(entry));
            }
            final QueryResponseMetadata metadata = iterator.getMetadata();
            return new Page<>(out, metadata.getBookmark(), metadata.getFetchedRecordsCount());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not close ledger iterator", e);
        }
    }

    private static <T> void addIfPresent(final List<T> out, final T value) {
        if (value != null) {
            out.add(value);
        }
    }
}
