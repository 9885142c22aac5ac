package io.eventmall.app.config;

import java.util.function.Supplier;
import org.axonframework.common.caching.WeakReferenceCache;

/**
 * The aggregate cache. A create-if-missing command that applies nothing (setting a quantity of 0 in a
 * cart that does not exist yet) leaves an aggregate without identifier, which the caching repository
 * would still try to store; such an aggregate has nothing worth caching, so it is skipped.
 */
class AggregateCache extends WeakReferenceCache {

    @Override
    public void put(Object key, Object value) {
        if (key != null) {
            super.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return key != null && super.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return key == null ? valueSupplier.get() : super.computeIfAbsent(key, valueSupplier);
    }
}
