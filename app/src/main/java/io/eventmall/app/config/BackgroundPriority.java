package io.eventmall.app.config;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Work that may lag (the event processors' coordinators and workers, the process managers' commands, snapshots)
 * runs at the lowest thread priority; requests and the flash-sale writers keep the normal one. Read models and
 * orders are eventually consistent by design, a purchase is not: under a flash-sale spike the processors took half
 * of the CPU while purchases waited for it (a profile of the spike), and lowered they take what requests leave and
 * catch up after the spike. Idle CPU is theirs all the same: a priority decides only who runs first.
 * <p>
 * The JVM maps Java priorities to the operating system's only when started with
 * {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10} (Linux nice 10 for priority 1; lowering
 * a thread's priority needs no privilege). {@code scripts/run.sh} passes both, and maps priorities 8 to 10 to nice 0
 * so that the JVM's own threads (compilers, GC) do not rise above the requests; without them the priorities are
 * recorded and ignored, and start-up says so. docs/architecture.md, "Who gets the CPU first".
 */
@Configuration
public class BackgroundPriority {

    static final int PRIORITY = Thread.MIN_PRIORITY;

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

    /**
     * Daemon threads at the background priority, named {@code name-1}, {@code name-2}, ... Threads inherit their creator's priority, so whatever a background thread starts runs
     * in the background too.
     */
    public static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(PRIORITY);
            return thread;
        };
    }

    /**
     * Pooled processors' coordinators get their executor from here (Axon's own would run at normal priority), and
     * their workers lower themselves at the first batch they handle: Spring Boot's Axon configuration creates the
     * worker executors and applies its settings after ours. Subscribing processors run on the thread of the
     * command they belong to (a request's, a flash-sale writer's), which keeps its priority.
     */
    @Bean
    public ConfigurerModule eventProcessorsRunInTheBackground() {
        logWhetherTheSystemHonoursIt();
        MessageHandlerInterceptor<EventMessage<?>> background = (unitOfWork, chain) -> {
            Thread worker = Thread.currentThread();
            if (worker.getPriority() != PRIORITY) {
                worker.setPriority(PRIORITY);
            }
            return chain.proceed();
        };
        MessageHandlerInterceptor<EventMessage<?>> asItIs = (unitOfWork, chain) -> chain.proceed();
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration((config, builder) -> builder.coordinatorExecutor(
                        name -> {
                            ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(
                                    threads("Coordinator[" + name + "]"));
                            config.onShutdown(coordinator::shutdown);
                            return coordinator;
                        }))
                .registerDefaultHandlerInterceptor((config, processor) ->
                        AxonConfig.IN_COMMAND_TRANSACTION.contains(processor) ? asItIs : background);
    }

    private static void logWhetherTheSystemHonoursIt() {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if ("1".equals(lastValueOf(jvmOptions, "-XX:ThreadPriorityPolicy="))) {
            String nice = lastValueOf(jvmOptions, "-XX:JavaPriority1_To_OSPriority=");
            log.info("background work (event processors, process commands, snapshots) runs at nice {}",
                    nice == null ? "4 (the JVM's default for priority 1)" : nice);
        } else {
            log.warn("background work (event processors, process commands, snapshots) competes with requests for the"
                    + " CPU: start the JVM with -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 (as"
                    + " scripts/run.sh does) so that it runs at a lower priority");
        }
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
