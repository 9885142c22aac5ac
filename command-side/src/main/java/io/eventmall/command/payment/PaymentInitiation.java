package io.eventmall.command.payment;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.payment.RequestPayment;
import io.eventmall.command.order.Order;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Opens a payment only for an order its customer may pay now, for exactly its total. */
@Component
public class PaymentInitiation {

    private final Repository<Order> orderRepository;
    private final Repository<Payment> paymentRepository;

    public PaymentInitiation(Repository<Order> orderRepository, Repository<Payment> paymentRepository) {
        this.orderRepository = orderRepository;
        this.paymentRepository = paymentRepository;
    }

    @CommandHandler
    public String handle(RequestPayment command) throws Exception {
        try {
            orderRepository.load(command.orderId())
                    .execute(order -> order.requirePayable(command.customerId(), command.amount()));
        } catch (AggregateNotFoundException unknown) {
            throw new RuleViolation(Refusal.NOT_FOUND, "order " + command.orderId() + " does not exist");
        }
        paymentRepository.newInstance(() -> new Payment(command.paymentId(), command.orderId(), command.customerId(),
                command.amount(), command.providerReference()));
        return command.paymentId();
    }
}
