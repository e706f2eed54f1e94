// A node whose ministry runs its own identity provider: a real oidc-provider started here, the
// node's own /auth/oidc routes, a scripted browser. The officer's role comes from the provider's
// claims and is enforced like a local account's; a refused sign-in opens no session.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOidcSignIn, oidcConfigSchema } from '../../services/oidc-sign-in/mod.ts';
import { startHubFixture } from '../support/hub-fixture.ts';
import { startTestNode } from '../support/node-fixture.ts';
import { ScriptedUserAgent, signInAtProvider, startOidcProvider } from '../support/oidc-provider.ts';

describe('OpenID Connect sign-in on a real node', () => {
  test("an officer signs in at the ministry's provider and gets the role its claims give; an unmapped role gets no session", async (t) => {
    const provider = await startOidcProvider(t, {
      accounts: {
        siti: { preferred_username: 'siti.rahma', tipnet_role: 'officer', tipnet_unit: 'BARESKRIM-TPPO' },
        budi: { preferred_username: 'budi', tipnet_role: 'supervisor' },
        analyst: { preferred_username: 'analyst1', tipnet_role: 'analyst' },
      },
    });
    const fixture = await startHubFixture(t, { states: ['IDN'], hubNodes: 1 });
    let redirectUri = '';
    const node = await startTestNode(t, fixture, 'IDN', {
      oidc: {
        name: 'Polri SSO', defaultUnit: 'IDN-LIAISON',
        signIn: () => createOidcSignIn(oidcConfigSchema.parse(provider.configBlock(redirectUri, '/unused')), { clientSecret: provider.clientSecret }),
      },
    });
    redirectUri = `${node.url}/auth/oidc/callback`;
    provider.allowRedirectUri(redirectUri);
    assert.deepEqual((await (await fetch(`${node.url}/auth/providers`)).json()), { state: 'IDN', local: true, oidc: { name: 'Polri SSO', start: '/auth/oidc/start' } });

    const signInAs = async (login: string) => {
      const agent = new ScriptedUserAgent();
      const callback = await signInAtProvider(`${node.url}/auth/oidc/start`, login, { userAgent: agent });
      const answer = await agent.request(callback);
      return { agent, answer };
    };

    const siti = await signInAs('siti');
    assert.equal(siti.answer.status, 302);
    assert.equal(siti.answer.headers.get('location'), '/');
    const session = await siti.agent.request(`${node.url}/auth/session`);
    assert.equal(session.status, 200);
    assert.deepEqual(await session.json(), { kind: 'officer', id: 'siti.rahma', unit: 'BARESKRIM-TPPO', role: 'officer', permissions: ['read', 'acknowledge', 'answer'], via: 'oidc' });
    const cookie = siti.agent.cookies.headerFor(new URL(`${node.url}/api/messages`)) ?? '';
    const refused = await fetch(`${node.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"type":"case-alert"}' });
    assert.equal(refused.status, 403, 'an officer from the provider may not send alerts');

    const budi = await signInAs('budi');
    const budiSession = (await (await budi.agent.request(`${node.url}/auth/session`)).json()) as { role: string; unit: string };
    assert.deepEqual([budiSession.role, budiSession.unit], ['supervisor', 'IDN-LIAISON']);

    const analyst = await signInAs('analyst');
    assert.equal(analyst.answer.status, 302);
    assert.equal(analyst.answer.headers.get('location'), '/#sign-in-refused=OIDC_ROLE_NOT_MAPPED');
    assert.equal((await analyst.agent.request(`${node.url}/auth/session`)).status, 401);

    // The callback without the browser's transaction cookie (a forged or replayed callback) opens nothing.
    const stranger = new ScriptedUserAgent();
    const replay = await stranger.request(`${node.url}/auth/oidc/callback?code=abc&state=def`);
    assert.equal(replay.headers.get('location'), '/#sign-in-refused=OIDC_NO_TRANSACTION');
  });
});
