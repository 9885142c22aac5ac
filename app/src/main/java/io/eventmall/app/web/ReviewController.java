package io.eventmall.app.web;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.FindOrdersToReview;
import io.eventmall.api.review.ReviewPage;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import io.eventmall.api.review.FindReviewsOfProduct;
import io.eventmall.api.review.ReviewIds;
import io.eventmall.api.review.ReviewView;
import io.eventmall.api.review.WriteReview;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Product reviews. Whether the caller bought the product in a paid order, and has not reviewed that order line
 * yet, is decided by the Order aggregate ({@link WriteReview}); the order read model only names the candidate
 * orders, newest first, so that the customer need not say which order they mean.
 */
@RestController
@RequestMapping("/api/v1/products/{productId}/reviews")
public class ReviewController {

    private final CommandGateway commands;
    private final Reads reads;

    ReviewController(CommandGateway commands, Reads reads) {
        this.commands = commands;
        this.reads = reads;
    }

    @GetMapping
    ReviewPage reviews(@PathVariable @Size(max = 64) String productId,
                                   @RequestParam(required = false) @Size(max = 200) String cursor,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return reads.one(new FindReviewsOfProduct(productId, cursor, size), ReviewPage.class);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ReviewAccepted write(@PathVariable @Size(max = 64) String productId, @Valid @RequestBody NewReview body,
                         Authentication authentication) {
        reads.require(new FindProduct(productId), ProductView.class, "product", productId);
        String customerId = Caller.of(authentication).userId();
        List<String> candidates = body.orderId() != null ? List.of(body.orderId())
                : reads.list(new FindOrdersToReview(customerId, productId), String.class);
        if (candidates.isEmpty()) {
            throw ApiProblem.forbidden("only a customer who bought product " + productId + " in a paid order may review it");
        }
        RuleViolation alreadyReviewed = null;
        for (String orderId : candidates) {
            try {
                commands.sendAndWait(new WriteReview(orderId, productId, customerId, body.rating(), body.content()));
                return new ReviewAccepted(ReviewIds.of(orderId, productId), orderId);
            } catch (RuleViolation refused) {
                if (refused.refusal() != Refusal.DUPLICATE_REQUEST) {
                    throw refused;
                }
                alreadyReviewed = refused;
            }
        }
        throw alreadyReviewed;
    }

    record NewReview(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 4000) String content,
                     @Size(max = 64) String orderId) {
    }

    record ReviewAccepted(String reviewId, String orderId) {
    }
}
