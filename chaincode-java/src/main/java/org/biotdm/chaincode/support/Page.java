package org.biotdm.chaincode.support;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Carries one page of a paginated query: {@code {"bookmark":…,"fetchedCount":…,"records":[…]}}.
 *
 * @param <T> the record type
 */
@DataType
public final class Page<T> {
    @Property
    private final List<T> records;

    @Property
    private final String bookmark;

    @Property
    private final int fetchedCount;

    /**
     * Creates a page.
     *
     * @param records the records of this page
     * @param bookmark where the next page starts; empty when this is the last page
     * @param fetchedCount how many ledger entries the peer read for this page
     */
    public Page(final List<T> records, final String bookmark, final int fetchedCount) {
        this.records = List.copyOf(records);
        this.bookmark = bookmark;
        this.fetchedCount = fetchedCount;
    }

    /**
     * Returns the records.
     *
     * @return an unmodifiable list
     */
    public List<T> getRecords() {
        return records;
    }

    /**
     * Returns the bookmark to pass back for the next page.
     *
     * @return the bookmark, empty on the last page
     */
    public String getBookmark() {
        return bookmark;
    }

    /**
     * Returns how many entries the peer read.
     *
     * @return the fetched record count
     */
    public int getFetchedCount() {
        return fetchedCount;
    }
}
