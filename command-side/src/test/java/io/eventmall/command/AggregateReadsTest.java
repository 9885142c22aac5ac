package io.eventmall.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.command.product.Product;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

class AggregateReadsTest {

    private final InMemoryAggregates store = new InMemoryAggregates();
    private final AggregateReads<Product> products = store.reads(Product.class);

    @Test
    void anUnchangedAggregateIsNotReplayedAgainAndAChangedOneIs() {
        store.given(Product.class, "tea", new ProductCreated("tea", "m-1", "c-1", "Longjing", null, null, List.of(), 1_000));
        Product first = inUnitOfWork(() -> products.read("tea", product -> product));
        Product again = inUnitOfWork(() -> products.read("tea", product -> product));
        assertThat(again).isSameAs(first);

        store.given(Product.class, "tea", new ProductPriceChanged("tea", 1_000, 1_200));
        Product changed = inUnitOfWork(() -> products.read("tea", product -> product));
        assertThat(changed).isNotSameAs(first);
        long price = inUnitOfWork(() -> products.read("tea", product -> product.quote(2).unitPrice()));
        assertThat(price).isEqualTo(1_200);
        assertThat(first.quote(2).unitPrice()).as("the state read before is left as it was").isEqualTo(1_000);
    }

    @Test
    void anAggregateWithoutEventsIsNotFound() {
        assertThatThrownBy(() -> inUnitOfWork(() -> products.read("nothing", product -> product)))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void theLeastRecentlyReadAggregatesAreForgottenBeyondTheCapacity() {
        AggregateReads<Product> small = new AggregateReads<>(Product.class, store.eventStore(), 1);
        store.given(Product.class, "tea", new ProductCreated("tea", "m-1", "c-1", "Longjing", null, null, List.of(), 1_000));
        store.given(Product.class, "pot", new ProductCreated("pot", "m-1", "c-1", "Teapot", null, null, List.of(), 2_500));
        Product tea = inUnitOfWork(() -> small.read("tea", product -> product));
        inUnitOfWork(() -> small.read("pot", product -> product));
        Product teaAgain = inUnitOfWork(() -> small.read("tea", product -> product));
        assertThat(teaAgain).isNotSameAs(tea);
    }

    private static <R> R inUnitOfWork(Supplier<R> reading) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(reading::get);
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return result.getPayload();
    }
}
