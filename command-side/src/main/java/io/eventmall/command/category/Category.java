package io.eventmall.command.category;

import io.eventmall.api.category.CategoryCreated;
import io.eventmall.api.category.CreateCategory;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class Category {

    @AggregateIdentifier
    private String categoryId;

    @CommandHandler
    public Category(CreateCategory command) {
        Required.text("name", command.name());
        apply(new CategoryCreated(command.categoryId(), command.name(), command.parentId()));
    }

    protected Category() {
    }

    @EventSourcingHandler
    void on(CategoryCreated event) {
        categoryId = event.categoryId();
    }
}
