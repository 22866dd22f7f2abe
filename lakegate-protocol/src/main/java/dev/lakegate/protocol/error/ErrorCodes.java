package dev.lakegate.protocol.error;

/**
 * The error type and code names each surface uses for a status. Keyed on the status that is actually
 * sent (an error may carry an upstream's own status) and refined by category where the status alone
 * is ambiguous (budget versus permission).
 */
final class ErrorCodes {
    private ErrorCodes() {}

    /** Budgets never render as retryable, whatever status the error carries: agents must not spin on them. */
    static int status(GatewayError e) {
        return e.category() == ErrorCategory.BUDGET_EXCEEDED ? 403 : e.status();
    }

    static String anthropicType(GatewayError e, int status) {
        if (e.category() == ErrorCategory.BUDGET_EXCEEDED) {
            return "permission_error";
        }
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    static String openAiType(GatewayError e, int status) {
        if (e.category() == ErrorCategory.BUDGET_EXCEEDED) {
            return "insufficient_quota";
        }
        if (status == 429) {
            return "requests";
        }
        return status < 500 ? "invalid_request_error" : "server_error";
    }

    /** OpenAI's machine-readable {@code code}; null where OpenAI itself sends null (plain 400s, 5xx). */
    static String openAiCode(GatewayError e, int status) {
        if (e.category() == ErrorCategory.BUDGET_EXCEEDED) {
            return "budget_exceeded";
        }
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "permission_denied";
            case 404 -> e.param().filter("model"::equals).isPresent() ? "model_not_found" : "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    /**
     * The {@code response.error.code} of a Responses {@code response.failed} event. Codex CLI retries every
     * failed response except those with codes it knows to be final, so a budget must say
     * {@code insufficient_quota} here; 5xx say {@code server_error} as OpenAI does.
     */
    static String responsesFailedCode(GatewayError e, int status) {
        if (e.category() == ErrorCategory.BUDGET_EXCEEDED) {
            return "insufficient_quota";
        }
        if (status >= 500) {
            return "server_error";
        }
        String code = openAiCode(e, status);
        return code != null ? code : openAiType(e, status);
    }

    /** google.rpc.Code names as Google's HTTP mapping uses them. */
    static String googleStatus(GatewayError e, int status) {
        if (e.category() == ErrorCategory.BUDGET_EXCEEDED) {
            return "PERMISSION_DENIED";
        }
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status < 500 ? "INVALID_ARGUMENT" : "INTERNAL";
        };
    }
}
