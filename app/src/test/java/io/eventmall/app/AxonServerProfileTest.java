package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;

/**
 * With the {@code axonserver} profile the application takes its event store and buses from Axon Server: it dials the
 * configured server over gRPC (HTTP/2) and builds no JPA event store. The "server" is a plain socket on a free port
 * that records what the client sends first; no Axon Server answers, so the application never becomes ready, which is
 * not what this test is about.
 */
class AxonServerProfileTest {

    /** Every HTTP/2 connection, and so every gRPC channel, starts with these bytes (RFC 9113, 3.4). */
    static final String HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    @Test
    void theAxonServerProfileDialsAxonServerAndKeepsNoJpaEventStore() throws Exception {
        List<String> prefaces = new CopyOnWriteArrayList<>();
        List<Object> eventStores = new CopyOnWriteArrayList<>();
        try (ServerSocket axonServer = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> recordPrefaces(axonServer, prefaces), "fake-axon-server");
            acceptor.setDaemon(true);
            acceptor.start();

            // Every event store and storage engine the application builds, as it builds them (the context never
            // finishes starting without a real Axon Server to answer).
            ApplicationContextInitializer<ConfigurableApplicationContext> recordEventStores = context ->
                    context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                        @Override
                        public Object postProcessAfterInitialization(Object bean, String name) {
                            if (bean instanceof EventStore || bean instanceof EventStorageEngine) {
                                eventStores.add(bean);
                            }
                            return bean;
                        }
                    });
            SpringApplicationBuilder application = new SpringApplicationBuilder(MallApplication.class)
                    .profiles("dev", "test", "axonserver")
                    .initializers(recordEventStores);
            String[] arguments = {"--axon.axonserver.servers=127.0.0.1:" + axonServer.getLocalPort(),
                    "--server.port=0", "--mall.redis.startup-wait=PT1S"};
            CompletableFuture<ConfigurableApplicationContext> started =
                    CompletableFuture.supplyAsync(() -> application.run(arguments));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !prefaces.isEmpty() && !eventStores.isEmpty());
            } finally {
                // Once start-up gives up (or completes), the context is closed again.
                started.handle((context, failure) -> {
                    if (context != null) {
                        context.close();
                    }
                    return null;
                }).get(120, TimeUnit.SECONDS);
            }
        }
        assertThat(prefaces.get(0)).isEqualTo(HTTP2_PREFACE);
        assertThat(eventStores).hasAtLeastOneElementOfType(AxonServerEventStore.class)
                .noneMatch(JpaEventStorageEngine.class::isInstance);
    }

    private static void recordPrefaces(ServerSocket server, List<String> prefaces) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
                client.setSoTimeout(5_000);
                byte[] preface = in.readNBytes(HTTP2_PREFACE.length());
                prefaces.add(new String(preface, StandardCharsets.US_ASCII));
            } catch (IOException closedOrSilent) {
                // The socket closed at the end of the test, or a client sent nothing: nothing to record.
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }
}
