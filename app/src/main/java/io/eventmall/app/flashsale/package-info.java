/**
 * The flash-sale purchase path, behind {@code POST /flash-sales/{id}/purchases}: the per-user rate limit, the Redis
 * gate, the batched single writer per sale that has the FlashSale aggregate decide many purchases in one transaction,
 * and the reconciler that gives back admissions whose purchase never committed. Also the sales as buyers see them
 * ({@code LiveFlashSales}): the read model's terms with the units the gate has left.
 */
package io.eventmall.app.flashsale;
