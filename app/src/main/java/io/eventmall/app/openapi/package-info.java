/**
 * The OpenAPI document (/v3/api-docs, Swagger UI): title and description, tags by area, a summary per operation,
 * the bearer JWT scheme, examples of the main bodies and the problem+json error shape, all set here from tables so
 * that the controllers stay free of documentation annotations.
 */
package io.eventmall.app.openapi;
