package org.biotdm.gateway.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import org.biotdm.gateway.error.ApiException;

/** The export formats. */
public enum ExportFormat {
    /** RFC 4180 CSV with a header line, UTF-8, CRLF line ends. */
    CSV("text/csv; charset=utf-8", "csv"),
    /** One JSON array of objects, UTF-8. */
    JSON(MediaType.APPLICATION_JSON, "json");

    /** The CSV media type without parameters, for {@code @Produces}. */
    public static final String TEXT_CSV = "text/csv";

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /**
     * Returns the response's content type.
     *
     * @return the media type
     */
    public MediaType mediaType() {
        return MediaType.of(mediaType);
    }

    /**
     * Returns the file name extension.
     *
     * @return {@code csv} or {@code json}
     */
    public String extension() {
        return extension;
    }

    /**
     * Chooses the format: the {@code format} parameter, else the {@code Accept} header ({@code text/csv} → CSV), else
     * JSON.
     *
     * @param format the {@code format} parameter: {@code csv}, {@code json}, or null
     * @param accept the {@code Accept} header, or null
     * @return the format
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} for another {@code format}
     */
    public static ExportFormat choose(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw ApiException.invalid("format", "format must be csv or json");
            };
        }
        return accept != null && accept.contains("text/csv") ? CSV : JSON;
    }
}
