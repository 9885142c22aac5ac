package io.eventmall.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk (Debian's package) as the load generator: C connections over a few threads, open-ended closed loops in C. */
final class Wrk {

    private Wrk() {
    }

    /** What one wrk run answered: requests per second, answers by status, latency in microseconds, socket errors. */
    record Result(double perSecond, long requests, Map<Integer, Long> statuses, long p50Micros, long p99Micros,
                  long maxMicros, long timeouts, long socketErrors, List<String> accepted) {

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        long count5xx() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** A plain GET load: requests per second and latency. */
    static Result get(String url, int connections, int threads, Duration duration) throws IOException, InterruptedException {
        String output = Ceilings.run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "--latency", url));
        Matcher perSecond = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher requests = Pattern.compile("([0-9]+) requests in").matcher(output);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)").matcher(output);
        Matcher timeouts = Pattern.compile("timeout ([0-9]+)").matcher(output);
        if (!perSecond.find() || !requests.find()) {
            throw new IOException("wrk printed no figures: " + output);
        }
        long total = Long.parseLong(requests.group(1));
        long failed = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        return new Result(Double.parseDouble(perSecond.group(1)), total, Map.of(200, total - failed, 0, failed),
                micros(output, "\\s50%\\s+"), micros(output, "\\s99%\\s+"),
                micros(output, "Latency\\s+\\S+\\s+\\S+\\s+"), timeouts.find()
                ? Long.parseLong(timeouts.group(1)) : 0, 0, List.of());
    }

    /** The purchase script ({@code wrk/purchase.lua}): every request the next buyer's purchase of one unit. */
    static Result purchases(String baseUrl, String path, Path tokens, int connections, int threads, Duration duration)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("purchase", ".lua");
        try (InputStream resource = Wrk.class.getResourceAsStream("/wrk/purchase.lua")) {
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), baseUrl)
                .redirectErrorStream(true);
        wrk.environment().put("WRK_TOKENS", tokens.toString());
        wrk.environment().put("WRK_THREADS", Integer.toString(threads));
        wrk.environment().put("WRK_PATH", path);
        Process process = wrk.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Files.deleteIfExists(script);
        if (process.exitValue() != 0 || !output.contains("REQUESTS")) {
            throw new IOException("wrk failed: " + output);
        }
        Map<Integer, Long> statuses = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        long requests = 0, durationMicros = 1, p50 = 0, p99 = 0, max = 0, timeouts = 0, socketErrors = 0;
        for (String line : output.split("\n")) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "STATUS" -> statuses.merge(Integer.parseInt(words[1]), Long.parseLong(words[2]), Long::sum);
                case "ACCEPTED" -> accepted.add(words[1]);
                case "REQUESTS" -> requests = Long.parseLong(words[1]);
                case "DURATION" -> durationMicros = Long.parseLong(words[1]);
                case "LATENCY" -> {
                    long value = Long.parseLong(words[2]);
                    switch (words[1]) {
                        case "p50" -> p50 = value;
                        case "p99" -> p99 = value;
                        default -> max = value;
                    }
                }
                case "ERRORS" -> {
                    timeouts = Long.parseLong(words[8]);
                    socketErrors = Long.parseLong(words[2]) + Long.parseLong(words[4]) + Long.parseLong(words[6]);
                }
                default -> { }
            }
        }
        return new Result(requests / (durationMicros / 1e6), requests, statuses, p50, p99, max, timeouts, socketErrors,
                accepted);
    }

    /** The first duration after {@code prefix} (a regular expression), in microseconds. */
    private static long micros(String output, String prefix) {
        Matcher matcher = Pattern.compile(prefix + "([0-9.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            return -1;
        }
        double value = Double.parseDouble(matcher.group(1));
        return (long) switch (matcher.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1_000;
            default -> value * 1_000_000;
        };
    }
}
