package io.eventmall.api.coupon;

import java.util.List;

public record CouponClaimPage(List<CouponClaimView> items, String nextCursor) {
}
