package io.eventmall.app.config;

import io.eventmall.api.banner.CreateBanner;
import io.eventmall.api.category.CreateCategory;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.api.inventory.AddStock;
import io.eventmall.api.merchant.CreateMerchant;
import io.eventmall.api.product.CreateProduct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code mall.demo-data.enabled=true}: a small catalog so a new user sees something at once. Ids are
 * fixed, so a second start finds the demo shop's stream already in the event store and adds nothing.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "mall.demo-data.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String MERCHANT = "demo-merchant";

    private final CommandGateway commands;
    private final Clock clock;

    DemoData(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            commands.sendAndWait(new CreateMerchant(MERCHANT, "Demo Outfitters", "Everything for the outdoors", null));
        } catch (AggregateStreamCreationException alreadySeeded) {
            log.info("demo data already present");
            return;
        }
        commands.sendAndWait(new CreateCategory("demo-shoes", "Shoes", null));
        commands.sendAndWait(new CreateCategory("demo-jackets", "Jackets", null));
        product("demo-trail-runner", "demo-shoes", "Trail Runner", "Light trail running shoe", 8_999, 120);
        product("demo-hiking-boot", "demo-shoes", "Hiking Boot", "Waterproof leather boot", 14_999, 60);
        product("demo-rain-jacket", "demo-jackets", "Rain Jacket", "Packable 2.5-layer shell", 11_999, 80);
        product("demo-down-jacket", "demo-jackets", "Down Jacket", "800-fill down, 350 g", 21_999, 40);
        Instant now = clock.instant();
        commands.sendAndWait(new CreateBanner("demo-banner", "https://example.com/banners/autumn.jpg",
                "/products/demo-down-jacket", 1, now, now.plus(Duration.ofDays(30))));
        commands.sendAndWait(new ScheduleFlashSale("demo-flash-sale", "demo-down-jacket", 9_999, 20, 1,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
        log.info("demo data created: shop {}, 2 categories, 4 products, 1 banner, 1 upcoming flash sale", MERCHANT);
    }

    private void product(String id, String category, String name, String subtitle, long price, int stock) {
        commands.sendAndWait(new CreateProduct(id, MERCHANT, category, name, subtitle,
                name + ": " + subtitle + ".", List.of("https://example.com/images/" + id + ".jpg"), price));
        commands.sendAndWait(new AddStock(id, stock));
    }
}
