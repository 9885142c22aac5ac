package io.eventmall.benchmarks;

import io.eventmall.api.category.CreateCategory;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.api.merchant.CreateMerchant;
import io.eventmall.api.product.CreateProduct;
import io.eventmall.app.MallApplication;
import io.eventmall.app.flashsale.FlashSaleWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The batched reservation path alone, in process and without HTTP: purchases handed straight to the sale's
 * {@link FlashSaleWriter} (which has the FlashSale aggregate decide them in batches, one unit of work and one
 * event-store transaction each) as fast as it commits them, keeping {@code in-flight} of them outstanding. It prints
 * reservations committed per second beside pgbench's single-row inserts per second in the same run, the batch sizes,
 * and what loading the sale costs once it holds every purchase, beside loading a new sale (both from the event store,
 * the aggregate cache emptied first). The streaming event processors are stopped once the application is up, so that
 * only the writer, the aggregate and its ledger use the machine.
 * <p>
 * It starts the application itself on a database of its own, emptied first. Options ({@code --name=value}):
 * database (mall_bench_writer), redis-database (11), index-prefix (mall-bench-writer), profiles (dev),
 * units (1000000), duration (PT15S), in-flight (2000), ceiling-seconds (10), pg-scratch-db (mall_bench_ceiling);
 * anything else ({@code --mall.flash-sale.batch-size=...}) goes to the application.
 */
public final class FlashSaleWriterBenchmark {

    private FlashSaleWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ReadBenchmark.options(args);
        String database = take(options, "database", "mall_bench_writer");
        String redisDatabase = take(options, "redis-database", "11");
        String indexPrefix = take(options, "index-prefix", "mall-bench-writer");
        String profiles = take(options, "profiles", "dev");
        int units = Integer.parseInt(take(options, "units", "1000000"));
        Duration duration = Duration.parse(take(options, "duration", "PT15S"));
        int inFlight = Integer.parseInt(take(options, "in-flight", "2000"));
        int ceilingSeconds = Integer.parseInt(take(options, "ceiling-seconds", "10"));
        String pgScratch = take(options, "pg-scratch-db", "mall_bench_ceiling");

        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        emptyDatabase(database, url);
        List<String> appArgs = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.data.redis.database=" + redisDatabase, "--mall.elasticsearch.index-prefix=" + indexPrefix,
                "--mall.flash-sale.queue-capacity=" + (inFlight * 2), "--server.port=0", "--logging.level.io.eventmall=warn"));
        options.forEach((name, value) -> appArgs.add("--" + name + "=" + value));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MallApplication.class)
                .profiles(profiles.split(",")).run(appArgs.toArray(String[]::new))) {
            app.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).forEach(processor -> processor.shutDown());
            CommandGateway commands = app.getBean(CommandGateway.class);
            FlashSaleWriter writer = app.getBean(FlashSaleWriter.class);
            String productId = newProduct(commands);
            String saleId = newSale(commands, productId, units);

            System.out.printf(Locale.ROOT, "eventmall flash-sale writer, in process: %d in flight, %ds, %d cores, %s%n",
                    inFlight, duration.toSeconds(), Runtime.getRuntime().availableProcessors(), Instant.now());
            // Warm-up: the first batches load classes and JIT-compile the path.
            load(writer, saleId, inFlight, Duration.ofSeconds(3));
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            double batchesBefore = meters.summary("mall.flash-sale.batch.size").count();
            double purchasesBefore = meters.summary("mall.flash-sale.batch.size").totalAmount();
            long committed = load(writer, saleId, inFlight, duration);
            double batches = meters.summary("mall.flash-sale.batch.size").count() - batchesBefore;
            double batched = meters.summary("mall.flash-sale.batch.size").totalAmount() - purchasesBefore;
            double perSecond = committed / (duration.toMillis() / 1e3);

            Cache cache = app.getBean("aggregateCache", Cache.class);
            String newSaleId = newSale(commands, productId, units);
            double loadFull = medianLoadMillis(commands, cache, saleId);
            double loadNew = medianLoadMillis(commands, cache, newSaleId);
            long purchases = app.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM flash_sale_purchase WHERE flash_sale_id = ?", Long.class, saleId);

            double pgInserts = Ceilings.pgInsertsPerSecond(pgScratch, ceilingSeconds);
            System.out.println();
            System.out.println("| measured | figure |");
            System.out.println("|---|---:|");
            System.out.printf(Locale.ROOT, "| reservations committed per second | %s |%n", Ceilings.format(perSecond));
            System.out.printf(Locale.ROOT, "| PostgreSQL single-row inserts per second (pgbench, 16 clients) | %s |%n",
                    Ceilings.format(pgInserts));
            System.out.printf(Locale.ROOT, "| reservations / pgbench inserts | %.2f |%n", perSecond / pgInserts);
            System.out.printf(Locale.ROOT, "| batches, mean purchases per batch | %.0f, %.1f |%n", batches,
                    batches == 0 ? 0 : batched / batches);
            System.out.printf(Locale.ROOT, "| load + decide, sale holding %,d purchases (median of 21, cache emptied) | %.2f ms |%n",
                    purchases, loadFull);
            System.out.printf(Locale.ROOT, "| load + decide, new sale (same) | %.2f ms |%n", loadNew);
            var batchTime = meters.timer("mall.flash-sale.batch.duration");
            System.out.printf(Locale.ROOT, "| batch decide + commit, mean / max (whole run) | %.1f / %.1f ms |%n",
                    batchTime.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                    batchTime.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        // Client libraries' threads must not keep a finished harness alive.
        System.exit(0);
    }

    private static String take(Map<String, String> options, String name, String otherwise) {
        String value = options.remove(name);
        return value == null ? otherwise : value;
    }

    /** Keeps {@code inFlight} purchases outstanding for {@code duration}; returns how many were committed. */
    private static long load(FlashSaleWriter writer, String saleId, int inFlight, Duration duration)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong accepted = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            slots.acquire();
            String purchaseId = UUID.randomUUID().toString();
            writer.submit(new PurchaseFlashSaleUnits(saleId, purchaseId, UUID.randomUUID().toString(), 1,
                    "order-of-" + purchaseId)).whenComplete((decision, failure) -> {
                        if (failure == null && decision.isAccepted()) {
                            accepted.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        long counted = accepted.get();
        slots.acquire(inFlight);
        return counted;
    }

    /** Empties the aggregate cache, then has the sale decide a no-op (a return of an unknown purchase). */
    private static double medianLoadMillis(CommandGateway commands, Cache cache, String saleId) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            cache.removeAll();
            long started = System.nanoTime();
            commands.sendAndWait(new ReturnFlashSaleUnits(saleId, "no-such-purchase", "no-such-buyer"));
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }

    private static String newProduct(CommandGateway commands) {
        String merchant = UUID.randomUUID().toString();
        String category = UUID.randomUUID().toString();
        String product = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateMerchant(merchant, "Bench shop", null, null));
        commands.sendAndWait(new CreateCategory(category, "Bench", null));
        commands.sendAndWait(new CreateProduct(product, merchant, category, "Bench drone", null, null, List.of(), 99_000));
        return product;
    }

    private static String newSale(CommandGateway commands, String productId, int units) {
        String saleId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        commands.sendAndWait(new ScheduleFlashSale(saleId, productId, 9_900, units, 1, now.minusSeconds(1),
                now.plus(Duration.ofHours(1))));
        return saleId;
    }

    private static void emptyDatabase(String database, String url) throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            if (!admin.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next()) {
                admin.createStatement().execute("CREATE DATABASE " + database);
            }
        }
        Flyway.configure().dataSource(url, "postgres", "").cleanDisabled(false).load().clean();
    }
}
