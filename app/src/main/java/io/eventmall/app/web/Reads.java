package io.eventmall.app.web;

import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Queries the read models through Axon's query bus, so projections can move without the web layer noticing. */
@Component
public class Reads {

    private final QueryGateway queries;

    Reads(QueryGateway queries) {
        this.queries = queries;
    }

    public <R> Optional<R> find(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    public <R> R require(Object query, Class<R> type, String what, String id) {
        return find(query, type).orElseThrow(() -> ApiProblem.notFound(what, id));
    }

    public <R> List<R> list(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(type)).join();
    }

    public <R> R one(Object query, Class<R> type) {
        return queries.query(query, ResponseTypes.instanceOf(type)).join();
    }
}
