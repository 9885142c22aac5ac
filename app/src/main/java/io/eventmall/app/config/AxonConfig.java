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
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AxonConfig {

    /**
     * Subscribing processors: their handlers run in the transaction that appends the events (set-based validation
     * ledgers, the order outcome counters), so they commit or roll back with the command.
     */
    static final List<String> IN_COMMAND_TRANSACTION = List.of(UsernameClaims.PROCESSING_GROUP,
            JdbcFlashSaleLedger.PROCESSING_GROUP, JdbcInventoryLedger.PROCESSING_GROUP, JdbcCouponLedger.PROCESSING_GROUP,
            OrderOutcomeMetrics.PROCESSING_GROUP);

    /**
     * Hot aggregates (flash sales, inventory) take many commands in a row; the cache spares re-reading
     * their stream each time. Safe while one node owns the command bus; the event store's unique
     * (aggregate, sequence) index refuses a stale write if that ever changes.
     */
    @Bean
    public Cache aggregateCache() {
        return new AggregateCache();
    }

    /**
     * Snapshots are taken after the commit that crossed the threshold, on a thread of their own: Axon's default takes
     * them on the committing thread, where a flash-sale batch's answers waited for one (8% of the writer's time,
     * measured with a wall-clock profile). The queue needs no bound: Axon keeps one snapshot per aggregate in progress.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory,
                                                           @Qualifier("snapshotExecutor") ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor(BackgroundPriority background) {
        return Executors.newSingleThreadExecutor(background.threads("aggregate-snapshotter"));
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
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            IN_COMMAND_TRANSACTION.forEach(group -> configurer.eventProcessing().registerSubscribingEventProcessor(group));
        };
    }

    /**
     * The subscribing processors run inside the command's own unit of work, which the command bus's meters already
     * time. Axon's per-event meters on them (a timer and counters looked up by tags for every event, each processor
     * also reporting every event it ignores) were a fifth of a flash-sale batch's time in a wall-clock profile, so
     * they have none.
     */
    @Bean
    public ConfigurerModule inTransactionProcessorsAreTimedByTheirCommands() {
        return configurer -> IN_COMMAND_TRANSACTION.forEach(group -> configurer.configureMessageMonitor(
                EventProcessor.class, group, (configuration, componentType, componentName) -> NoOpMessageMonitor.INSTANCE));
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
     * context of the handler that sent it, so the command joins the trace of the event (and request) behind it. Like
     * the processors that send them, they yield to a flash sale's purchases ({@link BackgroundPriority}).
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService processCommandExecutor(@Value("${mall.sagas.command-threads:16}") int threads,
                                                  BackgroundPriority background) {
        return Context.taskWrapping(Executors.newFixedThreadPool(threads, background.threads("process-command")));
    }

    @Bean
    public ProcessCommands processCommands(CommandGateway commandGateway,
                                           @Qualifier("processCommandExecutor") ExecutorService processCommandExecutor) {
        return new ProcessCommands(commandGateway, processCommandExecutor);
    }

    /**
     * Several nodes share one event store, each with its own aggregate cache: a command on a node whose cached copy is
     * stale meets the unique (aggregate, sequence) index, its unit of work rolls back (dropping the stale copy) and
     * the gateway sends it again, a few times, on the fresh stream ({@link ConflictRetryScheduler}). Only such
     * conflicts are retried; a refusal or any other failure is answered at once.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus,
                                         @Value("${mall.commands.conflict-retries:3}") int conflictRetries) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemonThread("command-conflict-retry"));
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(retries, conflictRetries))
                .build();
    }


    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Background helpers that must not keep the JVM alive at shutdown. */
    private static ThreadFactory daemonThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
