package org.biotdm.gateway.fuzz;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ErrorCode;

/**
 * What every response of the gateway must be, whatever was asked: below 500; a refusal in the one error shape
 * ({@code {code, message, transactionId?, timestamp}}, {@code protocol/errors.md}) whose code is in the catalogue and
 * whose status is the code's; no stack trace or exception class name in any body.
 */
final class ResponseRules {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern STACK_TRACE =
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\.java:\\d+|[a-z]\\.[A-Za-z]+(Exception|Error)\\b");

    private ResponseRules() {}

    /**
     * Checks a response.
     *
     * @param response the response
     * @return what is wrong with it, or null when nothing is
     */
    static String fault(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (STACK_TRACE.matcher(body).find()) {
            return status + " with a stack trace or exception name: " + abbreviate(body);
        }
        if (status >= 500) {
            return status + ": " + abbreviate(body);
        }
        if (status < 400 || "HEAD".equals(response.request().method())) {
            return null;
        }
        Matcher code = CODE.matcher(body);
        if (!code.find() || !body.contains("\"message\"") || !body.contains("\"timestamp\"")) {
            return status + " not in the one error shape: " + abbreviate(body);
        }
        ErrorCode known;
        try {
            known = ErrorCode.valueOf(code.group(1));
        } catch (IllegalArgumentException e) {
            return status + " with a code outside the catalogue: " + code.group(1);
        }
        return known.status().getCode() == status ? null : status + " but " + known + " is " + known.status();
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
