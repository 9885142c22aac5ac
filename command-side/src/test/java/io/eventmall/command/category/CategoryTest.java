package io.eventmall.command.category;

import io.eventmall.api.Refusal;
import io.eventmall.api.category.CategoryCreated;
import io.eventmall.api.category.CreateCategory;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

class CategoryTest {

    private final AggregateTestFixture<Category> fixture = new AggregateTestFixture<>(Category.class);

    @Test
    void createsATopLevelCategory() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("category-1", "Tea", null))
                .expectEvents(new CategoryCreated("category-1", "Tea", null));
    }

    @Test
    void createsASubcategory() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("category-2", "Green tea", "category-1"))
                .expectEvents(new CategoryCreated("category-2", "Green tea", "category-1"));
    }

    @Test
    void refusesACategoryWithoutName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("category-1", null, null))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("name"));
    }
}
