/**
 * The WebSocket transport, with liveness pings spread over time. Colyseus's transport pings
 * every socket in one loop every `pingInterval` (3 s); with thousands of sockets that loop stalls
 * the event loop and every table's latency spikes together (`bench/README.md`). This one pings a
 * slice of the sockets every 100 ms, so each is still pinged once per interval, and terminates a
 * socket that missed `pingMaxRetries` pongs, as the original does.
 *
 * @module
 */

import { WebSocketTransport } from "@colyseus/ws-transport";

/** A socket as the transport tracks it. */
interface PingedSocket {
  readyState: number;
  pingCount: number;
  ping(cb: () => void): void;
  terminate(): void;
}

const TICK_MS = 100;
const OPEN = 1;

/** `WebSocketTransport` with spread pings (see the module doc). */
export class SpreadPingTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(interval: number, maxRetries: number): void {
    // The fields below are the base class's (ws-transport 0.18.4): its interval handle, which
    // its shutdown clears, and its ws server.
    const self = this as unknown as {
      pingInterval: ReturnType<typeof setInterval>;
      wss: { clients: Set<PingedSocket> };
    };
    let batch: PingedSocket[] = [];
    let next = 0;
    self.pingInterval = setInterval(() => {
      if (next >= batch.length) {
        batch = [...self.wss.clients];
        next = 0;
      }
      const count = Math.ceil((batch.length * TICK_MS) / interval);
      for (const end = Math.min(batch.length, next + count); next < end; next++) {
        const socket = batch[next];
        if (socket.readyState !== OPEN) continue;
        if (socket.pingCount >= maxRetries) {
          socket.terminate();
          continue;
        }
        socket.pingCount++;
        socket.ping(() => {});
      }
    }, TICK_MS);
  }
}
