/** What operators watch: business meters named {@code mall.*} and the health of the read models. */
package io.eventmall.app.observability;
