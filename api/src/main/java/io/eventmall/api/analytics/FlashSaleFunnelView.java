package io.eventmall.api.analytics;

/**
 * A flash sale's funnel. {@code attempts} counts every answered purchase request (429s included):
 * {@code admitted} were accepted, {@code rejectedSoldOut} and {@code rejectedLimit} refused as sold out or over
 * the buyer's limit, {@code rateLimited} answered 429; the rest were refused otherwise (not started, ended,
 * bad request). {@code ordersPaid} and {@code ordersExpired} count the sale's orders that were paid or whose
 * payment deadline passed.
 */
public record FlashSaleFunnelView(String flashSaleId, long attempts, long admitted, long rejectedSoldOut,
                                  long rejectedLimit, long rateLimited, long ordersPaid, long ordersExpired) {
}
