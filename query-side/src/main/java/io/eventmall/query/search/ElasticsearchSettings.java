package io.eventmall.query.search;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mall.elasticsearch.*}: where Elasticsearch answers, the prefix of every index name (so tests and
 * several environments can share one cluster), how long a request may take before it counts as down, and
 * how many connections to each node the client keeps at most.
 */
@ConfigurationProperties("mall.elasticsearch")
public record ElasticsearchSettings(@DefaultValue("http://localhost:9200") List<URI> uris,
                                    @DefaultValue("mall") String indexPrefix,
                                    @DefaultValue("PT2S") Duration connectTimeout,
                                    @DefaultValue("PT10S") Duration socketTimeout,
                                    @DefaultValue("50") int maxConnections) {
}
