package io.eventmall.app.web;

import io.eventmall.api.order.FindOrdersOfCustomer;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import io.eventmall.api.order.OrderPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "My orders": the caller's own orders newest first, optionally of one status. */
@RestController
@RequestMapping("/api/v1/orders")
public class MyOrdersController {

    private final Reads reads;

    MyOrdersController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    OrderPage mine(@RequestParam(required = false) OrderStatus status,
                               @RequestParam(required = false) @Size(max = 200) String cursor,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                               Authentication authentication) {
        return reads.one(new FindOrdersOfCustomer(Caller.of(authentication).userId(), status, cursor, size),
                OrderPage.class);
    }
}
