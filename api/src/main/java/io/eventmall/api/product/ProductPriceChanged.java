package io.eventmall.api.product;

import org.axonframework.serialization.Revision;

/**
 * Revision 2: prices are integer minor units. Revision 1 wrote each price as a money object
 * {@code {"amount": <minor units>, "currency": "..."}}; {@code ProductPriceChangedUpcaster} reads it as revision 2.
 * Events stored before revisions existed (no revision) are already in this shape.
 */
@Revision("2")
public record ProductPriceChanged(String productId, long oldPrice, long newPrice) {
}
