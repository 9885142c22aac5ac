/** The coupons read model: each coupon with the claims left, and each user's claims with the order using them. */
package io.eventmall.query.coupon;
