package io.eventmall.app.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Operators' screens: static pages (src/main/resources/static/ops) that anyone may load; the data they show
 * comes from the API with the token the operator gives them.
 */
@Controller
class OpsPages {

    /** The live funnel of one flash sale; the page reads the sale id from its own path. */
    @GetMapping("/ops/flash-sales/{flashSaleId}")
    String flashSale() {
        return "forward:/ops/flash-sale.html";
    }
}
