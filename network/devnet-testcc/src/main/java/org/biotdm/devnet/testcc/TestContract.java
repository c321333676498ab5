package org.biotdm.devnet.testcc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Transactions that each exercise one shim request or failure mode. Arguments are strings; lists are comma-separated;
 * results are raw strings or JSON.
 */
@Contract(name = "TestContract")
@Default
public final class TestContract implements ContractInterface {

    /** Error code of {@link #get}. */
    public static final String NOT_FOUND = "NOT_FOUND";

    /**
     * Writes a key.
     *
     * @param ctx the transaction context
     * @param key the key
     * @param value the value (UTF-8)
     */
    @Transaction(name = "Put")
    public void put(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
    }

    /**
     * Reads a key.
     *
     * @param ctx the transaction context
     * @param key the key
     * @return the value
     * @throws ChaincodeException {@code NOT_FOUND} when the key does not exist
     */
    @Transaction(name = "Get", intent = Transaction.TYPE.EVALUATE)
    public String get(final Context ctx, final String key) {
        String value = ctx.getStub().getStringState(key);
        if (value.isEmpty()) {
            throw new ChaincodeException("[NOT_FOUND] Key " + key + " does not exist", NOT_FOUND);
        }
        return value;
    }

    /**
     * Deletes a key.
     *
     * @param ctx the transaction context
     * @param key the key
     */
    @Transaction(name = "Delete")
    public void delete(final Context ctx, final String key) {
        ctx.getStub().delState(key);
    }

    /**
     * Writes a composite key.
     *
     * @param ctx the transaction context
     * @param objectType the object type
     * @param attrsCsv the attributes
     * @param value the value
     * @return the composite key
     */
    @Transaction(name = "PutComposite")
    public String putComposite(final Context ctx, final String objectType, final String attrsCsv, final String value) {
        ChaincodeStub stub = ctx.getStub();
        String key = stub.createCompositeKey(objectType, csv(attrsCsv)).toString();
        stub.putStringState(key, value);
        return key;
    }

    /**
     * Reads a plain key range.
     *
     * @param ctx the transaction context
     * @param start the first key ("" for the beginning)
     * @param end the end key, exclusive ("" for unbounded)
     * @return a JSON array of {@code {key, value}}
     */
    @Transaction(name = "Range", intent = Transaction.TYPE.EVALUATE)
    public String range(final Context ctx, final String start, final String end) {
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            return keyValues(results).toString();
        } catch (Exception e) {
            throw new ChaincodeException("[RANGE_FAILED] " + e.getMessage(), e);
        }
    }

    /**
     * Reads the composite keys with a given prefix.
     *
     * @param ctx the transaction context
     * @param objectType the object type
     * @param attrsCsv the leading attributes
     * @return a JSON array of {@code {key, value}}
     */
    @Transaction(name = "PartialComposite", intent = Transaction.TYPE.EVALUATE)
    public String partialComposite(final Context ctx, final String objectType, final String attrsCsv) {
        try (QueryResultsIterator<KeyValue> results =
                ctx.getStub().getStateByPartialCompositeKey(objectType, csv(attrsCsv))) {
            return keyValues(results).toString();
        } catch (Exception e) {
            throw new ChaincodeException("[RANGE_FAILED] " + e.getMessage(), e);
        }
    }

    /**
     * Reads one page of a plain key range.
     *
     * @param ctx the transaction context
     * @param start the first key
     * @param end the end key, exclusive
     * @param pageSize the page size
     * @param bookmark the bookmark of the previous page, or ""
     * @return JSON {@code {records: [{key, value}], bookmark, count}}
     */
    @Transaction(name = "RangePage", intent = Transaction.TYPE.EVALUATE)
    public String rangePage(
            final Context ctx, final String start, final String end, final String pageSize, final String bookmark) {
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                ctx.getStub().getStateByRangeWithPagination(start, end, Integer.parseInt(pageSize), bookmark)) {
            return new JSONObject()
                    .put("records", keyValues(results))
                    .put("bookmark", results.getMetadata().getBookmark())
                    .put("count", results.getMetadata().getFetchedRecordsCount())
                    .toString();
        } catch (Exception e) {
            throw new ChaincodeException("[RANGE_FAILED] " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key's history.
     *
     * @param ctx the transaction context
     * @param key the key
     * @return a JSON array, newest first, of {@code {txId, value, timestampSeconds, nanos, isDelete}}
     */
    @Transaction(name = "History", intent = Transaction.TYPE.EVALUATE)
    public String history(final Context ctx, final String key) {
        JSONArray array = new JSONArray();
        try (QueryResultsIterator<KeyModification> results = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification modification : results) {
                array.put(new JSONObject()
                        .put("txId", modification.getTxId())
                        .put("value", modification.getStringValue())
                        .put("timestampSeconds", modification.getTimestamp().getEpochSecond())
                        .put("nanos", modification.getTimestamp().getNano())
                        .put("isDelete", modification.isDeleted()));
            }
        } catch (Exception e) {
            throw new ChaincodeException("[HISTORY_FAILED] " + e.getMessage(), e);
        }
        return array.toString();
    }

    /**
     * Sets a key-level endorsement policy requiring a peer of every listed organisation.
     *
     * @param ctx the transaction context
     * @param key the key
     * @param mspIdsCsv the MSP IDs
     */
    @Transaction(name = "SetKeyPolicy")
    public void setKeyPolicy(final Context ctx, final String key, final String mspIdsCsv) {
        StateBasedEndorsement endorsement =
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        endorsement.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, csv(mspIdsCsv));
        ctx.getStub().setStateValidationParameter(key, endorsement.policy());
    }

    /**
     * Reads a key-level endorsement policy.
     *
     * @param ctx the transaction context
     * @param key the key
     * @return the base64 of the serialized {@code SignaturePolicyEnvelope}, or "" when there is none
     */
    @Transaction(name = "GetKeyPolicy", intent = Transaction.TYPE.EVALUATE)
    public String getKeyPolicy(final Context ctx, final String key) {
        byte[] policy = ctx.getStub().getStateValidationParameter(key);
        return policy == null ? "" : Base64.getEncoder().encodeToString(policy);
    }

    /**
     * Reads an integer key, adds one and writes it back: a read-modify-write for MVCC conflict tests.
     *
     * @param ctx the transaction context
     * @param key the key
     * @return the new value
     */
    @Transaction(name = "Increment")
    public String increment(final Context ctx, final String key) {
        String current = ctx.getStub().getStringState(key);
        int next = (current.isEmpty() ? 0 : Integer.parseInt(current)) + 1;
        ctx.getStub().putStringState(key, Integer.toString(next));
        return Integer.toString(next);
    }

    /**
     * Sets the transaction's event and writes the marker key {@code event~<name>}.
     *
     * @param ctx the transaction context
     * @param eventName the event name
     * @param payload the event payload (UTF-8)
     */
    @Transaction(name = "Emit")
    public void emit(final Context ctx, final String eventName, final String payload) {
        ctx.getStub().setEvent(eventName, payload.getBytes(UTF_8));
        ctx.getStub().putStringState("event~" + eventName, payload);
    }

    /**
     * Writes {@code count} keys {@code prefix + zero-padded index} (5 digits) with values {@code v<index>}.
     *
     * @param ctx the transaction context
     * @param prefix the key prefix
     * @param count how many keys
     * @return the count
     */
    @Transaction(name = "PutMany")
    public String putMany(final Context ctx, final String prefix, final String count) {
        int n = Integer.parseInt(count);
        for (int i = 0; i < n; i++) {
            ctx.getStub().putStringState(prefix + String.format("%05d", i), "v" + i);
        }
        return Integer.toString(n);
    }

    /**
     * Fails with a contract error.
     *
     * @param ctx the transaction context
     * @param message the error message the client sees
     */
    @Transaction(name = "Fail")
    public void fail(final Context ctx, final String message) {
        throw new ChaincodeException(message);
    }

    /**
     * Fails with an unchecked exception, which the Contract API hides as "Error during contract method execution".
     *
     * @param ctx the transaction context
     */
    @Transaction(name = "FailUnchecked")
    public void failUnchecked(final Context ctx) {
        throw new IllegalStateException("FailUnchecked was called");
    }

    /**
     * Kills the chaincode process at once, for restart tests.
     *
     * @param ctx the transaction context
     */
    @Transaction(name = "Crash")
    public void crash(final Context ctx) {
        Runtime.getRuntime().halt(1);
    }

    /**
     * Describes the caller.
     *
     * @param ctx the transaction context
     * @return JSON {@code {mspId, id, role, stubMspId}}; role is the {@code biotdm.role} attribute or null
     */
    @Transaction(name = "Identity", intent = Transaction.TYPE.EVALUATE)
    public String identity(final Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        return new JSONObject()
                .put("mspId", identity.getMSPID())
                .put("id", identity.getId())
                .put("role", identity.getAttributeValue("biotdm.role"))
                .put("stubMspId", ctx.getStub().getMspId())
                .toString();
    }

    /**
     * Runs a CouchDB rich query; a LevelDB peer refuses it, so this fails with the shim's "Unsuccessful response".
     *
     * @param ctx the transaction context
     * @param query the Mango query
     * @return a JSON array of {@code {key, value}}
     */
    @Transaction(name = "RichQuery", intent = Transaction.TYPE.EVALUATE)
    public String richQuery(final Context ctx, final String query) {
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getQueryResult(query)) {
            return keyValues(results).toString();
        } catch (ChaincodeException e) {
            throw e;
        } catch (Exception e) {
            throw new ChaincodeException("[QUERY_FAILED] " + e.getMessage(), e);
        }
    }

    /**
     * Writes private data, which a peer without collections refuses.
     *
     * @param ctx the transaction context
     * @param collection the collection
     * @param key the key
     * @param value the value
     */
    @Transaction(name = "PrivatePut")
    public void privatePut(final Context ctx, final String collection, final String key, final String value) {
        ctx.getStub().putPrivateData(collection, key, value.getBytes(UTF_8));
    }

    /**
     * Sleeps, to hold a transaction open for concurrency and timeout tests.
     *
     * @param ctx the transaction context
     * @param millis how long, in milliseconds
     * @return "slept"
     */
    @Transaction(name = "Sleep", intent = Transaction.TYPE.EVALUATE)
    public String sleep(final Context ctx, final String millis) {
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept";
    }

    /**
     * Registers a device like the benchmark's transaction: one read of the plain key {@code org~<org>} and one write
     * of the composite key {@code device[org, deviceId]}.
     *
     * @param ctx the transaction context
     * @param deviceId the device ID
     * @param org the owning organisation
     * @return the device JSON written
     */
    @Transaction(name = "RegisterDevice")
    public String registerDevice(final Context ctx, final String deviceId, final String org) {
        ChaincodeStub stub = ctx.getStub();
        boolean orgKnown = !stub.getStringState("org~" + org).isEmpty();
        String device = new JSONObject()
                .put("deviceId", deviceId)
                .put("org", org)
                .put("orgKnown", orgKnown)
                .toString();
        stub.putStringState(stub.createCompositeKey("device", org, deviceId).toString(), device);
        return device;
    }

    /**
     * Calls another chaincode on the same channel.
     *
     * @param ctx the transaction context
     * @param chaincodeName the callee
     * @param argsCsv the callee's function and arguments
     * @return JSON {@code {status, message, payload}} of the callee's response
     */
    @Transaction(name = "Invoke")
    public String invoke(final Context ctx, final String chaincodeName, final String argsCsv) {
        List<byte[]> args = new ArrayList<>();
        for (String arg : csv(argsCsv)) {
            args.add(arg.getBytes(UTF_8));
        }
        Chaincode.Response response = ctx.getStub().invokeChaincode(chaincodeName, args);
        return new JSONObject()
                .put("status", response.getStatus().getCode())
                .put("message", response.getMessage() == null ? "" : response.getMessage())
                .put("payload", response.getPayload() == null ? "" : response.getStringPayload())
                .toString();
    }

    private static String[] csv(final String value) {
        return value.isEmpty() ? new String[0] : value.split(",", -1);
    }

    private static JSONArray keyValues(final Iterable<KeyValue> results) {
        JSONArray array = new JSONArray();
        for (KeyValue kv : results) {
            array.put(new JSONObject().put("key", kv.getKey()).put("value", kv.getStringValue()));
        }
        return array;
    }
}
