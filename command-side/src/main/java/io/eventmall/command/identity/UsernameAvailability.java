package io.eventmall.command.identity;

/**
 * Usernames are unique across all users, a rule no single User aggregate can check: registration asks this
 * set-based lookup, which Axon injects into the handler from the Spring context.
 */
public interface UsernameAvailability {

    boolean isTaken(String username);
}
