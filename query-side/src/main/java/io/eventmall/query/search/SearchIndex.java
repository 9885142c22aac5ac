package io.eventmall.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * One versioned Elasticsearch index behind a stable alias: the physical index {@code <prefix>-<name>-v<version>}
 * is created from the mapping {@code elasticsearch/<name>-v<version>.json} kept in the repository, and readers
 * always go through the alias {@code <prefix>-<name>}. Its projection writes to the physical index, so a new
 * version can be rebuilt from the event store while the alias still serves the old one, then take the alias
 * over in one atomic step ({@link #takeOverAlias()}).
 */
public class SearchIndex {

    private final ElasticsearchClient client;
    private final String alias;
    private final String name;
    private final int version;
    private final String processingGroup;
    private volatile boolean writable;

    public SearchIndex(ElasticsearchClient client, String prefix, String name, int version, String processingGroup) {
        this.client = client;
        this.alias = prefix + "-" + name;
        this.name = name;
        this.version = version;
        this.processingGroup = processingGroup;
    }

    /** What readers query. */
    public String alias() {
        return alias;
    }

    /** What the projection writes to. */
    public String physicalName() {
        return alias + "-v" + version;
    }

    /** The event processor that keeps this index. */
    public String processingGroup() {
        return processingGroup;
    }

    /**
     * Projections call this before writing: until start-up has checked the index against its processor's
     * tokens (Elasticsearch may have been down then), writing would let Elasticsearch auto-create an index
     * with a guessed mapping, so the event fails and its processor retries.
     */
    public String requireWritable() {
        if (!writable) {
            throw new IllegalStateException("index " + physicalName() + " is not prepared yet (Elasticsearch unavailable at start-up)");
        }
        return physicalName();
    }

    void writable(boolean writable) {
        this.writable = writable;
    }

    boolean exists() throws IOException {
        return client.indices().exists(request -> request.index(physicalName())).value();
    }

    void create() throws IOException {
        String mapping = "elasticsearch/" + name + "-v" + version + ".json";
        try (InputStream json = SearchIndex.class.getClassLoader().getResourceAsStream(mapping)) {
            if (json == null) {
                throw new IllegalStateException("mapping " + mapping + " is missing from the class path");
            }
            client.indices().create(request -> request.index(physicalName()).withJson(json));
        }
    }

    /**
     * Drops every document by deleting and creating the physical index. The alias follows unless it still
     * serves an older version that this one is being rebuilt to replace.
     */
    public void recreate() throws IOException {
        client.indices().delete(request -> request.index(physicalName()).ignoreUnavailable(true));
        create();
        if (aliasTargets().isEmpty()) {
            takeOverAlias();
        }
    }

    /** The physical indices the alias points at now (none, this version, or an older one). */
    Set<String> aliasTargets() throws IOException {
        if (!client.indices().existsAlias(request -> request.name(alias)).value()) {
            return Set.of();
        }
        return client.indices().getAlias(request -> request.name(alias)).result().keySet();
    }

    /** Points the alias at this version alone, atomically, then deletes the versions it no longer serves. */
    void takeOverAlias() throws IOException {
        Set<String> previous = new HashSet<>(aliasTargets());
        previous.remove(physicalName());
        client.indices().updateAliases(request -> {
            previous.forEach(old -> request.actions(action -> action.remove(remove -> remove.index(old).alias(alias))));
            return request.actions(action -> action.add(add -> add.index(physicalName()).alias(alias)));
        });
        for (String old : previous) {
            client.indices().delete(request -> request.index(old).ignoreUnavailable(true));
        }
    }

    /** Makes every write so far visible to searches (tests and rebuild checks; the index refreshes each second anyway). */
    public void refresh() {
        try {
            client.indices().refresh(request -> request.index(physicalName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
