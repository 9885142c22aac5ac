package io.eventmall.query.catalog;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Listens on the product page eviction channel, so that every node's in-process cache drops a page that changed.
 * The container re-subscribes by itself after Redis comes back.
 */
@Configuration
class ProductPageEvictionBroadcast {

    @Bean
    RedisMessageListenerContainer productPageEvictionListener(RedisConnectionFactory redis, ProductDetailCache cache) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener((message, pattern) ->
                        cache.evictedElsewhere(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(cache.evictionChannel()));
        return container;
    }
}
