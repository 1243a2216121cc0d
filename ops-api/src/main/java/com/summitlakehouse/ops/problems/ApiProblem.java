package com.summitlakehouse.ops.problems;

import java.util.List;

/**
 * A failure the caller can act on. Rendered once, as {@code application/problem+json}, by {@link ProblemMappers}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    private ApiProblem(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(400, "Invalid request", describe(errors), errors, null);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** Throws the 400 for {@code errors} collected by a validation, when there are any. */
    public static void failIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, List.of(), null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of(), null);
    }

    public static ApiProblem tooManyRequests(String detail, int retryAfterSeconds) {
        return new ApiProblem(429, "Too many requests", detail, List.of(), retryAfterSeconds);
    }

    public static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        return new ApiProblem(503, "Service unavailable", detail, List.of(), retryAfterSeconds);
    }

    public static ApiProblem of(int status, String title, String detail) {
        return new ApiProblem(status, title, detail, List.of(), null);
    }

    private static String describe(List<FieldError> errors) {
        if (errors.size() == 1) {
            FieldError only = errors.get(0);
            return only.field() + ": " + only.message();
        }
        return errors.size() + " fields are invalid";
    }

    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
