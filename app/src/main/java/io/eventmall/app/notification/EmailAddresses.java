package io.eventmall.app.notification;

import io.eventmall.api.identity.FindUser;
import io.eventmall.api.identity.UserView;
import io.eventmall.app.identity.PersonalDataVault;
import io.eventmall.app.web.Reads;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A user's e-mail address in clear: sealed in the users read model, opened with the user's key. A forgotten user's
 * key is gone (and the read model dropped the sealed value), so they have none.
 */
@Component
class EmailAddresses {

    private final Reads reads;
    private final PersonalDataVault vault;

    EmailAddresses(Reads reads, PersonalDataVault vault) {
        this.reads = reads;
        this.vault = vault;
    }

    Optional<String> of(String userId) {
        return reads.find(new FindUser(userId), UserView.class)
                .map(user -> user.email() == null ? null : vault.open(userId, user.email()));
    }
}
