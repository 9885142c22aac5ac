package io.eventmall.api.analytics;

/** The width of a time bucket of the sales figures (calendar hours and days, UTC). */
public enum SalesInterval {
    HOUR, DAY
}
