/**
 * The order intake behind {@code POST /orders} and {@code POST /cart/checkout}: how many placements run at once, and
 * the fast 503 for a request that cannot get its turn in time.
 */
package io.eventmall.app.order;
