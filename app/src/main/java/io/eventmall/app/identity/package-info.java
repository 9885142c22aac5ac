/**
 * Identity wiring that needs the app: the upcaster that keeps credentials out of replayed history, and the vault
 * that seals personal data per user (crypto-shredding). Login and registration throttling live in
 * {@code security.LoginThrottle}.
 */
package io.eventmall.app.identity;
