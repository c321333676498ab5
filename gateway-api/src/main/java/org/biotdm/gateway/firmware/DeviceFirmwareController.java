package org.biotdm.gateway.firmware;

import com.google.common.io.ByteStreams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.ingress.CurrentDevice;

/**
 * Serves {@link DeviceFirmwareOperations} on the device port; the device filter authenticates the client certificate.
 * Images stream from their file, one range at a time, on the blocking executor.
 */
@Tag(name = "Device firmware")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceFirmwareController implements DeviceFirmwareOperations {
    private final DeviceUpdates updates;

    DeviceFirmwareController(DeviceUpdates updates) {
        this.updates = updates;
    }

    @Override
    public HttpResponse<?> download(String sha256, @Nullable String range) {
        Path file = updates.image(CurrentDevice.require(), sha256);
        try {
            long size = Files.size(file);
            Optional<ByteRange> requested = ByteRange.parse(range, size);
            ByteRange bytes = requested.orElse(new ByteRange(0, size - 1));
            FileChannel channel =
                    FileChannel.open(file, StandardOpenOption.READ).position(bytes.first());
            InputStream in = ByteStreams.limit(Channels.newInputStream(channel), bytes.length());
            var response = requested.isPresent()
                    ? HttpResponse.status(HttpStatus.PARTIAL_CONTENT)
                            .header(HttpHeaders.CONTENT_RANGE, bytes.contentRange(size))
                    : HttpResponse.ok();
            return response.header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.ETAG, "\"" + sha256 + "\"")
                    .body(new StreamedFile(in, MediaType.APPLICATION_OCTET_STREAM_TYPE, 0, bytes.length()));
        } catch (ByteRange.RangeNotSatisfiableException e) {
            return HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.size())
                    .body(new ApiException(ErrorCode.FIRMWARE_RANGE_NOT_SATISFIABLE, e.getMessage()).toResponse());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CampaignDeviceRow progress(ProgressRequest report) {
        AuthenticatedDevice device = CurrentDevice.require();
        return updates.progress(device, report);
    }

    @Override
    public CampaignDeviceRow receipt(FirmwareReceiptRequest receipt) {
        return updates.receipt(CurrentDevice.require(), receipt);
    }
}
