package io.eventmall.api.identity;

/** The roles of API.md. Every registered user is a CUSTOMER; admins grant the others. */
public enum Role {
    CUSTOMER, MERCHANT, ADMIN, AUDITOR, ANALYST
}
