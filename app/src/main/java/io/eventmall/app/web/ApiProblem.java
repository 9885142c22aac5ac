package io.eventmall.app.web;

import io.eventmall.api.Refusal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Thrown by the web layer for refusals decided before any command is sent (authorization, missing
 * read-model entries, bad parameters). Rendered as problem+json with its stable code.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, null);
    }

    /** A refusal the client may try again after the given time (429, 503): answered with Retry-After. */
    public ApiProblem(HttpStatus status, String code, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiProblem of(Refusal refusal, String detail) {
        return new ApiProblem(HttpStatus.valueOf(refusal.httpStatus()), refusal.name(), detail);
    }

    public static ApiProblem notFound(String what, String id) {
        return of(Refusal.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiProblem forbidden(String detail) {
        return of(Refusal.FORBIDDEN, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
