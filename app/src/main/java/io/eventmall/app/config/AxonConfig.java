package io.eventmall.app.config;

import io.eventmall.command.coupon.JdbcCouponLedger;
import io.eventmall.app.observability.OrderOutcomeMetrics;
import io.eventmall.command.flashsale.JdbcFlashSaleLedger;
import io.eventmall.command.identity.UsernameClaims;
import io.eventmall.command.inventory.JdbcInventoryLedger;
import io.eventmall.app.projections.ParkedEvents;
import io.eventmall.app.projections.ParkingInterceptor;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.saga.ProcessCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AxonConfig {

    /**
     * Hot aggregates (flash sales, inventory) take many commands in a row; the cache spares re-reading
     * their stream each time. Safe while one node owns the command bus; the event store's unique
     * (aggregate, sequence) index refuses a stale write if that ever changes.
     */
    @Bean
    public Cache aggregateCache() {
        return new AggregateCache();
    }

    /** A snapshot every N events bounds the replay cost of long-lived aggregates. */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${mall.axon.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public List<CorrelationDataProvider> correlationDataProviders() {
        return List.of(new AuditTrailCorrelation());
    }

    /**
     * A handler failure is never skipped: Axon's default logs it and moves on. Propagated, it rolls the
     * batch back and the processor retries with back-off (or parks the event in its dead-letter queue where
     * one is configured); set-based validation fails the very command whose transaction it runs in.
     */
    @Bean
    public ConfigurerModule failuresAreNeverSkipped() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerSubscribingEventProcessor(UsernameClaims.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(JdbcFlashSaleLedger.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(JdbcInventoryLedger.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(JdbcCouponLedger.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(OrderOutcomeMetrics.PROCESSING_GROUP);
    }

    /**
     * Process managers and command-sending handlers have no Axon dead-letter queue: a failure in one instance is
     * retried {@code mall.processes.max-attempts} times (the processor's batch retry and its back-off), then the
     * event is parked and the processor goes on ({@link ParkingInterceptor}, docs/processes.md).
     */
    @Bean
    public ConfigurerModule processesParkWhatKeepsFailing(
            ObjectProvider<ParkedEvents> parked, ObjectProvider<MeterRegistry> meters,
            @Value("${mall.processes.parking-processors:OrderFulfilmentProcessor,PaymentSettlementProcessor,refunds,flash-sale-ordering}")
            List<String> processors,
            @Value("${mall.processes.max-attempts:3}") int maxAttempts) {
        return configurer -> processors.forEach(name -> configurer.eventProcessing().registerHandlerInterceptor(name,
                c -> new ParkingInterceptor(name, parked.getObject(), maxAttempts, meters.getObject())));
    }

    /**
     * flash-sale-ordering's events all come from one FlashSale aggregate, so sequencing per aggregate would run
     * a whole sale's purchases on one segment; each purchase becomes its own order and needs no order with the
     * others, so they are sequenced per purchase.
     */
    @Bean
    public SequencingPolicy<EventMessage<?>> perFlashSalePurchase() {
        SequentialPerAggregatePolicy perAggregate = SequentialPerAggregatePolicy.instance();
        return event -> event.getPayload() instanceof FlashSaleUnitsPurchased purchase
                ? purchase.purchaseId() : perAggregate.getSequenceIdentifierFor(event);
    }

    /**
     * Process managers' commands each run in their own transaction, on this pool. Each task carries the tracing
     * context of the handler that sent it, so the command joins the trace of the event (and request) behind it.
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService processCommandExecutor(@Value("${mall.sagas.command-threads:8}") int threads) {
        AtomicInteger count = new AtomicInteger();
        return Context.taskWrapping(
                Executors.newFixedThreadPool(threads, task -> new Thread(task, "process-command-" + count.incrementAndGet())));
    }

    @Bean
    public ProcessCommands processCommands(CommandGateway commandGateway, ExecutorService processCommandExecutor) {
        return new ProcessCommands(commandGateway, processCommandExecutor);
    }

    /**
     * Several nodes share one event store, each with its own aggregate cache: a command on a node whose cached copy is
     * stale meets the unique (aggregate, sequence) index, its unit of work rolls back (dropping the stale copy) and
     * the gateway sends it again, a few times, on the fresh stream. Only such conflicts are retried; a refusal or any
     * other failure is answered at once.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus,
                                         @Value("${mall.commands.conflict-retries:3}") int conflictRetries) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-conflict-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(20)
                        .maxRetryCount(conflictRetries)
                        .nonTransientFailurePredicate(failure -> !AppendConflicts.isAppendConflict(failure))
                        .build())
                .build();
    }


    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
