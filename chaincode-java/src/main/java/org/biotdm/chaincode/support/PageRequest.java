package org.biotdm.chaincode.support;

/**
 * Validates the paging fields every list query accepts: {@code pageSize} (1 to {@value #MAX_PAGE_SIZE}, default
 * {@value #DEFAULT_PAGE_SIZE}) and {@code bookmark} (the value a previous page returned, default empty).
 */
public final class PageRequest {
    /** Page size used when the query names none. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** Largest page size accepted. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final int MAX_BOOKMARK_LENGTH = 1024;

    private final int pageSize;
    private final String bookmark;

    private PageRequest(final int pageSize, final String bookmark) {
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates and fills in defaults.
     *
     * @param pageSize the requested size, or {@code null} for the default
     * @param bookmark the bookmark, or {@code null} for the first page
     * @return the request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when a value is out of range
     */
    public static PageRequest of(final Long pageSize, final String bookmark) {
        final long size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ErrorCode.INVALID_ARGUMENT.error("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        final String mark = bookmark == null ? "" : bookmark;
        if (mark.length() > MAX_BOOKMARK_LENGTH) {
            throw ErrorCode.INVALID_ARGUMENT.error("bookmark exceeds " + MAX_BOOKMARK_LENGTH + " characters");
        }
        return new PageRequest((int) size, mark);
    }

    /**
     * Returns the page size.
     *
     * @return between 1 and {@value #MAX_PAGE_SIZE}
     */
    public int pageSize() {
        return pageSize;
    }

    /**
     * Returns the bookmark.
     *
     * @return the bookmark, empty for the first page
     */
    public String bookmark() {
        return bookmark;
    }
}
