package io.eventmall.query.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SoldOutMemoTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private SoldOutMemo memo(Duration lifetime) {
        return new SoldOutMemo(lifetime, meters);
    }

    private double answers() {
        return meters.counter(SoldOutMemo.ANSWERS).count();
    }

    @Test
    void aSaleFoundSoldOutIsRememberedForItsLifetimeAndEachAnswerIsCounted() {
        SoldOutMemo memo = memo(Duration.ofSeconds(30));
        assertThat(memo.soldOut("sale-1")).isFalse();

        memo.rememberSoldOut("sale-1");

        assertThat(memo.soldOut("sale-1")).isTrue();
        assertThat(memo.soldOut("sale-1")).isTrue();
        assertThat(memo.soldOut("sale-2")).isFalse();
        assertThat(answers()).isEqualTo(2);
    }

    @Test
    void theMemoEndsWithItsLifetime() {
        SoldOutMemo memo = memo(Duration.ofMillis(100));
        memo.rememberSoldOut("sale-1");
        assertThat(memo.soldOut("sale-1")).isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !memo.soldOut("sale-1"));
        assertThat(memo.soldOut("sale-1")).isFalse();
    }

    @Test
    void unitsGivenBackThroughThisNodeEndTheMemoAtOnce() {
        SoldOutMemo memo = memo(Duration.ofSeconds(30));
        memo.rememberSoldOut("sale-1");

        memo.forget("sale-1");

        assertThat(memo.soldOut("sale-1")).isFalse();
        assertThat(answers()).isZero();
    }

    @Test
    void aZeroLifetimeAsksTheGateEveryTime() {
        SoldOutMemo memo = memo(Duration.ZERO);
        memo.rememberSoldOut("sale-1");
        assertThat(memo.soldOut("sale-1")).isFalse();
    }

    @Test
    void aNegativeLifetimeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> memo(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mall.flash-sale.sold-out-memo");
    }
}
