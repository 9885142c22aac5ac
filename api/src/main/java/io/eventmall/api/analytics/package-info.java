/** Queries and views of the analytics read models (GET /api/v1/analytics/**). */
package io.eventmall.api.analytics;
