/** What the JPA read models of several packages share. */
package io.eventmall.query.jpa;
