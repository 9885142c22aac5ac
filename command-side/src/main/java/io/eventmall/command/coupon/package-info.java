/**
 * The Coupon aggregate and its claim ledger: how many claims are left, who holds how many, and which order holds
 * a claim.
 */
package io.eventmall.command.coupon;
