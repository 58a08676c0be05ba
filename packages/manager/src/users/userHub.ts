import { EventEmitter } from 'node:events';

/**
 * The events of users' own connections, by principal: a view listens to its principal's only. An emitter per
 * principal exists while some view listens; an event no one listens to goes nowhere.
 */
export class UserHub {
  private readonly emitters = new Map<string, EventEmitter>();

  on(principal: string, event: string, listener: (payload: unknown) => void): void {
    let emitter = this.emitters.get(principal);
    if (!emitter) {
      emitter = new EventEmitter();
      // A platform may hold many views of one user, each listening.
      emitter.setMaxListeners(0);
      this.emitters.set(principal, emitter);
    }
    emitter.on(event, listener);
  }

  off(principal: string, event: string, listener: (payload: unknown) => void): void {
    const emitter = this.emitters.get(principal);
    if (!emitter) return;
    emitter.off(event, listener);
    if (emitter.eventNames().length === 0) this.emitters.delete(principal);
  }

  emit(principal: string, event: string, payload: unknown): void {
    this.emitters.get(principal)?.emit(event, payload);
  }
}
