package io.eventmall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A client that closed its connection (a live funnel's tab closed mid-stream) is no failure of ours: no 500 is
 * written to the closed connection and nothing is logged as an error.
 */
class ClientGoneTest {

    final ApiExceptionHandler handler = new ApiExceptionHandler(new ProblemResponses(new ObjectMapper()));

    @Test
    void aStreamWhoseClientLeftIsNotAnswered() {
        assertThat(handler.unexpected(new AsyncRequestNotUsableException("ServletOutputStream failed to flush",
                new IOException("Broken pipe")))).isNull();
    }

    @Test
    void aRequestAbortedByItsClientIsNotAnswered() {
        assertThat(handler.unexpected(new IllegalStateException("write failed",
                new ClientAbortException(new IOException("Connection reset by peer"))))).isNull();
    }

    @Test
    void anIOExceptionOfOurOwnIsStillAnInternalError() {
        assertThat(handler.unexpected(new IOException("disk full")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
