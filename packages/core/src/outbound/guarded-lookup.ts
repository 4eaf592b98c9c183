import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddress, type UrlPolicy } from './url-policy.ts';

/** A name resolved to an address the policy refuses. */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/**
 * Resolves like dns.lookup, but refuses addresses the policy forbids — checked on the address the socket
 * really connects to, so a name that resolves to a metadata address (or rebinds to one) never gets through.
 */
export const guardedLookup =
  (policy: UrlPolicy): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const a of addresses) {
        const refused = refusedAddress(a.address, policy);
        if (refused) return callback(new RefusedAddressError(`${hostname} resolves to ${refused}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
