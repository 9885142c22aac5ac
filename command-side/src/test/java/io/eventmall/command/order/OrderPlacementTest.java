package io.eventmall.command.order;

import io.eventmall.api.Refusal;
import io.eventmall.api.address.AddressAdded;
import io.eventmall.api.address.AddressRemoved;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.api.coupon.CouponClaimed;
import io.eventmall.api.coupon.CouponCreated;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderLineRequest;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.PlaceFlashSaleOrder;
import io.eventmall.api.order.PlaceOrder;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.command.InMemoryAggregates;
import io.eventmall.command.Refused;
import io.eventmall.command.address.Address;
import io.eventmall.command.product.Product;
import io.eventmall.command.coupon.Coupon;
import io.eventmall.command.coupon.CouponDiscounts;
import io.eventmall.command.coupon.LedgerOfCouponEvents;
import io.eventmall.command.inventory.Inventory;
import io.eventmall.command.inventory.StockReservations;
import io.eventmall.api.inventory.InventoryId;
import io.eventmall.api.inventory.StockAdded;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.OrderStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The Order fixture runs OrderPlacement against real event-sourced Product, Address and Inventory repositories, so
 * prices, listing, address ownership and stock come from the aggregates' own rules.
 */
class OrderPlacementTest {

    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "user-1";
    private static final Instant DEADLINE = Instant.parse("2026-06-18T10:30:00Z");
    private static final Instant NOW = Instant.parse("2026-06-18T10:00:00Z");
    /** Placed now, an order accepted at placement awaits payment for the payment window of 30 minutes. */
    private static final OrderAccepted ACCEPTED = new OrderAccepted(ORDER, NOW.plus(Duration.ofMinutes(30)), false);
    private static final ShippingAddress HOME =
            new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "Xihu", "1 Lake Road", null);

    private final InMemoryAggregates catalogAndAddresses = new InMemoryAggregates();
    private final LedgerOfCouponEvents coupons = new LedgerOfCouponEvents();
    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        givenProduct("product-tea", "Longjing", 1_000);
        givenProduct("product-pot", "Teapot", 2_500);
        givenProduct("product-cup", "Cup", 300);
        catalogAndAddresses.given(Product.class, "product-cup", new ProductDelisted("product-cup"));
        catalogAndAddresses.given(Address.class, "address-home", new AddressAdded("address-home", CUSTOMER, HOME, true));
        catalogAndAddresses.given(Address.class, "address-old",
                new AddressAdded("address-old", CUSTOMER, HOME, false), new AddressRemoved("address-old", CUSTOMER));

        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new CouponDiscounts(coupons, catalogAndAddresses.repository(Coupon.class)));
        fixture.registerAnnotatedCommandHandler(new OrderPlacement(new ProductQuotes(catalogAndAddresses.reads(Product.class)),
                new ShippingAddresses(catalogAndAddresses.reads(Address.class)),
                new StockReservations(catalogAndAddresses.repository(Inventory.class)),
                new PaymentWindow(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(30)), fixture.getRepository(),
                fixture.getEventStore()));
    }

    private void givenStock(String productId, int units) {
        catalogAndAddresses.given(Inventory.class, InventoryId.of(productId), new StockAdded(productId, units, units));
    }

    /** The stock events the placement's unit of work committed beside the order's own. */
    private List<Object> stockEvents(String productId) {
        return catalogAndAddresses.eventStore().readEvents(InventoryId.of(productId)).asStream()
                .<Object>map(event -> event.getPayload()).toList();
    }

    private void givenProduct(String productId, String name, long price) {
        catalogAndAddresses.given(Product.class, productId,
                new ProductCreated(productId, "merchant-1", "category-1", name, null, null, List.of(), price));
        givenStock(productId, 10);
    }

    private static PlaceOrder placeOrder(String addressId, OrderLineRequest... lines) {
        return new PlaceOrder(ORDER, CUSTOMER, List.of(lines), addressId, false);
    }

    @Test
    void pricesTheOrderFromTheCatalogInTheCustomersLineOrder() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-tea", 2), new OrderLineRequest("product-pot", 1)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(OrderStatus.AWAITING_PAYMENT)
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER,
                        List.of(new OrderLine("product-tea", "Longjing", 1_000, 2, "merchant-1"),
                                new OrderLine("product-pot", "Teapot", 2_500, 1, "merchant-1")),
                        4_500, HOME, null, null, false, null, 0, true, true), ACCEPTED);
        assertThat(stockEvents("product-tea")).last()
                .isEqualTo(new StockReserved("product-tea", ORDER, 2, 8));
        assertThat(stockEvents("product-pot")).last()
                .isEqualTo(new StockReserved("product-pot", ORDER, 1, 9));
    }

    /** The order is still placed (202), and rejected in the same commit: no line keeps a unit. */
    @Test
    void aLineShortOfStockRejectsTheOrderAndReservesNoOtherLine() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-tea", 2), new OrderLineRequest("product-pot", 11)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(OrderStatus.REJECTED)
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER,
                                List.of(new OrderLine("product-tea", "Longjing", 1_000, 2, "merchant-1"),
                                        new OrderLine("product-pot", "Teapot", 2_500, 11, "merchant-1")),
                                29_500, HOME, null, null, false, null, 0, true, true),
                        new OrderRejected(ORDER, "INSUFFICIENT_STOCK: product product-pot has 10 units available, order "
                                + ORDER + " asked for 11"));
        assertThat(stockEvents("product-tea")).hasSize(1);
        assertThat(stockEvents("product-pot")).hasSize(1);
    }

    @Test
    void aProductNeverStockedRejectsTheOrder() {
        catalogAndAddresses.given(Product.class, "product-new", new ProductCreated("product-new", "merchant-1",
                "category-1", "New", null, null, List.of(), 100));
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-new", 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER, List.of(new OrderLine("product-new", "New", 100, 1, "merchant-1")),
                                100, HOME, null, null, false, null, 0, true, true),
                        new OrderRejected(ORDER, "INSUFFICIENT_STOCK: product product-new has 0 units available, order "
                                + ORDER + " asked for 1"));
    }

    private PlaceOrder placeOrderWithCoupon(String claimId, OrderLineRequest... lines) {
        catalogAndAddresses.given(Coupon.class, "coupon-1", new CouponCreated("coupon-1", "Tea time", 500, 2_000, 10, 1,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), "merchant-1"));
        coupons.record(new CouponClaimed("coupon-1", "claim-mine", CUSTOMER, 9),
                new CouponClaimed("coupon-1", "claim-theirs", "someone-else", 8));
        return new PlaceOrder(ORDER, CUSTOMER, List.of(lines), "address-home", false, claimId);
    }

    @Test
    void aCouponClaimTakesItsDiscountOffTheTotal() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWithCoupon("claim-mine", new OrderLineRequest("product-tea", 2)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER,
                        List.of(new OrderLine("product-tea", "Longjing", 1_000, 2, "merchant-1")),
                        1_500, HOME, null, null, false, "claim-mine", 500, true, true), ACCEPTED);
    }

    @Test
    void aCouponBelowItsMinimumAnotherUsersOrAUsedClaimIsRefused() {
        fixture.givenNoPriorActivity()
                .when(placeOrderWithCoupon("claim-mine", new OrderLineRequest("product-tea", 1)))
                .expectException(Refused.because(Refusal.COUPON_NOT_APPLICABLE));
        fixture.givenNoPriorActivity()
                .when(placeOrderWithCoupon("claim-theirs", new OrderLineRequest("product-tea", 2)))
                .expectException(Refused.because(Refusal.NOT_FOUND));
        PlaceOrder usingAUsedClaim = placeOrderWithCoupon("claim-mine", new OrderLineRequest("product-tea", 2));
        coupons.usedBy("claim-mine", "order-before");
        fixture.givenNoPriorActivity()
                .when(usingAUsedClaim)
                .expectException(Refused.because(Refusal.COUPON_NOT_APPLICABLE));
    }

    @Test
    void aRepeatedPlacementAnswersTheOrdersStatusAndAppliesNothing() {
        fixture.given(new OrderPlaced(ORDER, CUSTOMER, List.of(new OrderLine("product-tea", "Longjing", 1_000, 2)),
                        2_000, HOME, null, null, false, null, 0, true), new OrderAccepted(ORDER, DEADLINE))
                .when(placeOrder("address-home", new OrderLineRequest("product-pot", 1)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(OrderStatus.AWAITING_PAYMENT)
                .expectNoEvents();
        assertThat(stockEvents("product-pot")).hasSize(1);
    }

    @Test
    void acceptsFiftyLines() {
        IntStream.range(0, OrderPlacement.MAX_LINES).forEach(i -> givenProduct("product-" + i, "Item " + i, 100));
        OrderLineRequest[] fiftyLines = IntStream.range(0, OrderPlacement.MAX_LINES)
                .mapToObj(i -> new OrderLineRequest("product-" + i, 1)).toArray(OrderLineRequest[]::new);
        List<OrderLine> quotedInRequestOrder = IntStream.range(0, OrderPlacement.MAX_LINES)
                .mapToObj(i -> new OrderLine("product-" + i, "Item " + i, 100, 1, "merchant-1")).toList();

        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", fiftyLines))
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER, quotedInRequestOrder, 5_000, HOME, null, null, false, null, 0,
                        true, true), ACCEPTED);
    }

    @Test
    void refusesMoreThanFiftyLines() {
        OrderLineRequest[] tooManyLines = IntStream.range(0, OrderPlacement.MAX_LINES + 1)
                .mapToObj(i -> new OrderLineRequest("product-" + i, 1)).toArray(OrderLineRequest[]::new);

        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", tooManyLines))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("at most 50"));
    }

    @Test
    void refusesAnOrderWithoutLines() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesMissingLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, null, "address-home", false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesTheSameProductOnTwoLines() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-tea", 1), new OrderLineRequest("product-tea", 2)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("product-tea"));
    }

    @Test
    void refusesAnUnknownProduct() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-tea", 1), new OrderLineRequest("product-ghost", 1)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND))
                .expectExceptionMessage(containsString("product-ghost"));
    }

    @Test
    void refusesADelistedProduct() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-cup", 1)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_LISTED));
    }

    @Test
    void refusesALineWithoutUnits() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-home", new OrderLineRequest("product-tea", 0)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesSomeoneElsesAddress() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "user-2", List.of(new OrderLineRequest("product-tea", 1)), "address-home", false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void refusesARemovedAddress() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-old", new OrderLineRequest("product-tea", 1)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND));
    }

    @Test
    void refusesAnUnknownAddress() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("address-ghost", new OrderLineRequest("product-tea", 1)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND))
                .expectExceptionMessage(containsString("address-ghost"));
    }

    @Test
    void refusesAnOrderWithoutCustomer() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, null, List.of(new OrderLineRequest("product-tea", 1)), "address-home", false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void placesAFlashSaleOrderAtTheSalePriceNamedFromTheCatalog() {
        fixture.givenNoPriorActivity()
                .when(new PlaceFlashSaleOrder(ORDER, CUSTOMER, "sale-1", "purchase-1", "product-pot", 1, 999, DEADLINE))
                .expectResultMessagePayload(ORDER)
                .expectEvents(new OrderPlaced(ORDER, CUSTOMER,
                        List.of(new OrderLine("product-pot", "Teapot", 999, 1, "merchant-1")),
                        999, null, "sale-1", "purchase-1", false, null, 0, false, true),
                        new OrderAccepted(ORDER, DEADLINE, true));
    }

    @Test
    void aRedeliveredFlashSalePurchasePlacesNoSecondOrder() {
        fixture.given(new OrderPlaced(ORDER, CUSTOMER, List.of(new OrderLine("product-pot", "Teapot", 999, 1)),
                        999, null, "sale-1", "purchase-1", false))
                .when(new PlaceFlashSaleOrder(ORDER, CUSTOMER, "sale-1", "purchase-1", "product-pot", 1, 999, DEADLINE))
                .expectResultMessagePayload(ORDER)
                .expectNoEvents();
    }

    @Test
    void aFlashSaleOrderNeedsAPositivePrice() {
        fixture.givenNoPriorActivity()
                .when(new PlaceFlashSaleOrder(ORDER, CUSTOMER, "sale-1", "purchase-1", "product-pot", 1, 0, DEADLINE))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }
}
