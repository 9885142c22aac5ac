package io.eventmall.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * N client threads, each sending its next GET as soon as the previous answer is read (a closed loop),
 * for a fixed time. Every request is bounded by a timeout, and the run stops by itself.
 */
class ClosedLoopLoad {

    private static final long HIGHEST_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

    private final HttpClient http;
    private final int clients;
    private final Duration requestTimeout;

    ClosedLoopLoad(HttpClient http, int clients, Duration requestTimeout) {
        this.http = http;
        this.clients = clients;
        this.requestTimeout = requestTimeout;
    }

    EndpointResult run(String name, URI target, Duration duration) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(requestTimeout).GET().build();
        return run(name, target.getPath() + (target.getQuery() == null ? "" : "?" + target.getQuery()),
                client -> request, duration);
    }

    /**
     * The same closed loop with a request built afresh for every call by each client (client number given),
     * e.g. a POST carrying that client's own token and a new idempotency key.
     */
    EndpointResult run(String name, String label, IntFunction<HttpRequest> requestOfClient, Duration duration)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<ClientTally>> tallies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                tallies.add(pool.submit((Callable<ClientTally>) () -> loop(() -> requestOfClient.apply(client), end)));
            }
            ClientTally total = new ClientTally();
            for (Future<ClientTally> tally : tallies) {
                total.add(tally.get());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new EndpointResult(name, label, total.succeeded, total.errors, elapsed, total.latency);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a load client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ClientTally loop(Supplier<HttpRequest> nextRequest, long end) throws InterruptedException {
        ClientTally tally = new ClientTally();
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(nextRequest.get(), HttpResponse.BodyHandlers.discarding());
                long micros = (System.nanoTime() - sent) / 1000;
                if (response.statusCode() / 100 == 2) {
                    tally.succeeded++;
                    tally.latency.recordValue(Math.min(micros, HIGHEST_MICROS));
                } else {
                    tally.error("HTTP " + response.statusCode());
                }
            } catch (IOException e) {
                tally.error(e.getClass().getSimpleName());
            }
        }
        return tally;
    }

    private static final class ClientTally {
        private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        private final Map<String, Long> errors = new TreeMap<>();
        private long succeeded;

        void error(String kind) {
            errors.merge(kind, 1L, Long::sum);
        }

        void add(ClientTally other) {
            latency.add(other.latency);
            other.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
            succeeded += other.succeeded;
        }
    }
}
