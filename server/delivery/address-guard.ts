import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may go (DESIGN.md, Team alerts): not to a loopback, link-local, private or
 * otherwise special address (the gateway itself, a cloud metadata address, the office network),
 * unless WEBHOOK_ALLOW_HOSTS lists the host or its address. Checked when a contact is saved and
 * again on the address actually connected to, after DNS (connectGuard), so that a name that later
 * resolves inward is refused too.
 */
const REFUSED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4 address: judged by the v4 form below
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, else null. */
function embeddedIPv4(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export class WebhookAllowList {
  private readonly hosts = new Set<string>();
  private readonly nets = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [host = '', bits] = entry.replace(/^\[|\]$/g, '').split('/');
      const family = isIP(host);
      if (family && bits !== undefined) this.nets.addSubnet(host, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
      else if (family) this.nets.addAddress(host, family === 6 ? 'ipv6' : 'ipv4');
      else this.hosts.add(host.toLowerCase());
    }
  }

  allowsHost(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    if (!family) return false;
    if (this.nets.check(address, family === 6 ? 'ipv6' : 'ipv4')) return true;
    const v4 = family === 6 ? embeddedIPv4(address) : null;
    return v4 !== null && this.nets.check(v4, 'ipv4');
  }
}

/** Whether an address is loopback, link-local, private or otherwise not a public host. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return REFUSED.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIPv4(address);
  if (v4) return REFUSED.check(v4, 'ipv4');
  return REFUSED.check(address, 'ipv6');
}

/** Why a connection to `address` (already resolved) for `hostname` is refused, or null when it is allowed. */
export function refusedAddress(hostname: string, address: string, allow: WebhookAllowList): string | null {
  if (!isInternalAddress(address) || allow.allowsHost(hostname) || allow.allowsAddress(address)) return null;
  return `${hostname} is a loopback, link-local or private address (${address}); list it in WEBHOOK_ALLOW_HOSTS to allow it`;
}

/**
 * Why a webhook URL is refused, or null: not http(s), credentials in it, or a host that is (or
 * resolves to) an internal address. A name that does not resolve is refused with that reason.
 */
export async function checkWebhookUrl(value: string, allow: WebhookAllowList): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The address must be a full URL such as https://hooks.example.com/lockboard';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The address must start with https:// or http://';
  if (url.username || url.password) return 'The address must not hold a user name or password';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname)) return refusedAddress(hostname, hostname, allow);
  let addresses: { address: string }[];
  try {
    addresses = await lookup(hostname, { all: true });
  } catch {
    return `${hostname} could not be found (DNS)`;
  }
  for (const { address } of addresses) {
    const refused = refusedAddress(hostname, address, allow);
    if (refused) return refused;
  }
  return null;
}

/**
 * A `lookup` for http.request that refuses an internal address after DNS, on the address the socket
 * will connect to (a name that resolved outward when saved and inward now is refused).
 */
export function connectGuard(allow: WebhookAllowList) {
  return (
    hostname: string,
    options: object,
    callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void,
  ): void => {
    lookup(hostname, { all: true })
      .then((found) => {
        for (const { address } of found) {
          const refused = refusedAddress(hostname, address, allow);
          if (refused) return callback(Object.assign(new Error(refused), { code: 'EWEBHOOKREFUSED' }), []);
        }
        const all = (options as { all?: boolean }).all;
        if (all) return callback(null, found);
        const first = found[0];
        if (!first) return callback(new Error(`${hostname} could not be found (DNS)`), []);
        callback(null, first.address, first.family);
      })
      .catch((error: Error) => callback(error, []));
  };
}
