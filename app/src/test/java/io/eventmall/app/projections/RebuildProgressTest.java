package io.eventmall.app.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class RebuildProgressTest {

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    @Test
    void aRebuildHalfwayToWhereTheStoreWasAtResetIsHalfDone() {
        assertThat(ProjectionAdministration.rebuildProgress(new ReplayToken(at(200), at(100)))).hasValue(0.5);
    }

    @Test
    void aRebuildThatHasNotHandledAnEventYetIsAtZero() {
        assertThat(ProjectionAdministration.rebuildProgress(new ReplayToken(at(200), null))).hasValue(0.0);
    }

    @Test
    void aRebuildThatReachedThePositionAtResetIsDoneThoughAxonStillHoldsAReplayToken() {
        assertThat(ProjectionAdministration.rebuildProgress(new ReplayToken(at(200), at(200)))).isEmpty();
    }

    @Test
    void aProcessorThatIsNotRebuildingHasNoProgress() {
        assertThat(ProjectionAdministration.rebuildProgress(at(300))).isEmpty();
    }
}
