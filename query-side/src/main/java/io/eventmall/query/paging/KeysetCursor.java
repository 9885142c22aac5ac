package io.eventmall.query.paging;

import io.eventmall.api.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The position after the last row of a page in a list ordered by (time DESC, id DESC). Clients see it as an
 * opaque string; the next page starts strictly after it, so rows inserted meanwhile never shift a page.
 */
public record KeysetCursor(Instant at, String id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The page starts at the newest row when there is no cursor. */
    public static KeysetCursor startingAt(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return new KeysetCursor(Instant.parse("9999-12-31T23:59:59Z"), "");
        }
        try {
            String decoded = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
            int separator = decoded.indexOf('|');
            long micros = Long.parseLong(decoded.substring(0, separator));
            return new KeysetCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), decoded.substring(separator + 1));
        } catch (RuntimeException malformed) {
            throw RuleViolation.invalid("cursor is not one this API issued");
        }
    }

    /** True when the cursor is the synthetic "before everything" start: ids compare only past a real row. */
    public boolean isStart() {
        return id.isEmpty();
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return ENCODER.encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page from {@code size + 1} rows read after this cursor: the extra row only tells that there is a next page,
     * which starts after the last row shown.
     */
    public static <R, V, P> P pageOf(List<R> rows, int size, Function<R, V> view, Function<V, KeysetCursor> positionOf,
                                     BiFunction<List<V>, String, P> page) {
        List<V> items = rows.stream().limit(size).map(view).toList();
        String next = rows.size() > size ? positionOf.apply(items.get(size - 1)).encode() : null;
        return page.apply(items, next);
    }

    /** Pages hold 1 to 100 rows. */
    public static int pageSize(int requested) {
        if (requested < 1 || requested > 100) {
            throw RuleViolation.invalid("size must be between 1 and 100, was " + requested);
        }
        return requested;
    }
}
