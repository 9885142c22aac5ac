package io.eventmall.app.resilience;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.stereotype.Component;

/**
 * Puts the handlers of the queries that read Redis ({@code mall.resilience.redis-queries}) or Elasticsearch
 * ({@code mall.resilience.elasticsearch-queries}) behind that dependency's breaker, on the query bus, so that every
 * way of asking (REST, SSE, another handler) is covered. Other queries pass untouched.
 */
@Component
public class QueryCircuitBreakers implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    private final DependencyBreakers breakers;
    private final Map<String, String> dependencyByQuery = new HashMap<>();

    QueryCircuitBreakers(DependencyBreakers breakers, ResilienceSettings settings, QueryBus queryBus) {
        this.breakers = breakers;
        settings.redisQueries().forEach(query -> dependencyByQuery.put(query, DependencyBreakers.REDIS));
        settings.elasticsearchQueries().forEach(query -> dependencyByQuery.put(query, DependencyBreakers.ELASTICSEARCH));
        queryBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain) throws Exception {
        String dependency = dependencyByQuery.get(unitOfWork.getMessage().getPayloadType().getSimpleName());
        if (dependency == null) {
            return chain.proceed();
        }
        return breakers.callChecked(dependency, chain::proceed);
    }
}
