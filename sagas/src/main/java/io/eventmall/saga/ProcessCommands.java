package io.eventmall.saga;

import io.eventmall.api.RuleViolation;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * How process managers send commands. Each command runs in its own transaction on another thread: a
 * refused command would otherwise mark the event handler's shared transaction rollback-only and make the
 * handler fail forever. The audit metadata of the event being handled still travels with the command.
 */
public class ProcessCommands {

    private final CommandGateway commands;
    private final Executor executor;

    public ProcessCommands(CommandGateway commands, Executor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    /** Sends and waits; a refusal is thrown as the {@link RuleViolation} the aggregate raised. */
    public <R> R send(Object command) {
        MetaData causedBy = CurrentUnitOfWork.map(UnitOfWork::getCorrelationData).orElse(MetaData.emptyInstance());
        try {
            return CompletableFuture.supplyAsync(() -> commands.<R>sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(causedBy)), executor).join();
        } catch (CompletionException e) {
            throw refusalOr(e.getCause());
        }
    }

    /** Sends and waits; a refusal is returned instead of thrown, anything else still fails the handler. */
    public Optional<RuleViolation> trySend(Object command) {
        try {
            send(command);
            return Optional.empty();
        } catch (RuleViolation refused) {
            return Optional.of(refused);
        }
    }

    private static RuntimeException refusalOr(Throwable failure) {
        if (failure instanceof CommandExecutionException remote && remote.getCause() instanceof RuleViolation violation) {
            return violation;
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
}
