package io.eventmall.api.identity;

/**
 * A person was forgotten: their credential is deleted and the key that sealed their personal data in every event
 * is destroyed (crypto-shredding), so the history stays complete while those fields can no longer be read.
 */
public record UserForgotten(String userId) {
}
