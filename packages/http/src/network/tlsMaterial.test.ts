import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { tlsMaterial } from './tlsMaterial.js';

const dir = mkdtempSync(join(tmpdir(), 'tls-material-'));
const pem = (name: string) => {
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`);
  return path;
};

describe('tlsMaterial', () => {
  it("adds a ca to Node's roots and NODE_EXTRA_CA_CERTS, which an explicit ca would otherwise drop", () => {
    const material = tlsMaterial({ ca: pem('server-ca') }, 's', { NODE_EXTRA_CA_CERTS: pem('extra-ca') });
    expect(material.ca?.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
    expect(material.ca?.slice(rootCertificates.length).map((text) => text.split('\n')[1])).toEqual([
      'extra-ca',
      'server-ca',
    ]);
  });

  it('leaves the CAs to Node without a ca (its store holds NODE_EXTRA_CA_CERTS), and verification on', () => {
    expect(tlsMaterial({}, 's', { NODE_EXTRA_CA_CERTS: pem('extra-ca') })).toEqual({});
    expect(tlsMaterial({ insecureSkipVerify: true }, 's', {})).toEqual({ rejectUnauthorized: false });
  });

  it('names an unreadable NODE_EXTRA_CA_CERTS like a field', () => {
    expect(() =>
      tlsMaterial({ ca: pem('server-ca') }, 's', { NODE_EXTRA_CA_CERTS: join(dir, 'none.pem') }),
    ).toThrow(/"NODE_EXTRA_CA_CERTS" file .* cannot be read \(ENOENT\)/);
  });
});
