package io.eventmall.api.identity;

public record FindUser(String userId) {
}
