package org.biotdm.chaincode.device;

import java.util.List;
import java.util.stream.Collectors;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Answers a batch transaction: {@code {"committed":n,"items":[{"device":{…},"deviceId","index"} or {"code",
 * "deviceId","index","message"}…],"refused":m}}, one item per request item, in request order.
 */
@DataType
public final class BatchResult {
    @Property
    private final List<BatchItem> items;

    BatchResult(final List<BatchItem> items) {
        this.items = List.copyOf(items);
    }

    /**
     * Returns the per-item results.
     *
     * @return one result per request item, in request order
     */
    public List<BatchItem> getItems() {
        return items;
    }

    /**
     * Returns how many items were written.
     *
     * @return the count of items with a {@code device}
     */
    public int getCommitted() {
        return (int) items.stream().filter(item -> item.getDevice() != null).count();
    }

    /**
     * Returns how many items were refused.
     *
     * @return the count of items with a {@code code}
     */
    public int getRefused() {
        return items.size() - getCommitted();
    }

    List<String> writtenIds() {
        return items.stream()
                .filter(item -> item.getDevice() != null)
                .map(BatchItem::getDeviceId)
                .collect(Collectors.toList());
    }
}
