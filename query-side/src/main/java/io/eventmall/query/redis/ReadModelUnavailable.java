package io.eventmall.query.redis;

/** A read model cannot answer truthfully right now (being rebuilt): the caller may retry shortly (503). */
public class ReadModelUnavailable extends RuntimeException {

    public ReadModelUnavailable(String message) {
        super(message);
    }
}
