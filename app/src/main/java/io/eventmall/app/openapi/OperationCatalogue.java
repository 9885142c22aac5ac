package io.eventmall.app.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each operation is called and which area it belongs to, keyed by {@code METHOD path} with the path relative to
 * {@code /api/v1} (paths outside the API, such as the operators' page, in full).
 */
final class OperationCatalogue {

    static final String API_BASE = "/api/v1";

    /** The areas, in the order Swagger UI shows them, each with its description. */
    static final Map<String, String> AREAS = orderedAreas();

    private static Map<String, String> orderedAreas() {
        java.util.LinkedHashMap<String, String> areas = new java.util.LinkedHashMap<>();
        areas.put("Identity", "Registration, login (the bearer token), who am I, roles, forgetting a person");
        areas.put("Customers", "A customer's addresses, favorites, cart and notifications");
        areas.put("Catalog", "Shops, categories, products, stock and banners (ADMIN, MERCHANT for their own shop)");
        areas.put("Browsing", "Homepage, product pages and lists, search, rankings, shops, reviews");
        areas.put("Orders", "Placing, reading, cancelling, fulfilling and refunding orders; live status");
        areas.put("Payments", "Paying an order, the provider's signed callback, the sandbox provider");
        areas.put("Coupons", "Coupons, claims and their use by an order");
        areas.put("Flash sales", "Limited units at a low price from a set minute: purchases, the hidden purchase path");
        areas.put("Audit", "The event history, past states, signed checkpoints and their verification (AUDITOR, ADMIN)");
        areas.put("Analytics", "Sales figures and flash-sale funnels (ANALYST, ADMIN)");
        areas.put("Operations", "Read-model processors, replays, the operators' flash-sale screen (ADMIN)");
        return java.util.Collections.unmodifiableMap(areas);
    }

    /** First match wins: (method or "*", path prefix relative to the API base, area). */
    private static final List<String[]> AREA_RULES = List.of(
            new String[] {"POST", "/orders/{orderId}/payments", "Payments"},
            new String[] {"*", "/payments", "Payments"},
            new String[] {"*", "/sandbox", "Payments"},
            new String[] {"*", "/cart/checkout", "Orders"},
            new String[] {"*", "/orders", "Orders"},
            new String[] {"GET", "/merchants/{merchantId}/orders", "Orders"},
            new String[] {"*", "/coupons", "Coupons"},
            new String[] {"*", "/flash-sales", "Flash sales"},
            new String[] {"*", "/audit", "Audit"},
            new String[] {"*", "/analytics", "Analytics"},
            new String[] {"*", "/admin", "Operations"},
            new String[] {"*", "/ops/", "Operations"},
            new String[] {"*", "/users", "Identity"},
            new String[] {"*", "/addresses", "Customers"},
            new String[] {"*", "/favorites", "Customers"},
            new String[] {"*", "/cart", "Customers"},
            new String[] {"*", "/notifications", "Customers"},
            new String[] {"*", "/products/{productId}/reviews", "Browsing"},
            new String[] {"GET", "/", "Browsing"},
            new String[] {"*", "/", "Catalog"});

    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("POST /users/register", "Register a user (CUSTOMER), optionally with a mobile and an e-mail"),
            Map.entry("POST /users/login", "Log in: a bearer token for the Authorization header"),
            Map.entry("GET /users/me", "Who am I: id, username, roles, mobile and e-mail"),
            Map.entry("DELETE /users/me", "Forget me: no more login, personal data unreadable"),
            Map.entry("DELETE /users/{userId}", "Forget a user (ADMIN)"),
            Map.entry("PUT /users/{userId}/roles", "Set a user's roles (ADMIN); they apply from the next login"),
            Map.entry("POST /addresses", "Add a shipping address"),
            Map.entry("GET /addresses", "List my addresses"),
            Map.entry("PUT /addresses/{addressId}", "Change one of my addresses"),
            Map.entry("DELETE /addresses/{addressId}", "Remove one of my addresses"),
            Map.entry("PUT /favorites/{productId}", "Favorite a product"),
            Map.entry("DELETE /favorites/{productId}", "Unfavorite a product"),
            Map.entry("GET /favorites", "List my favorites, newest first"),
            Map.entry("GET /cart", "My cart with current prices and total"),
            Map.entry("PUT /cart/items/{productId}", "Set a product's quantity in my cart (0 removes it)"),
            Map.entry("GET /notifications", "My notifications, newest first"),
            Map.entry("POST /merchants", "Create a shop (ADMIN)"),
            Map.entry("POST /categories", "Create a category (ADMIN)"),
            Map.entry("POST /products", "Create a product in a shop (ADMIN, the shop's MERCHANT)"),
            Map.entry("PUT /products/{productId}", "Change a product's details or price"),
            Map.entry("POST /products/{productId}/list", "Put a product on the shelf"),
            Map.entry("POST /products/{productId}/delist", "Take a product off the shelf"),
            Map.entry("POST /products/{productId}/stock", "Add stock to a product"),
            Map.entry("POST /banners", "Create a homepage banner (ADMIN)"),
            Map.entry("GET /home", "The homepage: banners, flash sales, rankings, recommendations"),
            Map.entry("GET /products/{productId}", "A product page: price, stock, rating, shop"),
            Map.entry("GET /products", "Listed products of a category, newest first"),
            Map.entry("GET /merchants/top", "The best shops by paid sales"),
            Map.entry("GET /merchants/{merchantId}", "A shop"),
            Map.entry("GET /merchants/{merchantId}/products", "A shop's products"),
            Map.entry("GET /rankings", "Best sellers by paid units"),
            Map.entry("GET /search", "Search products with category and price facets"),
            Map.entry("GET /products/{productId}/reviews", "A product's reviews, newest first"),
            Map.entry("POST /products/{productId}/reviews", "Review a product I bought (paid order)"),
            Map.entry("POST /orders", "Place an order (prices from the catalog, optional coupon claim)"),
            Map.entry("POST /cart/checkout", "Order what is in my cart (optional coupon claim)"),
            Map.entry("GET /orders", "My orders, newest first, optionally by status"),
            Map.entry("GET /orders/{orderId}", "An order with its history (owner, ADMIN, AUDITOR)"),
            Map.entry("POST /orders/{orderId}/cancel", "Cancel my order before it is paid"),
            Map.entry("POST /orders/{orderId}/ship", "Mark an order shipped (ADMIN, the shop's MERCHANT)"),
            Map.entry("POST /orders/{orderId}/complete", "Mark an order completed (ADMIN, the shop's MERCHANT)"),
            Map.entry("POST /orders/{orderId}/refund", "Refund a paid order (ADMIN)"),
            Map.entry("GET /orders/{orderId}/updates", "Live status changes of my order (Server-Sent Events)"),
            Map.entry("GET /merchants/{merchantId}/orders", "Orders with a shop's products (the shop's MERCHANT, ADMIN)"),
            Map.entry("POST /orders/{orderId}/payments", "Open a payment for my order awaiting payment"),
            Map.entry("POST /payments/callback", "The payment provider's signed notification (X-Signature)"),
            Map.entry("POST /sandbox/payments/{providerReference}/pay", "Sandbox provider: simulate the customer paying"),
            Map.entry("POST /coupons", "Create a coupon (ADMIN, a MERCHANT for their own shop)"),
            Map.entry("GET /coupons/{couponId}", "A coupon with the claims left"),
            Map.entry("POST /coupons/{couponId}/claims", "Claim a coupon"),
            Map.entry("GET /coupons/claims", "My coupon claims and whether an order uses them"),
            Map.entry("POST /flash-sales", "Schedule a flash sale (ADMIN)"),
            Map.entry("GET /flash-sales", "Flash sales by state: ongoing, upcoming, ended"),
            Map.entry("GET /flash-sales/{flashSaleId}", "A flash sale with the units left"),
            Map.entry("POST /flash-sales/{flashSaleId}/purchases", "Buy flash-sale units (X-Purchase-Token when required)"),
            Map.entry("GET /flash-sales/{flashSaleId}/purchases/{purchaseId}", "The status of my purchase"),
            Map.entry("GET /flash-sales/{flashSaleId}/purchase-token", "The hidden purchase path: a token or a challenge"),
            Map.entry("POST /flash-sales/{flashSaleId}/purchase-token", "Trade a solved proof of work for a purchase token"),
            Map.entry("GET /audit/aggregates/{aggregateId}/events", "The whole event stream of an aggregate"),
            Map.entry("GET /audit/aggregates/{aggregateId}/state", "An aggregate's state as of a moment or sequence"),
            Map.entry("GET /audit/events", "The global event stream in commit order (JSON or NDJSON)"),
            Map.entry("GET /audit/checkpoint", "A signed digest of the history so far"),
            Map.entry("GET /audit/verify", "Verify the stored history, optionally against a checkpoint"),
            Map.entry("GET /audit/public-key", "The public key that checks checkpoint signatures"),
            Map.entry("GET /analytics/sales", "Sales figures by time and by category, shop or product"),
            Map.entry("GET /analytics/flash-sales/{flashSaleId}", "A flash sale's funnel"),
            Map.entry("GET /analytics/flash-sales/{flashSaleId}/live", "A flash sale's funnel, pushed live (SSE)"),
            Map.entry("GET /admin/projections", "Every event processor: position, lag, replay, dead letters"),
            Map.entry("POST /admin/projections/{name}/replay", "Rebuild a read model from the event store"),
            Map.entry("POST /admin/projections/{name}/dead-letters/retry", "Retry a processor's parked events now"),
            Map.entry("GET /ops/flash-sales/{flashSaleId}", "The operators' live flash-sale screen (a page)"));

    /** Operations anyone may call without a token. */
    static final Set<String> PUBLIC = Set.of("POST /users/register", "POST /users/login", "POST /payments/callback",
            "POST /sandbox/payments/{providerReference}/pay", "GET /ops/flash-sales/{flashSaleId}");

    private OperationCatalogue() {
    }

    /** {@code METHOD path}, the path relative to the API base where it lies under it. */
    static String keyOf(String method, String path) {
        return method + " " + (path.startsWith(API_BASE + "/") ? path.substring(API_BASE.length()) : path);
    }

    static Optional<String> summaryOf(String key) {
        return Optional.ofNullable(SUMMARIES.get(key));
    }

    static String areaOf(String key) {
        String method = key.substring(0, key.indexOf(' '));
        String path = key.substring(key.indexOf(' ') + 1);
        return AREA_RULES.stream()
                .filter(rule -> (rule[0].equals("*") || rule[0].equals(method)) && path.startsWith(rule[1]))
                .map(rule -> rule[2]).findFirst().orElse("Operations");
    }
}
