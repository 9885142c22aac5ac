/**
 * Read models for analysts: sales figures aggregated from the sales index, and flash-sale funnels (the answers
 * of the purchase path counted in Redis, the sale's orders from their events). docs/analytics.md.
 */
package io.eventmall.query.analytics;
