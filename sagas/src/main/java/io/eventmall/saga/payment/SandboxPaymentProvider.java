package io.eventmall.saga.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.api.payment.PaymentOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A built-in stand-in for a third-party provider ({@code mall.payment.sandbox.enabled}, on by default).
 * It opens payment sessions, and when told the customer paid it notifies the backend exactly as a real
 * provider would: a signed callback, retried with backoff while the backend does not answer 2xx.
 */
@Component
@ConditionalOnProperty(name = "mall.payment.sandbox.enabled", havingValue = "true", matchIfMissing = false)
public class SandboxPaymentProvider implements PaymentProvider, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentProvider.class);
    private static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Environment environment;
    private final WebhookSignature signature;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService deliveries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-payment-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    SandboxPaymentProvider(JdbcTemplate jdbc, Environment environment, WebhookSignature signature, ObjectMapper json,
                           Clock clock) {
        this.jdbc = jdbc;
        this.environment = environment;
        this.signature = signature;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public PaymentSession open(String paymentId, String orderId, long amount) {
        String reference = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("INSERT INTO sandbox_payment (provider_reference, payment_id, order_id, amount) VALUES (?, ?, ?, ?)",
                reference, paymentId, orderId, amount);
        return new PaymentSession(reference, baseUrl() + "/api/v1/sandbox/payments/" + reference + "/pay");
    }

    @Override
    public void refund(String paymentId, long amount) {
        int updated = jdbc.update("UPDATE sandbox_payment SET refunded_amount = ? WHERE payment_id = ?", amount, paymentId);
        log.info("sandbox refunded {} of payment {} ({} session)", amount, paymentId, updated);
    }

    /**
     * The customer pays (or fails to) at the sandbox; {@code paidAmount} defaults to the requested amount.
     * Returns false for an unknown reference.
     */
    public boolean pay(String providerReference, PaymentOutcome outcome, Long paidAmount) {
        Optional<ProviderCallback> callback = jdbc.query(
                "SELECT payment_id, amount FROM sandbox_payment WHERE provider_reference = ?",
                (rs, row) -> new ProviderCallback(providerReference, rs.getString(1),
                        paidAmount == null ? rs.getLong(2) : paidAmount, outcome, clock.instant()),
                providerReference).stream().findFirst();
        callback.ifPresent(notice -> deliver(notice, 1));
        return callback.isPresent();
    }

    private void deliver(ProviderCallback notice, int attempt) {
        deliveries.execute(() -> {
            try {
                byte[] body = json.writeValueAsBytes(notice);
                HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl()))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.HEADER, signature.sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    log.info("sandbox callback for payment {} delivered (attempt {})", notice.paymentId(), attempt);
                    return;
                }
                retry(notice, attempt, "status " + status);
            } catch (IOException e) {
                retry(notice, attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void retry(ProviderCallback notice, int attempt, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            log.error("sandbox gave up delivering the callback for payment {} after {} attempts: {}",
                    notice.paymentId(), attempt, why);
            return;
        }
        long backoff = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(attempt, 10));
        log.warn("sandbox callback for payment {} failed ({}), retrying in {} ms", notice.paymentId(), why, backoff);
        deliveries.schedule(() -> deliver(notice, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    }

    private String callbackUrl() {
        return environment.getProperty("mall.payment.sandbox.callback-url", baseUrl() + "/api/v1/payments/callback");
    }

    /** The port is read when needed: with server.port=0 it is only known once the server listens. */
    private String baseUrl() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return environment.getProperty("mall.payment.sandbox.base-url", "http://localhost:" + port);
    }

    @Override
    public void destroy() {
        deliveries.shutdownNow();
    }
}
