package dev.lakegate.server.governance;

import dev.lakegate.server.store.Credential;
import dev.lakegate.server.store.TokenRecord;
import dev.lakegate.server.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A token store whose credential reads go through {@code reads} (to count, fail or alter them); everything else reaches {@code delegate}. */
record InterceptedReads(TokenStore delegate, Function<String, Optional<Credential>> reads) implements TokenStore {
    @Override
    public Optional<Credential> findCredential(String secretHash) {
        return reads.apply(secretHash);
    }

    @Override
    public void insert(TokenRecord token) {
        delegate.insert(token);
    }

    @Override
    public Optional<TokenRecord> findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public List<TokenRecord> list(Optional<Long> ownerId) {
        return delegate.list(ownerId);
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return delegate.revoke(id, at);
    }

    @Override
    public int revokeAllOf(long principalId, Instant at) {
        return delegate.revokeAllOf(principalId, at);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByTokenId) {
        delegate.recordLastUsed(lastUsedByTokenId);
    }
}
