package io.eventmall.app.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * While a flash sale is selling on this node, work that may lag (the event processors' coordinators and workers,
 * the process managers' commands, snapshots) runs at the lowest thread priority; requests keep the normal one.
 * A purchase is answered once it is committed, the order and the read models that follow from
 * it are eventually consistent by design: in a profile of the 50,000-buyer spike the processors took half of the
 * CPU while purchases waited for it. Once no batch has been written for {@code mall.flash-sale.background-yield},
 * background work has the normal priority again: in ordinary trading the processors must keep pace with the orders
 * the API takes (at the lowest priority throughout, they fell 28 s behind 20 s of order placements instead of 11 s).
 * <p>
 * The JVM maps Java priorities to the operating system's only when started with {@code -XX:ThreadPriorityPolicy=1}.
 * {@code scripts/run.sh} maps priority 1 to nice 10 and the JVM's own threads (8, 9) to nice 0, level with the
 * requests (5, nice 0); lowering a thread needs no privilege. Without the policy the priorities are recorded and
 * ignored, and start-up says so. docs/architecture.md, "Who gets the CPU first".
 * <p>
 * The flash-sale writers go the other way ({@link #saleWriterThreads}): every purchase of a sale waits for its one
 * writer, and at the requests' priority the writer was one runnable thread among a hundred request threads, descheduled
 * between its statements (a batch every 50 ms; 884 purchases/s until sold out). At priority
 * {@value #SALE_WRITER_PRIORITY}, which the JVM maps to nice -5 by default, batches came every 20 ms and 1,128 purchases/s
 * were committed. Raising needs the privilege to (root or CAP_SYS_NICE); without it the writers stay at nice 0. The
 * JVM refuses a negative mapping of its own, and shifting everything else down instead (requests at nice 3) put
 * PostgreSQL on the same machine above the requests: the processors' queries then preempted purchases and the selling
 * rate collapsed for seconds at a time.
 */
@Configuration
public class BackgroundPriority {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final ThreadLocal<Boolean> REGISTERED = ThreadLocal.withInitial(() -> false);

    /** Threads that end (a processor's executor shut down) leave the set on their own. */
    private final Set<Thread> background = Collections.newSetFromMap(new WeakHashMap<>());
    private final Duration yieldFor;
    private volatile boolean yielding;
    private volatile long lastSaleWriteNanos;

    BackgroundPriority(@Value("${mall.flash-sale.background-yield:PT10S}") Duration yieldFor) {
        this.yieldFor = yieldFor;
    }

    /** Threads that run ahead of requests where the system allows it: a flash sale's purchases all wait for them. */
    public static final int SALE_WRITER_PRIORITY = Thread.MAX_PRIORITY;

    /** HotSpot's nice value per Java priority (index) under ThreadPriorityPolicy=1 where no option maps it. */
    private static final int[] JVM_DEFAULT_NICE = {19, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5};

    /** Daemon threads for background work, named {@code name-1}, {@code name-2}, ... */
    public ThreadFactory threads(String name) {
        return named(name, thread -> {
            thread.setDaemon(true);
            register(thread);
        });
    }

    /** The flash-sale writers' threads, named {@code name-1}, {@code name-2}, ..., above the requests' priority. */
    public ThreadFactory saleWriterThreads(String name) {
        return named(name, thread -> thread.setPriority(SALE_WRITER_PRIORITY));
    }

    private static ThreadFactory named(String name, Consumer<Thread> configure) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            configure.accept(thread);
            return thread;
        };
    }

    /** A flash-sale batch is being written: background work yields until none has been for a while. */
    public void saleWriting() {
        lastSaleWriteNanos = System.nanoTime();
        if (!yielding) {
            setAll(true);
        }
    }

    @Scheduled(fixedDelayString = "PT1S")
    void endYieldingWhenNoSaleIsWriting() {
        if (yielding && System.nanoTime() - lastSaleWriteNanos > yieldFor.toNanos()) {
            setAll(false);
        }
    }

    public boolean yielding() {
        return yielding;
    }

    /** The live threads of this application's background work (a JVM may run several applications, as tests do). */
    public synchronized List<Thread> backgroundThreads() {
        return List.copyOf(background);
    }

    private synchronized void setAll(boolean yield) {
        if (yielding == yield) {
            return;
        }
        yielding = yield;
        background.forEach(thread -> thread.setPriority(priority()));
        log.info(yield ? "flash sale writing: {} background threads yield to requests"
                : "no flash sale written for a while: {} background threads back at normal priority", background.size());
    }

    private synchronized void register(Thread thread) {
        background.add(thread);
        thread.setPriority(priority());
    }

    private int priority() {
        return yielding ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY;
    }

    /**
     * Pooled processors' coordinators get their executor from here, and their workers register at the first batch
     * they handle: Spring Boot's Axon configuration creates the worker executors and applies its settings after
     * ours. Only the pooled processors get the interceptor: the subscribing ones run on the thread of the command
     * they belong to (a request's, a flash-sale writer's), which is not background work.
     */
    @Bean
    public ConfigurerModule eventProcessorsRunInTheBackground(EventProcessorProperties processors) {
        logWhetherTheSystemHonoursIt();
        MessageHandlerInterceptor<EventMessage<?>> background = (unitOfWork, chain) -> {
            if (!REGISTERED.get()) {
                REGISTERED.set(true);
                register(Thread.currentThread());
            }
            return chain.proceed();
        };
        return configurer -> {
            configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration((config, builder) ->
                    builder.coordinatorExecutor(name -> {
                        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(
                                threads("Coordinator[" + name + "]"));
                        config.onShutdown(coordinator::shutdown);
                        return coordinator;
                    }));
            pooledProcessors(processors).forEach(name ->
                    configurer.eventProcessing().registerHandlerInterceptor(name, config -> background));
        };
    }

    /** The names of the pooled streaming processors, the ones that run in the background (the others run in-thread). */
    static List<String> pooledProcessors(EventProcessorProperties processors) {
        return processors.getProcessors().entrySet().stream()
                .filter(processor -> processor.getValue().getMode() == EventProcessorProperties.Mode.POOLED)
                .map(Map.Entry::getKey).toList();
    }

    private static void logWhetherTheSystemHonoursIt() {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if ("1".equals(lastValueOf(jvmOptions, "-XX:ThreadPriorityPolicy="))) {
            log.info("thread priorities map to nice values: requests {}, flash-sale writers {}, background work while a"
                    + " flash sale is writing {}", niceOf(jvmOptions, Thread.NORM_PRIORITY),
                    niceOf(jvmOptions, SALE_WRITER_PRIORITY), niceOf(jvmOptions, Thread.MIN_PRIORITY));
        } else {
            log.warn("background work (event processors, process commands, snapshots) and the flash-sale writers compete"
                    + " with requests for the CPU on equal terms: start the JVM with -XX:ThreadPriorityPolicy=1 and the"
                    + " priority mapping of scripts/run.sh (docs/architecture.md, \"Who gets the CPU first\")");
        }
    }

    private static String niceOf(List<String> jvmOptions, int priority) {
        String nice = lastValueOf(jvmOptions, "-XX:JavaPriority" + priority + "_To_OSPriority=");
        return nice == null || "-1".equals(nice) ? JVM_DEFAULT_NICE[priority] + " (the JVM's default)" : nice;
    }

    /** The JVM takes the last of repeated options. */
    private static String lastValueOf(List<String> jvmOptions, String prefix) {
        String value = null;
        for (String option : jvmOptions) {
            if (option.startsWith(prefix)) {
                value = option.substring(prefix.length());
            }
        }
        return value;
    }
}
