/** Pages for operators, served by the application itself: no front-end build. */
package io.eventmall.app.ops;
