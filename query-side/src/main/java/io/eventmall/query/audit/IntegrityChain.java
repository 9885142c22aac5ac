package io.eventmall.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.ProcessingGroup;
import org.postgresql.PGStatement;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links every stored event into a SHA-256 hash chain computed from the bytes as they are stored
 * ({@link ChainHash}). The chain is an index into the store, not a witness: whoever can write the database
 * can rewrite both. What makes history provable is a signed checkpoint of the chain's head kept outside this
 * system (the web layer signs {@link #verifiedHead()}); verification always recomputes every link from the
 * stored events, so a changed, removed or re-sealed event is found either as a link that no longer matches
 * its event or as a head that no longer matches the checkpoint.
 *
 * <p>Events are sealed in global-index order, a batch at a time: at the end of each processor batch, every
 * event up to the processor's gap-free position is read with one query and linked with one JDBC batch, in the
 * batch's transaction (with the processor's token). A gap in the global index is awaited for
 * {@code mall.audit.gap-allowance} (a minute): an event that commits into it later is never sealed, and
 * verification reports it as inserted by hand.
 */
@Component
@ProcessingGroup(IntegrityChain.NAME)
public class IntegrityChain {

    public static final String NAME = "integrity-chain";
    private static final Logger log = LoggerFactory.getLogger(IntegrityChain.class);
    private static final String PENDING = IntegrityChain.class.getName() + ".pending";
    /** Rows per verification query: each is one round trip, streamed by a cursor. */
    private static final int VERIFY_BATCH = 20_000;
    /** Gaps looked at per check, lowest first: beyond the first one still awaited, the rest cannot matter. */
    private static final int GAPS_CHECKED = 100;
    /** The store is asked which gaps to give up on at most this often, not at every batch of a busy processor. */
    private static final long GAP_CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final JdbcTemplate jdbc;
    /**
     * How long a gap in the global index is awaited: once the first event after it is older than this, the
     * transaction that took its index rolled back (an append that met another writer) or was never going to commit
     * in time, and the chain is sealed past it. An event below the sealed head that still has no link after this
     * long was therefore not appended through the application.
     */
    private final Duration gapAllowance;
    /** The last link this process recomputed from the events itself: checkpoints extend it incrementally. */
    private final AtomicReference<Link> verified = new AtomicReference<>();
    /**
     * The gaps last found given up on (for good: the event after a gap only gets older), and when the store may be
     * asked again. The processor has one segment, so one thread at a time seals.
     */
    private volatile Set<Long> givenUp = Set.of();
    private volatile long nextGapCheck = System.nanoTime();

    IntegrityChain(JdbcTemplate jdbc, @Value("${mall.audit.gap-allowance:PT1M}") Duration gapAllowance) {
        this.jdbc = jdbc;
        this.gapAllowance = gapAllowance;
    }

    /** A link of the chain: its number, the global index of the event it seals, and the chain hash there. */
    public record Link(long link, long position, String hash) {
    }

    /**
     * What verification found. {@code checkpoint} is null without a checkpoint, otherwise MATCHED (the
     * recomputed chain has the checkpoint's hash at its position), DIFFERENT (it has another: something up to
     * there was changed, removed or re-sealed) or MISSING (no event at that position is sealed any more).
     */
    public record Verdict(boolean valid, long checkedEvents, Long firstBrokenPosition, CheckpointMatch checkpoint) {
    }

    public enum CheckpointMatch { MATCHED, DIFFERENT, MISSING }

    /**
     * Remembers how far the batch got; the batch's transaction then seals every event up to there (see
     * {@link #sealableUpTo}) before it commits with the processor's token.
     */
    @EventHandler
    void on(EventMessage<?> event, TrackingToken token) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        AtomicReference<TrackingToken> reached = unitOfWork.getOrComputeResource(PENDING, key -> {
            AtomicReference<TrackingToken> latest = new AtomicReference<>();
            unitOfWork.onPrepareCommit(u -> seal(sealableUpTo(latest.get(), abandonedGaps(latest.get()))));
            return latest;
        });
        reached.set(token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM integrity_chain");
        verified.set(null);
        log.warn("integrity chain dropped for a rebuild: checkpoints issued before now no longer match");
    }

    /**
     * The highest global index below which every event is in the store: the processor's position, or just
     * before the lowest gap it still waits for (a transaction that has taken a global index but not committed
     * yet), gaps given up on ({@code abandoned}) aside. Sealing in global-index order up to there makes the chain
     * a function of the stored events alone: rebuilt from the same events it is the same chain, and a
     * checkpoint's position covers every event up to it.
     */
    static long sealableUpTo(TrackingToken token, Set<Long> abandoned) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        if (position instanceof GapAwareTrackingToken gapAware) {
            for (long gap : gapAware.getGaps()) {
                if (!abandoned.contains(gap)) {
                    return gap - 1;
                }
            }
            return gapAware.getIndex();
        }
        return position == null ? -1 : position.position().orElse(-1);
    }

    /**
     * The token's lowest gaps whose next stored event is older than the gap allowance, as last looked up (at most
     * once a second). Axon's token keeps such a
     * gap until the index has moved 10,000 past it or more than 250 gaps are open, so without this a single
     * rolled-back append held the seal (and every checkpoint) back for as long, in a quiet shop for good.
     */
    private Set<Long> abandonedGaps(TrackingToken token) {
        if (!(WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware)
                || gapAware.getGaps().isEmpty()) {
            return Set.of();
        }
        long now = System.nanoTime();
        if (now - nextGapCheck < 0) {
            return givenUp;
        }
        nextGapCheck = now + GAP_CHECK_INTERVAL_NANOS;
        Long[] lowest = gapAware.getGaps().stream().limit(GAPS_CHECKED).toArray(Long[]::new);
        List<Long> abandoned = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT g FROM unnest(?::bigint[]) AS g"
                    + " WHERE (SELECT e.time_stamp FROM domain_event_entry e WHERE e.global_index > g"
                    + " ORDER BY e.global_index LIMIT 1)::timestamptz < now() - ? * interval '1 millisecond'");
            statement.setArray(1, connection.createArrayOf("bigint", lowest));
            statement.setLong(2, gapAllowance.toMillis());
            return statement;
        }, (rs, row) -> rs.getLong(1));
        if (!abandoned.isEmpty()) {
            log.debug("integrity chain: sealing past {} gap(s) in the global index older than {}: {}", abandoned.size(),
                    gapAllowance, abandoned);
        }
        givenUp = Set.copyOf(abandoned);
        return givenUp;
    }

    private void seal(long upTo) {
        List<Link> last = jdbc.query("SELECT link, global_index, hash FROM integrity_chain ORDER BY link DESC LIMIT 1",
                (rs, row) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        long link = last.isEmpty() ? 0 : last.get(0).link();
        String previous = last.isEmpty() ? ChainHash.GENESIS : last.get(0).hash();
        // max, not the last link's: a chain sealed by an earlier version may end on an event it linked late.
        Long sealed = jdbc.queryForObject("SELECT max(global_index) FROM integrity_chain", Long.class);
        long after = sealed == null ? -1 : sealed;
        if (upTo <= after) {
            return;
        }
        List<StoredEventRow> rows = jdbc.query(ChainHash.STORED_EVENT_COLUMNS_SQL
                        + " FROM domain_event_entry e WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index",
                (rs, row) -> StoredEventRow.of(rs, 1), after, upTo);
        List<Object[]> links = new ArrayList<>(rows.size());
        for (StoredEventRow row : rows) {
            previous = ChainHash.next(previous, row);
            links.add(new Object[] {++link, row.globalIndex(), previous});
        }
        jdbc.batchUpdate("INSERT INTO integrity_chain (link, global_index, hash) VALUES (?, ?, ?)", links);
    }

    /** Recomputes the whole chain from the stored events. */
    public Verdict verify() {
        return walk(null, null, null).verdict();
    }

    /** Recomputes the whole chain, and checks that at {@code position} it still has the checkpoint's hash. */
    public Verdict verify(long position, String hash) {
        return walk(null, position, hash).verdict();
    }

    /**
     * The chain's head, recomputed from the events since the last head this process verified: what a
     * checkpoint may vouch for. Empty when the chain is empty or broken (then no checkpoint may be issued).
     */
    public Optional<Link> verifiedHead() {
        Link from = verified.get();
        Walk walk = walk(from, null, null);
        if (!walk.verdict().valid()) {
            log.error("integrity chain broken at position {}: no checkpoint issued", walk.verdict().firstBrokenPosition());
            verified.compareAndSet(from, null);
            return Optional.empty();
        }
        Optional<Link> head = Optional.ofNullable(walk.last()).or(() -> Optional.ofNullable(from));
        head.ifPresent(link -> verified.accumulateAndGet(link, (old, now) -> old == null || now.link() > old.link() ? now : old));
        return head;
    }

    private record Walk(Verdict verdict, Link last) {
    }

    /**
     * Streams the links after {@code from} joined with the events they seal, in link order, and recomputes
     * each hash from the event's stored bytes. One query per {@link #VERIFY_BATCH} links.
     */
    private Walk walk(Link from, Long checkpointPosition, String checkpointHash) {
        String previous = from == null ? ChainHash.GENESIS : from.hash();
        long afterLink = from == null ? 0 : from.link();
        long checked = 0;
        Link last = null;
        CheckpointMatch match = checkpointPosition == null ? null : CheckpointMatch.MISSING;
        while (true) {
            long after = afterLink;
            Batch batch = jdbc.execute((Connection connection) -> readBatch(connection, after));
            for (int i = 0; i < batch.links().size(); i++) {
                Link link = batch.links().get(i);
                StoredEventRow row = batch.rows().get(i);
                String recomputed = row == null ? null : ChainHash.next(previous, row);
                if (!link.hash().equals(recomputed)) {
                    // Broken before the checkpoint's position was reached: the checkpoint cannot hold either.
                    CheckpointMatch atBreak = match == CheckpointMatch.MISSING ? CheckpointMatch.DIFFERENT : match;
                    return new Walk(new Verdict(false, checked, link.position(), atBreak), last);
                }
                if (checkpointPosition != null && link.position() == checkpointPosition) {
                    match = recomputed.equals(checkpointHash) ? CheckpointMatch.MATCHED : CheckpointMatch.DIFFERENT;
                }
                previous = recomputed;
                last = link;
                checked++;
            }
            if (batch.links().size() < VERIFY_BATCH) {
                break;
            }
            afterLink = last.link();
        }
        if (last != null) {
            Long inserted = firstUnsealedBelow(last.position(), last.link());
            if (inserted != null) {
                return new Walk(new Verdict(false, checked, inserted, match), last);
            }
        }
        boolean checkpointHolds = match == null || match == CheckpointMatch.MATCHED;
        Long broken = checkpointHolds ? null : checkpointPosition;
        return new Walk(new Verdict(checkpointHolds, checked, broken, match), last);
    }

    private record Batch(List<Link> links, List<StoredEventRow> rows) {
    }

    private static Batch readBatch(Connection connection, long afterLink) throws SQLException {
        List<Link> links = new ArrayList<>();
        List<StoredEventRow> rows = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams a result with a cursor only inside a transaction.
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.link, c.global_index, c.hash, "
                + ChainHash.STORED_EVENT_COLUMNS + " FROM integrity_chain c"
                + " LEFT JOIN domain_event_entry e ON e.global_index = c.global_index"
                + " WHERE c.link > ? ORDER BY c.link LIMIT " + VERIFY_BATCH)) {
            statement.setFetchSize(2_000);
            if (statement.isWrapperFor(PGStatement.class)) {
                // Binary transfer from the first execution: bytea arrives as bytes, not hex text (about 1.5x faster).
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            statement.setLong(1, afterLink);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    links.add(new Link(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                    rows.add(rs.getObject(4) == null ? null : StoredEventRow.of(rs, 4));
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Batch(links, rows);
    }

    /**
     * An event below the sealed head, older than the gap allowance, that the chain never saw: inserted by hand
     * (or committed into a gap after the chain had given up on it).
     * The cheap test first (as many events up to the head as links), the search only when they differ.
     */
    private Long firstUnsealedBelow(long head, long links) {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class, head);
        if (events != null && events <= links) {
            return null;
        }
        return jdbc.queryForObject("SELECT min(u.global_index) FROM (SELECT e.global_index, e.time_stamp"
                + " FROM domain_event_entry e WHERE e.global_index < ?"
                + " AND NOT EXISTS (SELECT 1 FROM integrity_chain c WHERE c.global_index = e.global_index)) u"
                + " WHERE u.time_stamp::timestamptz < now() - ? * interval '1 millisecond'", Long.class, head,
                gapAllowance.toMillis());
    }
}
