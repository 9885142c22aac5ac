package io.eventmall.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the servers underneath can do on this machine, measured in the same run as the application so that the
 * application's figures can be read as ratios on a shared, noisy machine: Redis running the flash-sale gate's own Lua
 * script (redis-benchmark, 50 clients), and PostgreSQL committing single-row inserts (pgbench, 16 clients). Both run
 * on a scratch Redis database and a scratch PostgreSQL database of their own, never the application's.
 */
final class Ceilings {

    private Ceilings() {
    }

    /** Admissions per second of {@code gate-admit.lua} itself: a sale that always admits (the path that writes). */
    static double gateScriptPerSecond(String redisHost, int redisPort, int scratchDatabase, Path script, int requests)
            throws IOException, InterruptedException {
        String base = "bench:{ceiling}:";
        run(List.of("redis-cli", "-h", redisHost, "-p", Integer.toString(redisPort), "-n", Integer.toString(scratchDatabase),
                "HSET", base + "sale", "startsAt", "0", "endsAt", "99999999999999", "limit", "1000000000",
                "remaining", "1000000000"));
        String output = run(List.of("redis-benchmark", "-h", redisHost, "-p", Integer.toString(redisPort),
                "--dbnum", Integer.toString(scratchDatabase), "-c", "50", "-n", Integer.toString(requests),
                "-r", "1000000000", "-q",
                "EVAL", Files.readString(script, StandardCharsets.UTF_8), "5", base + "sale", base + "tickets",
                base + "held", base + "returned", base + "pending", "p:__rand_int__", "u:__rand_int__", "1",
                Long.toString(System.currentTimeMillis())));
        run(List.of("redis-cli", "-h", redisHost, "-p", Integer.toString(redisPort), "-n", Integer.toString(scratchDatabase),
                "DEL", base + "sale", base + "tickets", base + "held", base + "returned", base + "pending"));
        return number(output, Pattern.compile("([0-9.]+) requests per second"), "redis-benchmark");
    }

    /** Committed single-row inserts per second, 16 clients for {@code seconds}, in database {@code database}. */
    static double pgInsertsPerSecond(String database, int seconds) throws IOException, InterruptedException {
        String exists = run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-XtAc",
                "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")).trim();
        if (!exists.equals("1")) {
            run(List.of("createdb", "-h", "127.0.0.1", "-U", "postgres", database));
        }
        run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Xqc",
                "CREATE TABLE IF NOT EXISTS ceiling_insert (id bigserial PRIMARY KEY, payload text NOT NULL)"));
        Path insert = Files.createTempFile("ceiling-insert", ".sql");
        Files.writeString(insert, "INSERT INTO ceiling_insert (payload) VALUES ('a flash-sale purchase sized row');\n");
        try {
            String output = run(List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-c", "16", "-j", "2",
                    "-T", Integer.toString(seconds), "-f", insert.toString(), database));
            return number(output, Pattern.compile("tps = ([0-9.]+)"), "pgbench");
        } finally {
            Files.deleteIfExists(insert);
            run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Xqc", "TRUNCATE ceiling_insert"));
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + output);
        }
        return output;
    }

    private static double number(String output, Pattern pattern, String tool) throws IOException {
        Matcher matcher = pattern.matcher(output);
        double last = Double.NaN;
        while (matcher.find()) {
            last = Double.parseDouble(matcher.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IOException(tool + " printed no figure: " + output);
        }
        return last;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
