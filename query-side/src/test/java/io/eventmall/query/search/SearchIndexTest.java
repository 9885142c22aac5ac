package io.eventmall.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.eventmall.api.search.SearchProducts;
import io.eventmall.api.search.SearchSort;
import io.eventmall.api.search.SearchUnavailable;
import io.eventmall.testservers.TestServers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Index versions and alias moves against the real Elasticsearch of the build ({@code MALL_ELASTICSEARCH_URIS}). */
class SearchIndexTest {

    private static final String URI_OF_ELASTICSEARCH = TestServers.elasticsearchUri();

    private final String prefix = "mall-test-unit-" + UUID.randomUUID().toString().substring(0, 8);
    private final ElasticsearchClient client = client(URI_OF_ELASTICSEARCH);

    @AfterEach
    void dropTestIndices() throws IOException {
        client.indices().delete(request -> request.index(prefix + "-*").ignoreUnavailable(true).allowNoIndices(true));
    }

    @Test
    void aNewMappingVersionIsBuiltBesideTheServingOneAndTakesTheAliasOverAtomically() throws IOException {
        SearchIndex v1 = new SearchIndex(client, prefix, "widgets", 1, "widgets");
        v1.recreate();
        assertThat(v1.aliasTargets()).containsExactly(prefix + "-widgets-v1");
        client.index(request -> request.index(v1.physicalName()).id("w1").document(Map.of("name", "old")));
        v1.refresh();

        SearchIndex v2 = new SearchIndex(client, prefix, "widgets", 2, "widgets");
        v2.recreate();
        // While v2 is rebuilt, readers still get v1 through the alias.
        assertThat(v2.aliasTargets()).containsExactly(prefix + "-widgets-v1");
        assertThat(count(v2.alias())).isEqualTo(1);

        v2.takeOverAlias();
        assertThat(v2.aliasTargets()).containsExactly(prefix + "-widgets-v2");
        assertThat(count(v2.alias())).isZero();
        assertThat(v1.exists()).isFalse();
    }

    @Test
    void recreatingTheServingVersionEmptiesItAndKeepsTheAlias() throws IOException {
        SearchIndex index = new SearchIndex(client, prefix, "widgets", 1, "widgets");
        index.recreate();
        client.index(request -> request.index(index.physicalName()).id("w1").document(Map.of("name", "x")));
        index.refresh();
        assertThat(count(index.alias())).isEqualTo(1);

        index.recreate();
        assertThat(index.aliasTargets()).containsExactly(index.physicalName());
        assertThat(count(index.alias())).isZero();
    }

    @Test
    void projectionsRefuseToWriteUntilTheIndexIsPrepared() {
        SearchIndex index = new SearchIndex(client, prefix, "widgets", 1, "widgets");
        assertThatThrownBy(index::requireWritable).isInstanceOf(IllegalStateException.class);
        index.writable(true);
        assertThat(index.requireWritable()).isEqualTo(prefix + "-widgets-v1");
    }

    @Test
    void searchingAnElasticsearchThatDoesNotAnswerIsSearchUnavailable() {
        ElasticsearchClient nobody = client("http://127.0.0.1:9");
        ProductSearch search = new ProductSearch(nobody, new SearchIndex(nobody, prefix, "products", 1, "p"),
                List.of(1_000L));

        assertThatThrownBy(() -> search.search(new SearchProducts("shoe", null, null, null, SearchSort.RELEVANCE, 0, 10)))
                .isInstanceOf(SearchUnavailable.class);
    }

    private long count(String index) throws IOException {
        client.indices().refresh(request -> request.index(index));
        return client.count(request -> request.index(index)).count();
    }

    private static ElasticsearchClient client(String uri) {
        SearchConfig config = new SearchConfig();
        ElasticsearchSettings settings = new ElasticsearchSettings(List.of(URI.create(uri)), "unused",
                Duration.ofSeconds(1), Duration.ofSeconds(5), 4);
        return config.elasticsearchClient(config.elasticsearchRestClient(settings));
    }
}
