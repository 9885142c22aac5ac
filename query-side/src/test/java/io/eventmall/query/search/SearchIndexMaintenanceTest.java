package io.eventmall.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.eventmall.testservers.TestServers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** How start-up pairs each index with its processor's token, against the real Elasticsearch. */
class SearchIndexMaintenanceTest {

    private final String prefix = "mall-test-unit-" + UUID.randomUUID().toString().substring(0, 8);
    private final ElasticsearchClient client = client(TestServers.elasticsearchUri());
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();

    @AfterEach
    void dropTestIndices() throws IOException {
        client.indices().delete(request -> request.index(prefix + "-*").ignoreUnavailable(true).allowNoIndices(true));
    }

    @Test
    void aProcessorWithoutTokenGetsAnEmptyIndexBehindTheAlias() throws IOException {
        SearchIndex stale = new SearchIndex(client, prefix, "widgets", 1, "widgets");
        stale.recreate();
        client.index(request -> request.index(stale.physicalName()).id("left-over").document(Map.of("name", "x")));

        SearchIndex index = new SearchIndex(client, prefix, "widgets", 1, "widgets");
        startUp(index);

        assertThat(index.requireWritable()).isEqualTo(prefix + "-widgets-v1");
        assertThat(index.aliasTargets()).containsExactly(index.physicalName());
        client.indices().refresh(request -> request.index(index.alias()));
        assertThat(client.count(request -> request.index(index.alias())).count()).isZero();
    }

    @Test
    void aProcessorWithTokenButNoIndexGetsTheIndexCreatedForItsReplay() throws IOException {
        tokens.initializeTokenSegments("widgets", 1);
        SearchIndex index = new SearchIndex(client, prefix, "widgets", 1, "widgets");

        startUp(index);

        assertThat(index.exists()).isTrue();
        assertThat(index.aliasTargets()).containsExactly(index.physicalName());
        assertThat(index.requireWritable()).isEqualTo(index.physicalName());
    }

    @Test
    void startingWhileElasticsearchIsDownKeepsTheProjectionFromWriting() {
        ElasticsearchClient nobody = client("http://127.0.0.1:9");
        SearchIndex index = new SearchIndex(nobody, prefix, "widgets", 1, "widgets");

        startUp(index);

        assertThatThrownBy(index::requireWritable).isInstanceOf(IllegalStateException.class);
    }

    private void startUp(SearchIndex index) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        new SearchIndexMaintenance(List.of(index), tokens, NoTransactionManager.INSTANCE,
                beans.getBeanProvider(EventProcessingConfiguration.class), beans.getBeanProvider(EventStore.class),
                Duration.ofSeconds(1)).afterSingletonsInstantiated();
    }

    private static ElasticsearchClient client(String uri) {
        SearchConfig config = new SearchConfig();
        return config.elasticsearchClient(config.elasticsearchRestClient(new ElasticsearchSettings(
                List.of(URI.create(uri)), "unused", Duration.ofSeconds(1), Duration.ofSeconds(5), 4)));
    }
}
