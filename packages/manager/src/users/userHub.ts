import { EventEmitter } from 'node:events';

type Listener = (payload: any) => void;

/** Where the manager's own events come from. */
export interface EventSource {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

/**
 * The events views listen to. Each user's own connections' events go to that principal's emitter, there while
 * some view of that user listens. The manager's own events (its shared servers') reach every view through one
 * listener on the manager per event name, attached while some view listens: ten thousand views add one
 * listener to the manager, not ten thousand.
 */
export class UserHub {
  private readonly emitters = new Map<string, EventEmitter>();
  private readonly shared = unbounded();
  private readonly attached = new Map<string, (payload: unknown) => void>();

  constructor(private readonly source: EventSource) {}

  on(principal: string, event: string, listener: Listener): void {
    let emitter = this.emitters.get(principal);
    if (!emitter) {
      emitter = unbounded();
      this.emitters.set(principal, emitter);
    }
    emitter.on(event, listener);
  }

  off(principal: string, event: string, listener: Listener): void {
    const emitter = this.emitters.get(principal);
    if (!emitter) return;
    emitter.off(event, listener);
    if (emitter.eventNames().length === 0) this.emitters.delete(principal);
  }

  emit(principal: string, event: string, payload: unknown): void {
    this.emitters.get(principal)?.emit(event, payload);
  }

  /** Listens to the manager's own events (the shared servers'). */
  onShared(event: string, listener: Listener): void {
    this.shared.on(event, listener);
    if (this.attached.has(event)) return;
    const relay = (payload: unknown) => this.shared.emit(event, payload);
    this.attached.set(event, relay);
    this.source.on(event, relay);
  }

  offShared(event: string, listener: Listener): void {
    this.shared.off(event, listener);
    const relay = this.attached.get(event);
    if (!relay || this.shared.listenerCount(event) > 0) return;
    this.attached.delete(event);
    this.source.off(event, relay);
  }
}

/** A platform may hold many views of one user, each listening. */
function unbounded(): EventEmitter {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return emitter;
}
