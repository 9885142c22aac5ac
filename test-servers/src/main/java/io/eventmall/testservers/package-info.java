/**
 * Test support: PostgreSQL, Redis and Elasticsearch for the integration tests, from Testcontainers where a Docker
 * engine answers and from the local servers otherwise (docs/operations.md, "Testcontainers").
 */
package io.eventmall.testservers;
