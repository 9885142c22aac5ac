package io.eventmall.api.paging;

import java.util.List;

/** One page of a list read newest first; {@code nextCursor} is opaque and null on the last page. */
public record CursorPage<T>(List<T> items, String nextCursor) {
}
