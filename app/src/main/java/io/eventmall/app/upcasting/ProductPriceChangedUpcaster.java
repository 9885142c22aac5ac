package io.eventmall.app.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmall.api.product.ProductPriceChanged;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@link ProductPriceChanged} revision 1 to 2: each price was a money object {@code {"amount", "currency"}} and
 * becomes its amount in minor units (the shop has one currency). Axon applies it wherever stored events are
 * read (aggregates, processors, the audit endpoints' past states), so no stored event is ever rewritten.
 */
@Component
class ProductPriceChangedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ProductPriceChanged.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(ProductPriceChanged.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            for (String price : new String[] {"oldPrice", "newPrice"}) {
                JsonNode money = payload.path(price);
                if (money.isObject()) {
                    upcast.put(price, money.path("amount").asLong());
                }
            }
            return upcast;
        });
    }
}
