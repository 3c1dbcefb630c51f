// A real OpenID provider (the `oidc-provider` package) on loopback, for Idéspor's single
// sign-on tests. Started by the Rust tests; prints one JSON line ({"issuer": ...}) when ready.
//
// Environment: CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS and POST_LOGOUT_URIS (comma-separated).
//
// Test controls (this provider only, on loopback):
//   POST /test/next      JSON claims of the person who signs in next ({"sub": ..., "email": ...})
//   POST /test/mischief  {"mode": ...}: the next ID token is re-signed with one thing wrong:
//                        "iss" (another issuer), "aud" (another audience), "exp" (expired),
//                        "forged" (a key the provider never published), "rotated" (a new key
//                        the provider publishes from now on: a key rotation), "" (none)
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

function signingKey(kid) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { privateKey, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
}

const current = signingKey('k1');
const next = signingKey('k2');
const forged = signingKey('k1'); // same kid, never published
let rotated = false;
let mischief = '';
let nextClaims = { sub: 'nobody' };
const accounts = new Map();

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function resign(token, change) {
  const [, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  let key = current;
  const now = Math.floor(Date.now() / 1000);
  if (change === 'iss') claims.iss = 'http://127.0.0.1:1/someone-else';
  if (change === 'aud') claims.aud = 'another-client';
  if (change === 'exp') { claims.iat = now - 7200; claims.exp = now - 3600; }
  if (change === 'forged') key = forged;
  if (change === 'rotated') { key = next; rotated = true; }
  const header = { alg: 'RS256', typ: 'JWT', kid: key.jwk.kid };
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = crypto.sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}');
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: (process.env.REDIRECT_URIS || '').split(',').filter(Boolean),
      post_logout_redirect_uris: (process.env.POST_LOGOUT_URIS || '').split(',').filter(Boolean),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [current.jwk, next.jwk] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'nemlogin.cvr', 'tid'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      return { accountId: id, async claims() { return { ...claims, sub: id }; } };
    },
  });
  provider.proxy = false;

  provider.use(async (ctx, nextMiddleware) => {
    if (ctx.method === 'POST' && ctx.path === '/test/next') {
      nextClaims = await readJson(ctx.req);
      accounts.set(nextClaims.sub, nextClaims);
      ctx.status = 204;
      return;
    }
    if (ctx.method === 'POST' && ctx.path === '/test/mischief') {
      mischief = (await readJson(ctx.req)).mode || '';
      ctx.status = 204;
      return;
    }
    if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
      // The person "signs in" at once as the account /test/next named, and consents.
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const accountId = nextClaims.sub;
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } }, {
        mergeWithLastSubmission: false,
      });
      ctx.respond = false;
      return;
    }
    await nextMiddleware();
    if (ctx.path === '/jwks' && ctx.body && Array.isArray(ctx.body.keys) && !rotated) {
      // Before a rotation, the new key is not published yet.
      ctx.body = { keys: ctx.body.keys.filter((k) => k.kid !== 'k2') };
    }
    if (ctx.path === '/token' && ctx.body && ctx.body.id_token && mischief) {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, mischief) };
      mischief = '';
    }
  });

  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
