/**
 * `tsx bench/delayingProxy.ts --target 127.0.0.1:5432 --one-way-ms 1`: a TCP proxy that holds every
 * chunk for the given time in each direction, so a database on loopback answers as one across a
 * network would (a round trip of twice the one-way time). Run in its own process, so its work is not
 * counted as the server's. The kernel's netem would do this too, but this machine's kernel lacks it.
 */
import { connect, createServer, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { target: { type: 'string' }, 'one-way-ms': { type: 'string', default: '1' } },
});
const [host, port] = (values.target ?? '').split(':');
if (!host || !port) throw new Error('--target HOST:PORT');
const oneWayMs = Number(values['one-way-ms']);

/** timers of one duration fire in the order they were set, so the stream keeps its order */
function forwardDelayed(from: Socket, to: Socket): void {
  from.on('data', (chunk) => setTimeout(() => to.write(chunk), oneWayMs));
  from.on('end', () => setTimeout(() => to.end(), oneWayMs));
  from.on('error', () => to.destroy());
}

const server = createServer((client) => {
  const upstream = connect(Number(port), host);
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  forwardDelayed(client, upstream);
  forwardDelayed(upstream, client);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`delaying proxy on port ${address.port}`);
});
process.on('SIGTERM', () => process.exit(0));
