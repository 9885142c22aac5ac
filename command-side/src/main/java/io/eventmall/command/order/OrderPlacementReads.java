package io.eventmall.command.order;

import io.eventmall.command.AggregateReads;
import io.eventmall.command.address.Address;
import io.eventmall.command.product.Product;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What order placement reads of other aggregates: products to price lines, addresses to ship to. */
@Configuration(proxyBeanMethods = false)
class OrderPlacementReads {

    private final EventStore events;
    private final int capacity;

    OrderPlacementReads(EventStore events, @Value("${mall.orders.read-cache-size:10000}") int capacity) {
        this.events = events;
        this.capacity = capacity;
    }

    @Bean
    AggregateReads<Product> productReads() {
        return new AggregateReads<>(Product.class, events, capacity);
    }

    @Bean
    AggregateReads<Address> addressReads() {
        return new AggregateReads<>(Address.class, events, capacity);
    }
}
