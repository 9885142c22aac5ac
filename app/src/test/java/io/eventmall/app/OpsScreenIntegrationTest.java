package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;

/**
 * The operators' flash-sale screen in a real browser: headless Chromium driven by playwright-core
 * ({@code src/test/browser/ops-flash-sale.mjs}; scripts/browser-deps.sh installs both) loads
 * /ops/flash-sales/{id}#token=..., and its figures and chart move while purchases arrive.
 */
@IntegrationTest
class OpsScreenIntegrationTest {

    private static final int PURCHASES = 4;

    @Autowired
    TestApi api;
    @Value("${local.server.port}")
    int port;

    @Test
    void theScreenShowsTheLiveFunnelChangingWhilePurchasesArrive() throws Exception {
        String admin = api.adminToken();
        String analyst = api.newUserWithRoles(admin, "ANALYST").token();
        String flashSaleId = api.ongoingFlashSale(admin, 20);
        List<TestApi.User> buyers = new ArrayList<>();
        for (int i = 0; i < PURCHASES; i++) {
            buyers.add(api.newCustomer());
        }

        assertThat(new File("src/test/browser/node_modules/playwright-core"))
                .as("playwright-core is installed (scripts/browser-deps.sh)").isDirectory();
        Process browser = new ProcessBuilder("node", "src/test/browser/ops-flash-sale.mjs", "http://127.0.0.1:" + port,
                flashSaleId, analyst, String.valueOf(PURCHASES)).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("PAGE READY")) {
                        ready.complete(null);
                    }
                }
            } catch (java.io.IOException e) {
                ready.completeExceptionally(e);
            }
            ready.complete(null);
        });
        reader.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
            assertThat(output).as("the page showed the live figures").anyMatch(line -> line.startsWith("PAGE READY"));
            for (TestApi.User buyer : buyers) {
                TestApi.Response purchase = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases",
                        buyer.token(), Map.of("quantity", 1), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                assertThat(purchase.status()).as(purchase.body().toString()).isEqualTo(202);
                Thread.sleep(400);
            }
            assertThat(browser.waitFor(60, TimeUnit.SECONDS)).as("the browser check ended").isTrue();
            reader.join(5_000);
            System.out.println(String.join("\n", output));
            assertThat(browser.exitValue()).as(String.join("\n", output)).isZero();
            assertThat(output).anyMatch(line -> line.startsWith("FIGURES CHANGED"));
        } finally {
            browser.destroyForcibly();
        }
    }
}
