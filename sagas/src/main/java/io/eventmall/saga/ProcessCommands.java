package io.eventmall.saga;

import io.eventmall.api.RuleViolation;
import java.util.ArrayList;
import java.util.List;
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
        try {
            return this.<R>dispatch(command, causedBy()).join();
        } catch (CompletionException e) {
            throw refusalOr(e.getCause());
        }
    }

    /**
     * Sends independent commands at once (each still in its own transaction) and waits for all: one round trip
     * of waiting instead of one per command. The outcomes come in the order of the commands: empty where it
     * succeeded, the refusal where it was refused; anything else fails the handler.
     */
    public List<Optional<RuleViolation>> trySendAll(List<?> batch) {
        MetaData causedBy = causedBy();
        List<CompletableFuture<Object>> sent = batch.stream().map(command -> dispatch(command, causedBy)).toList();
        List<Optional<RuleViolation>> outcomes = new ArrayList<>();
        for (CompletableFuture<Object> outcome : sent) {
            try {
                outcome.join();
                outcomes.add(Optional.empty());
            } catch (CompletionException e) {
                RuntimeException failure = refusalOr(e.getCause());
                if (!(failure instanceof RuleViolation refused)) {
                    throw failure;
                }
                outcomes.add(Optional.of(refused));
            }
        }
        return outcomes;
    }

    private <R> CompletableFuture<R> dispatch(Object command, MetaData causedBy) {
        return CompletableFuture.supplyAsync(() -> commands.<R>sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(causedBy)), executor);
    }

    private static MetaData causedBy() {
        return CurrentUnitOfWork.map(UnitOfWork::getCorrelationData).orElse(MetaData.emptyInstance());
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
