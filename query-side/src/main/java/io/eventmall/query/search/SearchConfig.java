package io.eventmall.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.http.HttpHost;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch side of the read models: the client built from {@code mall.elasticsearch.*} (Spring
 * Boot's own client auto-configuration backs off in its favour, and its health indicator checks this
 * client's cluster), the versioned indices, and the error policy of their processors.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfig {

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchSettings settings) {
        HttpHost[] hosts = settings.uris().stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        return RestClient.builder(hosts)
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                        .setSocketTimeout((int) settings.socketTimeout().toMillis()))
                // The client's defaults (10 connections per node) would queue a busy web tier's searches.
                .setHttpClientConfigCallback(client -> client
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setMaxConnTotal(settings.maxConnections() * hosts.length))
                .build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient) {
        JsonMapper json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new ElasticsearchClient(new RestClientTransport(elasticsearchRestClient, new JacksonJsonpMapper(json)));
    }

    @Bean
    SearchIndex productSearchIndex(ElasticsearchClient elasticsearchClient, ElasticsearchSettings settings) {
        return new SearchIndex(elasticsearchClient, settings.indexPrefix(), "products", 1, ProductSearchProjection.NAME);
    }

    @Bean
    SearchIndex salesIndex(ElasticsearchClient elasticsearchClient, ElasticsearchSettings settings) {
        return new SearchIndex(elasticsearchClient, settings.indexPrefix(), "sales", 2, SalesProjection.NAME);
    }

    /**
     * Axon's default handler error policy logs and skips the event. An Elasticsearch failure must instead
     * fail the batch, so the processor rolls back its token and retries with back-off until the server
     * answers: nothing is lost while Elasticsearch is down.
     */
    @Bean
    ConfigurerModule searchProjectionsRetryFailedEvents() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {ProductSearchProjection.NAME, SalesProjection.NAME}) {
                processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
            }
        });
    }
}
