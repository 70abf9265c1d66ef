import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

/** The same flows as the English stories, told in Spanish, including the wrong turns. */
let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

async function mariaPaying(): Promise<Talk> {
  const talk = new Talk(world, 'chat', 'es');
  await talk.start();
  await talk.say('quiero hacer un pago');
  await talk.say('4100020002');
  await talk.say('533-18-2046');
  await talk.click('other');
  return talk;
}

describe('en español', () => {
  it('"cancelar" a mitad del pago lo abandona sin pagar nada', async () => {
    const talk = await mariaPaying();
    const reply = await talk.say('cancelar');
    expect(reply.output.locale).toBe('es');
    expect(reply.text).toMatch(/no se envió nada|detuve|cancel/i);
    const maria = await accountId(world, '4100020002');
    expect((await world.repos.payments.history(maria, 20)).some((p) => p.idempotencyKey.startsWith('pay:'))).toBe(false);
  });

  it('cambiar a inglés a mitad del pago repite la misma pregunta en inglés', async () => {
    const talk = await mariaPaying();
    const reply = await talk.say('in English please');
    expect(reply.output.locale).toBe('en');
    expect(reply.text).toMatch(/English/);
    expect(reply.output.expect.kind).toBe('amount');
  });

  it('una cantidad mayor que la liquidación se rechaza con el monto de liquidación', async () => {
    const talk = await mariaPaying();
    const reply = await talk.say('90000 dólares');
    expect(reply.text).toMatch(/liquidaci[oó]n de \$[\d,]+\.\d\d/);
    expect(reply.output.expect.kind).toBe('amount');
  });

  it('tres respuestas inválidas seguidas ofrecen hablar con una persona', async () => {
    const talk = await mariaPaying();
    await talk.say('10.999');
    await talk.say('10.999');
    const third = await talk.say('10.999');
    expect(third.output.locale).toBe('es');
    expect(third.choices).toEqual(['agent', 'restart']);
  });

  it('tres números de Seguro Social equivocados bloquean la verificación 30 minutos', async () => {
    const talk = new Talk(world, 'chat', 'es');
    await talk.start();
    await talk.say('quiero pagar');
    for (let i = 0; i < 3; i++) {
      await talk.say('4100020002');
      await talk.say('401227788');
    }
    const again = await talk.say('quiero pagar');
    expect(again.output.locale).toBe('es');
    expect(again.text).toMatch(/30 minutos|\d+ minutos/);
  });

  it('después de 15 minutos sin actividad, hay que verificarse de nuevo', async () => {
    const talk = await mariaPaying();
    world.clock.advanceMinutes(16);
    const reply = await talk.say('¿cuánto debo?');
    expect(reply.output.locale).toBe('es');
    expect(reply.text).toMatch(/15 minutos/);
  });

  it('Jordan inscribe su Jeep en Auto Pay el día 10', async () => {
    const talk = new Talk(world, 'chat', 'es');
    await talk.start();
    await talk.say('quiero inscribirme en pago automático');
    await talk.say('1C4RJFBG1KC716554');
    const pick = await talk.say('401227788');
    expect(pick.output.locale).toBe('es');
    const askDay = await talk.click(await accountId(world, '4100020005'));
    expect(askDay.text).toMatch(/día del mes/);
    const bad = await talk.say('40');
    expect(bad.text).toMatch(/1 (y|al|a) 28/);
    await talk.say('10');
    await talk.click('onfile');
    const done = await talk.click('yes');
    expect(done.output.locale).toBe('es');
    expect(await world.repos.autopay.forAccount(await accountId(world, '4100020005'))).toMatchObject({ active: true, dayOfMonth: 10 });
  });

  it('María pregunta por alertas de texto y ya las tiene activadas', async () => {
    const talk = new Talk(world, 'chat', 'es');
    await talk.start();
    await talk.say('¿cuál es mi puntaje de crédito?');
    await talk.say('4100020002');
    await talk.say('533182046');
    const reply = await talk.say('quiero recibir recordatorios por mensaje de texto');
    expect(reply.output.locale).toBe('es');
    expect(reply.text).toMatch(/PAY/);
  });

  it('una respuesta hostil en cada paso del pago no cambia nada y el flujo sigue', async () => {
    const talk = await mariaPaying();
    // Two junk answers (a third would rightly offer a person).
    for (const junk of ["'; DROP TABLE x; --", '<b>hola</b>']) {
      const reply = await talk.say(junk);
      expect(reply.output.locale).toBe('es');
      expect(reply.text).not.toContain('<b>');
    }
    const next = await talk.say('$20');
    expect(next.choices).toEqual(['today', 'later']);
  });
});
