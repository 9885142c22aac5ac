package io.eventmall.command.product;

import io.eventmall.api.Refusal;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.product.CreateProduct;
import io.eventmall.api.product.DelistProduct;
import io.eventmall.api.product.ListProduct;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.api.product.UpdateProduct;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class ProductTest {

    private static final String PRODUCT_ID = "product-1";
    private static final List<String> IMAGES = List.of("https://cdn/tea-1.png", "https://cdn/tea-2.png");
    private static final ProductCreated CREATED = new ProductCreated(PRODUCT_ID, "merchant-1", "category-1",
            "Longjing", "Spring harvest", "Green tea from West Lake", IMAGES, 12_900);

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    private static CreateProduct create(String merchantId, String categoryId, String name, List<String> images, long price) {
        return new CreateProduct(PRODUCT_ID, merchantId, categoryId, name, "Spring harvest", "Green tea from West Lake", images, price);
    }

    @Test
    void createsAListedProduct() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", IMAGES, 12_900))
                .expectEvents(CREATED);
    }

    @Test
    void aProductWithoutImagesHasAnEmptyGallery() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", null, 12_900))
                .expectEvents(new ProductCreated(PRODUCT_ID, "merchant-1", "category-1",
                        "Longjing", "Spring harvest", "Green tea from West Lake", List.of(), 12_900));
    }

    @Test
    void refusesAProductWithoutName() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", " ", IMAGES, 12_900))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("name"));
    }

    @Test
    void refusesAFreeProduct() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", IMAGES, 0))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("price"));
    }

    @Test
    void refusesAPriceAboveTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", IMAGES, io.eventmall.api.Money.MAX_AMOUNT + 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesANegativePrice() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", IMAGES, -1))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesAProductWithoutMerchant() {
        fixture.givenNoPriorActivity()
                .when(create(null, "category-1", "Longjing", IMAGES, 12_900))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("merchantId"));
    }

    @Test
    void refusesAProductWithoutCategory() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "", "Longjing", IMAGES, 12_900))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("categoryId"));
    }

    @Test
    void refusesANullImage() {
        fixture.givenNoPriorActivity()
                .when(create("merchant-1", "category-1", "Longjing", Arrays.asList("https://cdn/a.png", null), 12_900))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("images"));
    }

    @Test
    void changesOnlyTheGivenDetails() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, "Longjing Premium", null, null, null, null))
                .expectEvents(new ProductDetailsChanged(PRODUCT_ID, "Longjing Premium", "Spring harvest",
                        "Green tea from West Lake", IMAGES));
    }

    @Test
    void changesOnlyThePrice() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, null, null, null, null, 9_900L))
                .expectEvents(new ProductPriceChanged(PRODUCT_ID, 12_900, 9_900));
    }

    @Test
    void changesDetailsAndPriceTogether() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, null, "Autumn harvest", null, List.of(), 8_800L))
                .expectEvents(
                        new ProductDetailsChanged(PRODUCT_ID, "Longjing", "Autumn harvest", "Green tea from West Lake", List.of()),
                        new ProductPriceChanged(PRODUCT_ID, 12_900, 8_800));
    }

    @Test
    void anUpdateThatChangesNothingAppliesNothing() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, "Longjing", "Spring harvest", null, IMAGES, 12_900L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void thePriceComparesWithTheLatestChange() {
        fixture.given(CREATED, new ProductPriceChanged(PRODUCT_ID, 12_900, 9_900))
                .when(new UpdateProduct(PRODUCT_ID, null, null, null, null, 12_900L))
                .expectEvents(new ProductPriceChanged(PRODUCT_ID, 9_900, 12_900));
    }

    @Test
    void refusesBlankingTheName() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, "", null, null, null, 9_900L))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("name"));
    }

    @Test
    void refusesAZeroPriceUpdate() {
        fixture.given(CREATED)
                .when(new UpdateProduct(PRODUCT_ID, "Longjing Premium", null, null, null, 0L))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("price"));
    }

    @Test
    void listsADelistedProduct() {
        fixture.given(CREATED, new ProductDelisted(PRODUCT_ID))
                .when(new ListProduct(PRODUCT_ID))
                .expectEvents(new ProductListed(PRODUCT_ID));
    }

    @Test
    void refusesListingAListedProduct() {
        fixture.given(CREATED)
                .when(new ListProduct(PRODUCT_ID))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void delistsAListedProduct() {
        fixture.given(CREATED)
                .when(new DelistProduct(PRODUCT_ID))
                .expectEvents(new ProductDelisted(PRODUCT_ID));
    }

    @Test
    void refusesDelistingADelistedProduct() {
        fixture.given(CREATED, new ProductDelisted(PRODUCT_ID))
                .when(new DelistProduct(PRODUCT_ID))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void quotesTheCurrentNameAndPriceWithoutApplyingAnything() {
        AtomicReference<OrderLine> quoted = new AtomicReference<>();

        fixture.given(CREATED,
                        new ProductDetailsChanged(PRODUCT_ID, "Longjing Premium", null, null, List.of()),
                        new ProductPriceChanged(PRODUCT_ID, 12_900, 9_900))
                .whenInvoking(PRODUCT_ID, product -> quoted.set(product.quote(3)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(quoted.get()).isEqualTo(new OrderLine(PRODUCT_ID, "Longjing Premium", 9_900, 3, "merchant-1"));
    }

    @Test
    void quotesAProductListedAgain() {
        AtomicReference<OrderLine> quoted = new AtomicReference<>();

        fixture.given(CREATED, new ProductDelisted(PRODUCT_ID), new ProductListed(PRODUCT_ID))
                .whenInvoking(PRODUCT_ID, product -> quoted.set(product.quote(1)))
                .expectSuccessfulHandlerExecution();

        assertThat(quoted.get()).isEqualTo(new OrderLine(PRODUCT_ID, "Longjing", 12_900, 1, "merchant-1"));
    }

    @Test
    void refusesToQuoteADelistedProduct() {
        fixture.given(CREATED, new ProductDelisted(PRODUCT_ID))
                .whenInvoking(PRODUCT_ID, product -> product.quote(1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_LISTED));
    }

    @Test
    void refusesToQuoteLessThanOneUnit() {
        fixture.given(CREATED)
                .whenInvoking(PRODUCT_ID, product -> product.quote(0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("quantity"));
    }
}
