import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RejectionError } from '../../services/core/errors.ts';
import { PAYLOAD_NAMES } from '../../services/core/payload-registry.ts';
import { v1 } from '../../services/core/proto.ts';
import { validateMessage } from '../../services/core/validation/mod.ts';
import { HOUR, NOW, validMessage } from '../support/validation-fixtures.ts';

describe('valid messages', () => {
  for (const name of PAYLOAD_NAMES) {
    test(`a valid ${name} passes envelope and payload rules after a protobuf round trip`, () => {
      const { envelope, decoded } = validMessage(name);
      validateMessage(envelope, decoded, NOW);
    });
  }

  test('an expired message is not an envelope problem: the router reports EXPIRED itself', () => {
    const { envelope, decoded } = validMessage('case-alert', {
      envelope: { createdAtUnixMs: NOW - 30 * 24 * HOUR, expiresAtUnixMs: NOW - 24 * HOUR },
      payload: { replyDeadlineUnixMs: NOW - 29 * 24 * HOUR },
    });
    validateMessage(envelope, decoded, NOW);
  });

  test('a case alert by route roles passes when it carries a route', () => {
    const { envelope, decoded } = validMessage('case-alert', {
      envelope: { distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [v1.RouteRole.ROUTE_ROLE_DESTINATION] } },
    });
    validateMessage(envelope, decoded, NOW);
  });
});

test('validateMessage checks the envelope before the payload', () => {
  const { envelope, decoded } = validMessage('case-alert', { envelope: { senderUnit: '' }, payload: { victims: [] } });
  assert.throws(() => validateMessage(envelope, decoded, NOW), (error: unknown) =>
    error instanceof RejectionError && error.code === 'INVALID_ENVELOPE');
});
