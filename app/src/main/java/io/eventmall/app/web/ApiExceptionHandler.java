package io.eventmall.app.web;

import org.apache.catalina.connector.ClientAbortException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.search.SearchUnavailable;
import io.eventmall.app.resilience.DependencyUnavailable;
import io.eventmall.query.redis.ReadModelUnavailable;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to problem+json with a stable code: bad input is a 400, never a 500. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final String VALIDATION_FAILED = Refusal.VALIDATION_FAILED.name();

    private final ProblemResponses problems;

    /** HikariCP's message for a statement on a connection the pool has closed (ProxyConnection.ClosedConnection). */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    ApiExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> refused(RuleViolation e) {
        return refusal(e.refusal(), e.getMessage());
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
        return e.retryAfter()
                .map(wait -> problems.retryLater(e.status(), e.code(), e.getMessage(), wait))
                .orElseGet(() -> problems.entity(e.status(), e.code(), e.getMessage()));
    }

    /** With a distributed command bus (Axon Server) a refusal arrives wrapped, its code in the details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> remoteRefusal(CommandExecutionException e) {
        Optional<Refusal> refusal = e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast);
        if (refusal.isPresent()) {
            return refusal(refusal.get(), e.getMessage());
        }
        if (e.getCause() instanceof RuleViolation violation) {
            return refused(violation);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return problems.entity(HttpStatus.NOT_FOUND, Refusal.NOT_FOUND.name(),
                "no such resource: " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return problems.retryLater(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                "the resource was changed concurrently; retry", Duration.ofSeconds(1));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return problems.entity(HttpStatus.CONFLICT, Refusal.DUPLICATE_REQUEST.name(), "it already exists");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        ResponseEntity<ProblemDetail> response = problems.entity(HttpStatus.BAD_REQUEST, VALIDATION_FAILED,
                detail.isEmpty() ? "invalid request body" : detail);
        response.getBody().setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage())).toList());
        return response;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
            ConstraintViolationException.class, HandlerMethodValidationException.class})
    ResponseEntity<ProblemDetail> badRequest(Exception e) {
        Optional<Throwable> tooLarge = cause(e, RequestBodyLimit.TooLarge.class);
        if (tooLarge.isPresent()) {
            return problems.entity(HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyLimit.CODE, tooLarge.get().getMessage());
        }
        String detail = e instanceof HttpMessageNotReadableException ? "malformed JSON body or wrong field type"
                : e.getMessage();
        return problems.entity(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return problems.entity(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", e.getMessage());
    }

    /** The client accepts none of our types, so the answer has no body at all (API.md: "406, body optional"). */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return problems.entity(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return problems.entity(HttpStatus.NOT_FOUND, Refusal.NOT_FOUND.name(), "no such path: /" + e.getResourcePath());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return problems.entity(HttpStatus.FORBIDDEN, Refusal.FORBIDDEN.name(), "your roles do not allow this");
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class, RedisSystemException.class})
    ResponseEntity<ProblemDetail> dependencyDown(Exception e) {
        log.warn("a dependency is unavailable: {}", e.getMessage());
        return problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "DEPENDENCY_UNAVAILABLE",
                "a backing service is unavailable; nothing was changed, retry later", RETRY_AFTER);
    }

    /** A Redis read model being rebuilt after Redis lost its data: soon back, never presented half-empty. */
    @ExceptionHandler(ReadModelUnavailable.class)
    ResponseEntity<ProblemDetail> rebuilding(ReadModelUnavailable e) {
        return problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "READ_MODEL_REBUILDING", e.getMessage(), RETRY_AFTER);
    }

    /** A dependency's circuit breaker is open: refused at once, retry once it may have recovered. */
    @ExceptionHandler(DependencyUnavailable.class)
    ResponseEntity<ProblemDetail> breakerOpen(DependencyUnavailable e) {
        return problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", e.getMessage(),
                e.retryAfter());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (cause(e, AsyncRequestNotUsableException.class, ClientAbortException.class).isPresent()) {
            // The client went away (a closed live funnel, an abandoned request): nothing failed here, and there is
            // nobody left to answer.
            log.debug("client gone before its answer: {}", e.toString());
            return null;
        }
        Optional<Throwable> rebuilding = cause(e, ReadModelUnavailable.class);
        if (rebuilding.isPresent()) {
            return rebuilding((ReadModelUnavailable) rebuilding.get());
        }
        Optional<Throwable> breakerOpen = cause(e, DependencyUnavailable.class);
        if (breakerOpen.isPresent()) {
            return breakerOpen((DependencyUnavailable) breakerOpen.get());
        }
        if (cause(e, RequestBodyLimit.TooLarge.class).isPresent()) {
            return badRequest(e);
        }
        Optional<Throwable> violation = cause(e, RuleViolation.class);
        if (violation.isPresent()) {
            return refused((RuleViolation) violation.get());
        }
        // Redis refuses commands while disconnected; Elasticsearch answers SearchUnavailable.
        if (cause(e, java.net.ConnectException.class, java.sql.SQLTransientConnectionException.class,
                DataAccessResourceFailureException.class, TransientDataAccessException.class,
                RedisSystemException.class, io.lettuce.core.RedisException.class, SearchUnavailable.class).isPresent()
                || lostDatabaseConnection(e)) {
            return dependencyDown(e);
        }
        log.error("unexpected failure", e);
        return problems.entity(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "an unexpected error occurred");
    }

    /**
     * A JDBC failure of the connection itself, arriving untranslated (Hibernate inside Axon's event store): SQL state
     * class 08 (connection exception) or 57P (the server shutting down or restarting), or HikariCP's "Connection is
     * closed" without a state: the pool closed a connection the server had broken while a transaction still held it.
     */
    private static boolean lostDatabaseConnection(Throwable e) {
        for (Throwable current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state == null ? HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())
                        : state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private ResponseEntity<ProblemDetail> refusal(Refusal refusal, String detail) {
        return problems.refusal(refusal, detail);
    }

    /** A failure read through the query bus or a command arrives wrapped: the first cause of one of these types. */
    @SafeVarargs
    private static Optional<Throwable> cause(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(current)) {
                    return Optional.of(current);
                }
            }
        }
        return Optional.empty();
    }

    record FieldProblem(String field, String message) {
    }
}
