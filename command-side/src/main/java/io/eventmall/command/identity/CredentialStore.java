package io.eventmall.command.identity;

/**
 * Where a user's password hash lives: a state-stored table of its own, never an event. The event history is
 * read by auditors and kept forever; a credential must be replaceable and must never be readable from it.
 * Axon injects this into the User aggregate's handlers, which write it inside the command's transaction.
 */
public interface CredentialStore {

    void store(String userId, String username, String passwordHash);

    /** The user can no longer log in; their username stays claimed. */
    void forget(String userId);
}
