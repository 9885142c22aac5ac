package io.eventmall.api.search;

/** The search engine did not answer (down, timing out, or an index being rebuilt): the caller may retry. */
public class SearchUnavailable extends RuntimeException {

    public SearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
