import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, signIn, startGateway } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { isSecretField, stripSecrets } from './strip-secrets';

const vendorSample = JSON.parse(readFileSync(new URL('../../contract/vendor-sample.json', import.meta.url), 'utf8')) as {
  lockslist: Record<string, unknown>[];
};

/** Names a vendor host may use for a secret: each is removed, however it is spelled. */
const SECRET_NAMES = [
  'lock_password', 'lockpassword', 'LockPassword', 'Lock-Password', 'LOCK_PASSWORD', 'password', 'passwd', 'user_passwd',
  'lock_pass', 'lockpass', 'doorPass', 'passcode', 'PASSCODE', 'pass_code', 'keypad_passcodes',
  'keypad_code', 'keypadCode', 'keypad_codes', 'access_code', 'AccessCode', 'door_code', 'door-code', 'pin_code', 'PIN-code',
  'pin', 'PIN', 'pins', 'keypadPin', 'user_pin', 'door_pin', 'lock_pwd', 'pwd',
  'private_key', 'privateKey', 'credential', 'credentials', 'wifi_credential', 'sessionid', 'session_id', 'SessionID',
  'api_key', 'apiKey', 'API-KEY', 'secret', 'clientSecret', 'webhook_secret', 'token', 'accessToken', 'refresh_token', 'tokens',
];

/** Harmless names, the vendor sample's and ours: each is kept. */
const KEPT_NAMES = [
  'lockid', 'lockname', 'lock_model', 'lock_ssid', 'username', 'userid', 'codeversion', 'code_version', 'passage',
  'pass', 'passeslist', 'passid', 'status_code', 'lockpic', 'pinned', 'shipping', 'mapping', 'spin_speed',
  'keypad', 'method', 'access_granted', 'accesslevel', 'door_count', 'zipcode', 'country_code', 'postcode', 'keycode',
  'session_count', 'groupid', 'grantid', 'mac_address', 'temperature', 'battery_level', 'event_type', 'reason', 'actor',
  'created_by', 'revoked_by', 'start_time', 'end_time', 'weekdays', 'lockgroups', 'status', 'msg',
];

describe('the secret filter, by normalised name', () => {
  it.each(SECRET_NAMES)('removes %s', (name) => {
    expect(isSecretField(name)).toBe(true);
  });

  it.each(KEPT_NAMES)('keeps %s', (name) => {
    expect(isSecretField(name)).toBe(false);
  });

  it('keeps every field of the vendor sample but lock_password', () => {
    const sample = vendorSample.lockslist[0] ?? {};
    const fields = Object.keys(sample).filter((name) => name !== 'lock_password');
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) expect(isSecretField(field), field).toBe(false);
    expect(stripSecrets(vendorSample)).toEqual({ ...vendorSample, lockslist: [Object.fromEntries(fields.map((f) => [f, sample[f]]))] });
  });
});

describe('a vendor host with oddly named secrets, read through the gateway', () => {
  let upstream: StandInUpstream;
  let gateway: RunningGateway;
  const values = new Map(SECRET_NAMES.map((name, i) => [name, `s3cr3t-value-${i}-${name.length}`]));

  beforeAll(async () => {
    const lock = { ...vendorSample.lockslist[0], ...Object.fromEntries(values), nested: { grants: [Object.fromEntries(values)] } };
    upstream = await new StandInUpstream((request, response) => {
      if (request.url === '/api/login') {
        return sendJson(response, 200, { status: 1, msg: '', token: 'upstream-token-0123456789', user: { userid: 1, name: 'M', email: 'm@x.test', role: 'manager' } });
      }
      if (request.url.startsWith('/api/locks/EMXXXX10')) return sendJson(response, 200, { status: 1, msg: '', lock });
      sendJson(response, 200, { ...vendorSample, lockslist: [lock] });
    }).start();
    gateway = await startGateway(upstream.url);
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  it('sends none of their values to the browser, in the list or the detail, and keeps the rest', async () => {
    const session = await signIn(gateway.url, 'm@x.test', 'pw');
    for (const path of ['/api/locks?pagenumber=1&limit=10', '/api/locks/EMXXXX10']) {
      const response = await raw(gateway.url, 'GET', path, session);
      expect(response.status, response.body).toBe(200);
      for (const [name, value] of values) expect(response.body, `${path} ${name}`).not.toContain(value);
      expect(response.body).not.toContain('j2ibxr6o');
      expect(response.body).toContain('"lock_ssid":"EMXXXX10"');
      expect(response.body).toContain('"lock_model":"ARH3EM"');
      expect(response.body).toContain('"nested":{"grants":[{}]}');
    }
  });
});
