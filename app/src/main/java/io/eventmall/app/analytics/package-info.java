/** Analytics endpoints (ANALYST, ADMIN): sales figures and flash-sale funnels, live over SSE. docs/analytics.md. */
package io.eventmall.app.analytics;
