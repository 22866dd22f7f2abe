package dev.lakegate.server.store;

import dev.lakegate.server.governance.PrincipalType;
import java.util.List;
import java.util.Optional;

/** Users and service principals. Names are unique across both kinds, ignoring case. */
public interface PrincipalStore {

    /** Inserts a new principal; the caller chooses the id. */
    void insert(PrincipalRecord principal) throws DuplicateNameException;

    /** Rewrites name, display name, e-mail, admin and active flags of an existing principal. */
    boolean update(PrincipalRecord principal) throws DuplicateNameException;

    Optional<PrincipalRecord> findById(long id);

    Optional<PrincipalRecord> findByName(String name);

    /** All principals of one kind, by name; {@code null} means both kinds. */
    List<PrincipalRecord> list(PrincipalType type);

    /** Active admins, oldest first. */
    List<PrincipalRecord> activeAdmins();
}
