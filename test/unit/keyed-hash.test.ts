import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IdentifierFormatError, normaliseIdentifier, normalisePhone, toKeyedIdentifier } from '../../services/core/keyed-hash.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const hex = (kind: Parameters<typeof toKeyedIdentifier>[0], value: string) => Buffer.from(toKeyedIdentifier(kind, value, TEST_MATCHING_KEY).digest).toString('hex');

describe('phone numbers are hashed from their international form, the same in every state', () => {
  test('"+", "00" and the separators people type give one E.164 number', () => {
    for (const written of ['+62 812-3456-7890', '0062 812 3456 7890', '+62 (812) 3456.7890', '  +6281234567890 ']) {
      assert.equal(normalisePhone(written), '+6281234567890', written);
    }
    assert.equal(hex('phone', '+62 812-3456-7890'), hex('phone', '0062 812 3456 7890'));
  });

  test('a national number is refused with a reason that asks for the international form and never repeats the value', () => {
    for (const national of ['0812-3456-7890', '812 3456 7890', '(021) 555 0199']) {
      assert.throws(() => normalisePhone(national), (error: unknown) => {
        assert.ok(error instanceof IdentifierFormatError);
        assert.match(error.message, /international form \("\+" or "00", then the country code\), or in national form with the country it belongs to/);
        assert.ok(!error.message.includes('3456') && !error.message.includes('0199'));
        return true;
      }, national);
    }
  });

  test('an international number too short or too long for E.164 is refused', () => {
    assert.throws(() => normalisePhone('+12 34'), /not a valid E\.164 number/);
    assert.throws(() => normalisePhone('+62 8123 4567 8901 2345'), /not a valid E\.164 number/);
  });

  test('no calling code is ever guessed: a national number without its country is refused whichever state hashes it', () => {
    assert.throws(() => toKeyedIdentifier('phone', '0812-3456-7890', TEST_MATCHING_KEY), IdentifierFormatError);
  });

  test('a national number given with the country it belongs to is completed with that country, so THA reporting an Indonesian phone matches IDN', () => {
    assert.equal(normalisePhone('0812 3456 7890', 'IDN'), '+6281234567890');
    assert.equal(normalisePhone('(02) 123 4567', 'THA'), '+6621234567');
    // Singapore numbers have no trunk prefix: the calling code goes in front of the whole number.
    assert.equal(normalisePhone('6123 4567', 'SGP'), '+6561234567');
    const idn = Buffer.from(toKeyedIdentifier('phone', '+62 812-3456-7890', TEST_MATCHING_KEY).digest).toString('hex');
    const tha = Buffer.from(toKeyedIdentifier('phone', '0812 3456 7890', TEST_MATCHING_KEY, 'IDN').digest).toString('hex');
    assert.equal(tha, idn);
    // An international number keeps its own country code whatever country is named with it.
    assert.equal(normalisePhone('+62 812 3456 7890', 'THA'), '+6281234567890');
  });

  test('a country is refused with any kind but a phone, and must be a known state', () => {
    assert.throws(() => normaliseIdentifier('passport', 'C1234567', 'IDN'), /a country is given only with a phone number/);
    assert.throws(() => normalisePhone('0812 3456 7890', 'XYZ'), /a state code known to tipnet/);
  });
});

describe('e-wallets', () => {
  test('a wallet given as an international phone number hashes as that phone number in the e-wallet kind', () => {
    assert.equal(normaliseIdentifier('e-wallet', '+62 811-0000-0003'), '+6281100000003');
    assert.equal(normaliseIdentifier('e-wallet', '0062 811 0000 0003'), '+6281100000003');
    assert.equal(hex('e-wallet', '+62 811-0000-0003'), hex('e-wallet', '0062 811 0000 0003'));
    assert.notEqual(hex('e-wallet', '+62 811-0000-0003'), hex('phone', '+62 811-0000-0003'), 'the kind is part of the hash');
  });

  test('anything else is an account name, lower-cased, with no calling code added', () => {
    assert.equal(normaliseIdentifier('e-wallet', 'Recruiter.Pay-Account'), 'recruiter.pay-account');
    assert.equal(normaliseIdentifier('e-wallet', '0811-0000-0003'), '0811-0000-0003');
  });

  test('a wallet that starts like an international phone number but is not one is refused', () => {
    assert.throws(() => normaliseIdentifier('e-wallet', '+12 34'), IdentifierFormatError);
  });
});
