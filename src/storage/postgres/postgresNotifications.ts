/**
 * Live events between instances with LISTEN/NOTIFY. Listening needs one connection of its own, kept
 * out of the pool; when it drops it is reopened (with backoff) and every channel is listened to again.
 * Events sent while it was down are not replayed: subscribers treat them as hints, not as data.
 */
import pg from 'pg';
import type { StoreErrorHandler } from '../storeErrorHandler.js';

type Listener = (payload: string) => void;

interface ChannelSubscription {
  listeners: Set<Listener>;
  listening: Promise<void>;
}

/** named so that operators (and tests) can find the connection in pg_stat_activity */
export const LISTENER_APPLICATION_NAME = 'helpline-events';
const CONNECT_TIMEOUT_MS = 5000;
const FIRST_RECONNECT_DELAY_MS = 250;
const MAX_RECONNECT_DELAY_MS = 10_000;

export class PostgresNotifications {
  private readonly channels = new Map<string, ChannelSubscription>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly onError: StoreErrorHandler,
  ) {}

  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('the store is closed');
    let subscription = this.channels.get(channel);
    if (!subscription) {
      subscription = { listeners: new Set(), listening: this.listen(channel) };
      this.channels.set(channel, subscription);
    }
    subscription.listeners.add(listener);
    const subscribed = subscription;
    try {
      await subscribed.listening;
    } catch (error) {
      await this.unsubscribe(channel, subscribed, listener);
      throw error;
    }
    return () => this.unsubscribe(channel, subscribed, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.channels.clear();
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(channel: string): Promise<void> {
    const client = await this.connected();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
  }

  private async unsubscribe(channel: string, subscription: ChannelSubscription, listener: Listener): Promise<void> {
    subscription.listeners.delete(listener);
    if (subscription.listeners.size > 0 || this.channels.get(channel) !== subscription) return;
    this.channels.delete(channel);
    const client = this.client;
    // best effort: a dropped connection forgets its LISTENs anyway
    await client?.query(`UNLISTEN ${client.escapeIdentifier(channel)}`).catch(() => undefined);
  }

  private deliver(channel: string, payload: string): void {
    for (const listener of this.channels.get(channel)?.listeners ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.onError(error, 'store event subscriber');
      }
    }
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('notification', (message) => this.deliver(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      if (this.closed) throw new Error('the store is closed');
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    return client;
  }

  private dropped(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    if (error) this.onError(error, 'postgres event listener');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.channels.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connected().catch((error: unknown) => {
        this.onError(error, 'postgres event listener reconnect');
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
    // a pending reconnect must not keep a finished process alive
    this.reconnectTimer.unref();
  }
}
