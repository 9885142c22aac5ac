package io.eventmall.command.banner;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.banner.BannerCreated;
import io.eventmall.api.banner.CreateBanner;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class Banner {

    @AggregateIdentifier
    private String bannerId;

    @CommandHandler
    public Banner(CreateBanner command) {
        Required.text("imageUrl", command.imageUrl());
        Required.text("link", command.link());
        boolean activeWindowGiven = command.activeFrom() != null && command.activeTo() != null;
        if (activeWindowGiven && !command.activeTo().isAfter(command.activeFrom())) {
            throw RuleViolation.invalid("activeTo " + command.activeTo() + " must be after activeFrom " + command.activeFrom());
        }
        apply(new BannerCreated(command.bannerId(), command.imageUrl(), command.link(), command.position(),
                command.activeFrom(), command.activeTo()));
    }

    protected Banner() {
    }

    @EventSourcingHandler
    void on(BannerCreated event) {
        bannerId = event.bannerId();
    }
}
