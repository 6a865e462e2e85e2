package ai.lenetlab.messaging;

/**
 * A message on {@link Topics#RUN_EVENTS}: a report about a run attempt ({@link RunEvent}, keyed by run
 * id) or a worker's announcement of itself ({@link WorkerEvent}, keyed by worker id).
 */
public sealed interface EventMessage permits RunEvent, WorkerEvent {}
