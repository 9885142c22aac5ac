/**
 * Upcasters: older revisions of stored events read as the current ones (docs/audit.md, "Event revisions").
 * An event whose shape changes gets a new {@code @Revision} and an upcaster here from the previous one.
 */
package io.eventmall.app.upcasting;
