package io.eventmall.query.jpa;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row whose id comes from the events (an order's, a purchase's), so that Spring Data cannot tell a new
 * row from a stored one and would merge every new row: a SELECT before each insert, which also flushes the batch's
 * pending inserts one at a time. The row says itself whether it is new instead.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<String> {

    /** Rows Hibernate loads come through the no-argument constructor, stored already. */
    @Transient
    private boolean stored = true;

    /** For the constructor that makes a row from an event. */
    protected final void markNew() {
        stored = false;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostPersist
    void markStored() {
        stored = true;
    }
}
