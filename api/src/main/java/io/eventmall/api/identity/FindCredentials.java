package io.eventmall.api.identity;

public record FindCredentials(String username) {
}
