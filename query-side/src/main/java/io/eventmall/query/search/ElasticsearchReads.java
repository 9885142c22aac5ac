package io.eventmall.query.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.eventmall.api.search.SearchUnavailable;
import java.io.IOException;

/**
 * How a read of Elasticsearch fails: a server that does not answer, answers 5xx, or lacks the index is
 * {@link SearchUnavailable} (503 with Retry-After at the web layer); a request it refuses stays what it is.
 */
public final class ElasticsearchReads {

    /** One request to Elasticsearch. */
    @FunctionalInterface
    public interface Request<T> {
        T send() throws IOException;
    }

    private ElasticsearchReads() {
    }

    public static <T> T read(String index, Request<T> request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new SearchUnavailable("Elasticsearch did not answer: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            if (e.status() >= 500 || "index_not_found_exception".equals(e.error().type())) {
                throw new SearchUnavailable("the " + index + " index is unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
