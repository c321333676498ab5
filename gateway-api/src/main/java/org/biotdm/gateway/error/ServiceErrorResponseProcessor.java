package org.biotdm.gateway.error;

import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Gives the errors Micronaut produces itself (unknown routes, wrong methods, unreadable or oversized bodies, binding
 * and validation failures, unexpected 500s) the service's {@link ErrorResponse} shape. Replaces Micronaut's default
 * JSON error body, which carries HAL links and exception text. Server errors never echo exception text.
 *
 * <p>Codes: {@code INVALID_ARGUMENT} with one violation per field for bean validation failures, and on the API port
 * also for a body that is not JSON, has wrong types or is missing; on the device port, whose codes deployed firmware
 * knows, {@code REQUEST_MALFORMED} for a body that is not JSON, {@code TELEMETRY_TOO_LARGE} for an oversized telemetry
 * body and {@code BAD_REQUEST} for other binding failures; {@code FIRMWARE_IMAGE_TOO_LARGE} for a firmware upload over its
 * limit; otherwise {@link ErrorResponses#defaultCode}.
 */
@Singleton
final class ServiceErrorResponseProcessor implements ErrorResponseProcessor<ErrorResponse> {
    private static final String DEVICE_PREFIX = "/device/";
    private static final String TELEMETRY_PATH = "/device/v1/telemetry";
    private static final String FIRMWARE_UPLOAD_PATH = "/api/v1/firmware";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorResponse> processResponse(
            ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
        MutableHttpResponse<ErrorResponse> response = (MutableHttpResponse<ErrorResponse>) baseResponse;
        if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
            return response;
        }
        Throwable cause = errorContext.getRootCause().orElse(null);
        String path = errorContext.getRequest().getPath();
        ErrorCode code = codeFor(baseResponse.getStatus(), cause, path);
        List<ErrorResponse.Violation> violations = violations(cause, errorContext);
        String message = code.status().getCode() >= 500 ? code.status().getReason() : messageFor(errorContext, code);
        response.status(code.status());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorResponse(
                        code.name(),
                        violations.isEmpty() ? message : summary(violations),
                        null,
                        System.currentTimeMillis(),
                        violations.isEmpty() ? null : violations,
                        null));
    }

    private static ErrorCode codeFor(HttpStatus status, Throwable cause, String path) {
        if (cause instanceof ConstraintViolationException) {
            return ErrorCode.INVALID_ARGUMENT;
        }
        boolean devicePort = path.startsWith(DEVICE_PREFIX);
        if (devicePort && cause instanceof JsonSyntaxException) {
            return ErrorCode.REQUEST_MALFORMED;
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && TELEMETRY_PATH.equals(path)) {
            return ErrorCode.TELEMETRY_TOO_LARGE;
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && FIRMWARE_UPLOAD_PATH.equals(path)) {
            return ErrorCode.FIRMWARE_IMAGE_TOO_LARGE;
        }
        return ErrorResponses.defaultCode(status, devicePort);
    }

    private static String messageFor(ErrorContext errorContext, ErrorCode code) {
        if (errorContext.hasErrors()) {
            return errorContext.getErrors().get(0).getMessage();
        }
        return code == ErrorCode.INVALID_ARGUMENT
                ? "The request is malformed"
                : code.status().getReason();
    }

    /** Names the fields of a validation or binding failure: the method node left out, the rest dotted. */
    private static List<ErrorResponse.Violation> violations(Throwable cause, ErrorContext errorContext) {
        if (cause instanceof ConstraintViolationException e) {
            return e.getConstraintViolations().stream()
                    .map(v -> new ErrorResponse.Violation(field(v.getPropertyPath()), v.getMessage()))
                    .sorted(Comparator.comparing(ErrorResponse.Violation::field))
                    .toList();
        }
        if (cause instanceof ConversionErrorException e) {
            // The converter's own text ("Failed to convert argument [from] ... For input string ...") names Java
            // types and internals; the field gets a fixed sentence from its declared type instead.
            Argument<?> argument = e.getArgument();
            return List.of(new ErrorResponse.Violation(argument.getName(), expected(argument.getType())));
        }
        return List.of();
    }

    /** Says what a value of a parameter's type looks like, without the converter's internals. */
    static String expected(Class<?> type) {
        if (type == int.class
                || type == long.class
                || type == Integer.class
                || type == Long.class
                || type == short.class
                || type == Short.class) {
            return "must be an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        return "has the wrong form";
    }

    /**
     * Names the field of a constraint violation: the method node left out, a {@code @Body} parameter (the one
     * parameter whose properties were validated) written {@code body}, the rest dotted with indexes and keys.
     *
     * @param path the violation's property path
     * @return for example {@code body.claimTokenExpiresAt}, {@code body.readings[2].sensor} or {@code deviceId}
     */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringJoiner field = new StringJoiner(".");
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            boolean body = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            String name = body ? "body" : node.getName();
            if (name == null || name.isEmpty()) {
                continue;
            }
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            } else if (node.getKey() != null) {
                name = name + "[" + node.getKey() + "]";
            }
            field.add(name);
        }
        return field.toString();
    }

    private static String summary(List<ErrorResponse.Violation> violations) {
        StringJoiner text = new StringJoiner("; ");
        violations.forEach(v -> text.add(v.field() + ": " + v.message()));
        return text.toString();
    }
}
