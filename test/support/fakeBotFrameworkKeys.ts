/**
 * A local stand-in for the Bot Framework's token signing: an RSA key made here, published the way
 * login.botframework.com publishes its keys (an OpenID configuration whose `jwks_uri` lists the
 * public keys, with their channel endorsements), and tokens signed with it (RS256) carrying the claims
 * a Bot Connector puts on a request to the bot.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** the issuer of tokens from Bot Framework channels (botframework-connector's ToBotFromChannelTokenIssuer) */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface ChannelTokenClaims {
  /** the bot's app id when the token is meant for this bot */
  aud: string;
  serviceUrl: string;
  iss?: string;
  /** seconds since the epoch */
  nbf?: number;
  exp?: number;
}

export interface FakeBotFrameworkKeys {
  /** for the app's ToBotFromChannelOpenIdMetadataUrl */
  openIdMetadataUrl: string;
  /** a token signed with the published key */
  sign(claims: ChannelTokenClaims, options?: { keyId?: string; privateKey?: KeyObject }): string;
  /** the published key's id */
  keyId: string;
  close(): Promise<void>;
}

export function newSigningKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export async function startFakeBotFrameworkKeys(options: { endorsements: string[] }): Promise<FakeBotFrameworkKeys> {
  const privateKey = newSigningKey();
  const keyId = randomUUID();
  const publicJwk = privateKey.export({ format: 'jwk' });
  const jwks = {
    keys: [{ kty: 'RSA', use: 'sig', kid: keyId, n: publicJwk.n, e: publicJwk.e, endorsements: options.endorsements }],
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body =
      path === '/v1/.well-known/openidconfiguration'
        ? {
            issuer: BOT_FRAMEWORK_ISSUER,
            jwks_uri: `${origin}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : path === '/v1/.well-known/keys'
          ? jwks
          : undefined;
    res.statusCode = body ? 200 : 404;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    openIdMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    keyId,
    sign: (claims, signOptions = {}) =>
      signJwt(
        { alg: 'RS256', typ: 'JWT', kid: signOptions.keyId ?? keyId },
        // a Bot Connector's claim is spelt `serviceurl`
        { iss: BOT_FRAMEWORK_ISSUER, ...validity(), ...withoutServiceUrl(claims), serviceurl: claims.serviceUrl },
        signOptions.privateKey ?? privateKey,
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function withoutServiceUrl({
  serviceUrl: _serviceUrl,
  ...rest
}: ChannelTokenClaims): Omit<ChannelTokenClaims, 'serviceUrl'> {
  return rest;
}

function validity(): { nbf: number; exp: number } {
  const now = Math.floor(Date.now() / 1000);
  return { nbf: now - 60, exp: now + 3600 };
}

function signJwt(header: object, payload: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
  return `${signingInput}.${signature}`;
}
