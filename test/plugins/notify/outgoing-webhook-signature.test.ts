import { createHmac } from 'node:crypto';
import { outgoingDeliveryId, outgoingWebhookEvent } from '../../../plugins/notify/outgoing-webhook-event.js';
import { signOutgoingBody, verifyOutgoingSignature } from '../../../src/notifications/webhook-signature.js';
import { aNotice } from './notice-builders.js';

describe('outgoing webhook signatures', () => {
  const secret = 'jira-hmac-key';
  const body = JSON.stringify(outgoingWebhookEvent(aNotice('opened'), 'critical', 'jira'));

  it('is sha256= and the hex HMAC-SHA256 of the exact body, as a receiver computes it', () => {
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    expect(signOutgoingBody(body, secret)).toBe(expected);
    expect(verifyOutgoingSignature(body, secret, expected)).toBe(true);
  });

  it('fails for another body, another secret, or no header', () => {
    const signature = signOutgoingBody(body, secret);
    expect(verifyOutgoingSignature(`${body} `, secret, signature)).toBe(false);
    expect(verifyOutgoingSignature(body, 'other', signature)).toBe(false);
    expect(verifyOutgoingSignature(body, secret, undefined)).toBe(false);
    expect(verifyOutgoingSignature(body, secret, 'sha256=00')).toBe(false);
  });

  it('gives each notice and target its own delivery id, the same on every retry', () => {
    const notice = aNotice('opened');
    expect(outgoingDeliveryId(notice.id, 'jira')).toMatch(/^[0-9a-f]{32}$/);
    expect(outgoingDeliveryId(notice.id, 'jira')).toBe(outgoingDeliveryId(notice.id, 'jira'));
    expect(outgoingDeliveryId(notice.id, 'jira')).not.toBe(outgoingDeliveryId(notice.id, 'pager'));
    expect(JSON.stringify(outgoingWebhookEvent(notice, 'critical', 'jira'))).toBe(body);
  });
});
