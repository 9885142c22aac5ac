package io.eventmall.command.merchant;

import io.eventmall.api.merchant.CreateMerchant;
import io.eventmall.api.merchant.MerchantCreated;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class Merchant {

    @AggregateIdentifier
    private String merchantId;

    @CommandHandler
    public Merchant(CreateMerchant command) {
        Required.text("name", command.name());
        apply(new MerchantCreated(command.merchantId(), command.name(), command.description(), command.ownerUserId()));
    }

    protected Merchant() {
    }

    @EventSourcingHandler
    void on(MerchantCreated event) {
        merchantId = event.merchantId();
    }
}
