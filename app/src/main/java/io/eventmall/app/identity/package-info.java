/**
 * Identity wiring that needs the app's serializer: the upcaster that keeps credentials out of replayed history.
 * Login and registration throttling live with the identity endpoint ({@code web.IdentityController}).
 */
package io.eventmall.app.identity;
