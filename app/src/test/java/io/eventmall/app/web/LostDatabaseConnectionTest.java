package io.eventmall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What the PostgreSQL restart drill met once: the first command after the restart took a pooled connection the
 * server had closed, and Axon's JPA event store let Hibernate's untranslated exception through. A failure of the
 * connection itself (SQL state 08..., 57P...) is a dependency down (503 with Retry-After); a failing statement is not.
 */
class LostDatabaseConnectionTest {

    final ApiExceptionHandler handler = new ApiExceptionHandler(new ProblemResponses(new ObjectMapper()));

    @Test
    void aClosedPooledConnectionIsADependencyDown() {
        var closed = new GenericJDBCException("could not prepare statement [This connection has been closed.]",
                new SQLException("This connection has been closed.", "08003"));
        ResponseEntity<ProblemDetail> answer = handler.unexpected(new CompletionException(closed));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(answer.getBody().getProperties()).containsEntry("code", "DEPENDENCY_UNAVAILABLE");
    }

    @Test
    void aConnectionThePoolHasClosedIsADependencyDown() {
        // What HikariCP throws, without a SQL state, once it has evicted a connection the server broke.
        var evicted = new GenericJDBCException("could not prepare statement [Connection is closed]",
                new SQLException("Connection is closed"));
        assertThat(handler.unexpected(evicted).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aServerShuttingDownIsADependencyDown() {
        var shutdown = new GenericJDBCException("terminating connection due to administrator command",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(handler.unexpected(shutdown).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aFailingStatementIsStillAnInternalError() {
        var syntax = new GenericJDBCException("bad statement", new SQLException("syntax error", "42601"));
        assertThat(handler.unexpected(syntax).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
