package io.eventmall.app.web;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the few answers that a client uses at once (a new user logging in): waits a
 * bounded time for a projection to show a write. Past the bound the write still stands; the client
 * simply sees the read model a moment later.
 */
@Component
public class ReadModelWait {

    private final Duration limit;

    ReadModelWait(@Value("${mall.web.read-your-writes-timeout:PT5S}") Duration limit) {
        this.limit = limit;
    }

    public boolean until(BooleanSupplier visible) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = 2;
        while (!visible.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 50);
        }
        return true;
    }
}
