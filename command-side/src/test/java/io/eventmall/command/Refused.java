package io.eventmall.command;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the RuleViolation a fixture recorded by its stable code, which clients rely on more than on the message. */
public final class Refused extends TypeSafeMatcher<RuleViolation> {

    private final Refusal expected;

    private Refused(Refusal expected) {
        this.expected = expected;
    }

    public static Matcher<RuleViolation> because(Refusal expected) {
        return new Refused(expected);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return violation.refusal() == expected;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a RuleViolation refused with ").appendValue(expected);
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
        mismatch.appendText("was refused with ").appendValue(violation.refusal())
                .appendText(": ").appendValue(violation.getMessage());
    }
}
