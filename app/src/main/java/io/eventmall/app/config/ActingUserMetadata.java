package io.eventmall.app.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Stamps each command sent from a web request with the authenticated user and the request's trace id,
 * so the events it causes name who acted (see {@link AuditTrailCorrelation}).
 */
@Component
public class ActingUserMetadata implements MessageDispatchInterceptor<CommandMessage<?>>, InitializingBean {

    private final CommandGateway commandGateway;

    public ActingUserMetadata(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void afterPropertiesSet() {
        commandGateway.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(AuditTrailCorrelation.USER_ID)) {
                return command;
            }
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String traceId = MDC.get(AuditTrailCorrelation.TRACE_ID);
            Map<String, String> extra = new HashMap<>();
            if (auth != null && !(auth instanceof AnonymousAuthenticationToken) && auth.isAuthenticated()) {
                extra.put(AuditTrailCorrelation.USER_ID, auth.getName());
            }
            if (traceId != null) {
                extra.put(AuditTrailCorrelation.TRACE_ID, traceId);
            }
            return extra.isEmpty() ? command : command.andMetaData(extra);
        };
    }
}
