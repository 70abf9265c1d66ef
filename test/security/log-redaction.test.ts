import { createLogger } from '../../core/logging/logger';

describe('structured logs', () => {
  it('censor sensitive numbers, what customers typed or said, bodies and credentials wherever they appear', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info(
      {
        ssn: '401227788',
        taxId: '56-1234567',
        bankAccountNumber: '000123454321',
        text: 'my ssn is 401-22-7788',
        digits: '401227788',
        speech: 'four oh one',
        body: { Digits: '401227788' },
        authorization: 'Bearer abc.def.ghi',
        req: { headers: { authorization: 'Bearer abc.def.ghi', 'x-twilio-signature': 'sig' } },
        nested: { ssn: '533182046', text: 'hola', token: 'tok_123' },
        callSid: 'CA123',
      },
      'a turn',
    );
    const line = lines.join('\n');
    for (const secret of ['401227788', '401-22-7788', '56-1234567', '000123454321', 'four oh one', 'abc.def.ghi', '533182046', 'tok_123', '"sig"']) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'a turn', callSid: 'CA123', ssn: '[redacted]', text: '[redacted]' });
  });
});
