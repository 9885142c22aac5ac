package io.eventmall.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/** The chain seals only what is certainly in the store: nothing at or past a transaction still in flight. */
class IntegrityChainTest {

    @Test
    void sealsUpToThePositionWhenNoGapIsOpen() {
        assertThat(IntegrityChain.sealableUpTo(GapAwareTrackingToken.newInstance(10, List.of()), Set.of())).isEqualTo(10);
    }

    @Test
    void stopsBeforeTheLowestOpenGap() {
        assertThat(IntegrityChain.sealableUpTo(GapAwareTrackingToken.newInstance(10, List.of(7L, 5L)), Set.of())).isEqualTo(4);
    }

    @Test
    void sealsPastTheGapsGivenUpOnUpToTheFirstOneStillAwaited() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(20, List.of(5L, 7L, 12L));
        assertThat(IntegrityChain.sealableUpTo(token, Set.of(5L))).isEqualTo(6);
        assertThat(IntegrityChain.sealableUpTo(token, Set.of(5L, 7L))).isEqualTo(11);
        assertThat(IntegrityChain.sealableUpTo(token, Set.of(5L, 7L, 12L))).isEqualTo(20);
        assertThat(IntegrityChain.sealableUpTo(token, Set.of(7L))).as("an older gap still awaited").isEqualTo(4);
    }

    @Test
    void duringAReplayFollowsTheReplayNotTheResetPoint() {
        GapAwareTrackingToken resetAt = GapAwareTrackingToken.newInstance(100, List.of());
        GapAwareTrackingToken now = GapAwareTrackingToken.newInstance(42, List.of());
        assertThat(IntegrityChain.sealableUpTo(ReplayToken.createReplayToken(resetAt, now), Set.of())).isEqualTo(42);
    }
}
