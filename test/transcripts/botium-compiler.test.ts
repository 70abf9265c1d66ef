import path from 'node:path';
import { compileConvoText, expandProject, readBotiumProject, type BotiumStep } from '../../transcripts/botium';

/* eslint-disable @typescript-eslint/no-require-imports */
const { ScriptingProvider, Defaults } = require('botium-core') as {
  ScriptingProvider: new (caps: Record<string, unknown>) => {
    Build(): void;
    ReadScriptsFromDirectory(dir: string): void;
    ExpandScriptingMemoryToConvos(): void;
    ExpandConvos(): void;
    convos: { header: { name: string }; beginLogicHook: unknown[]; conversation: Record<string, unknown>[] }[];
  };
  Defaults: { Capabilities: Record<string, unknown> };
};

const IMPORTS = path.join(__dirname, 'imports');

function botium(dir: string, expand: boolean) {
  const sp = new ScriptingProvider({ ...Defaults.Capabilities, SCRIPTING_ENABLE_MEMORY: true });
  sp.Build();
  sp.ReadScriptsFromDirectory(dir);
  if (expand) {
    sp.ExpandScriptingMemoryToConvos();
    sp.ExpandConvos();
  }
  return sp.convos;
}

/** The parts of a step both readers must agree on. */
const comparable = (s: BotiumStep | Record<string, unknown>) => {
  const step = s as Record<string, unknown>;
  return {
    sender: step.sender,
    channel: step.channel ?? null,
    messageText: step.messageText ?? null,
    sourceData: step.sourceData,
    not: step.not,
    optional: step.optional,
    asserters: JSON.parse(JSON.stringify(step.asserters)) as unknown,
    logicHooks: JSON.parse(JSON.stringify(step.logicHooks)) as unknown,
    userInputs: JSON.parse(JSON.stringify(step.userInputs)) as unknown,
    stepTag: step.stepTag,
  };
};

describe('BotiumScript read as botium-core reads it', () => {
  const dir = path.join(IMPORTS, 'botium');
  const reference = botium(dir, true);
  const ours = expandProject(readBotiumProject(dir, true));

  it('the corpus holds at least 40 convo files and uses every construct', () => {
    const project = readBotiumProject(dir, true);
    const steps = ours.flatMap((c) => c.conversation);
    const used = new Set([...steps.flatMap((s) => [...s.asserters, ...s.logicHooks, ...s.userInputs].map((x) => x.name)), ...ours.flatMap((c) => c.beginLogicHook.map((h) => h.name))]);
    expect(new Set(ours.map((c) => c.file)).size).toBeGreaterThanOrEqual(40);
    for (const name of ['BUTTONS', 'CARDS', 'MEDIA', 'INTENT', 'JSON_PATH', 'TEXT', 'TEXT_IC', 'TEXT_CONTAINS_ANY', 'TEXT_CONTAINS_ALL_IC', 'TEXT_WILDCARD_ANY', 'TEXT_WILDCARDEXACT_ANY_IC', 'TEXT_REGEXP_ALL', 'TEXT_REGEXP_ANY_IC',
      'PAUSE', 'WAITFORBOT', 'UPDATE_CUSTOM', 'CONVO_STEP_PARAMETERS', 'SET_SCRIPTING_MEMORY', 'CLEAR_SCRIPTING_MEMORY', 'ASSIGN_SCRIPTING_MEMORY', 'BUTTON', 'FORM']) {
      expect([name, used.has(name)]).toEqual([name, true]);
    }
    expect(steps.some((s) => s.not) && steps.some((s) => s.optional) && steps.some((s) => s.asserters.some((a) => a.not)) && steps.some((s) => s.asserters.some((a) => a.optional))).toBe(true);
    expect(steps.some((s) => s.channel) && steps.some((s) => s.sourceData !== undefined) && steps.some((s) => (s.messageText ?? '').includes('\n'))).toBe(true);
    expect(steps.some((s) => s.stepTag.includes('/'))).toBe(true);
    expect([...project.utterances.values()].some((u) => u.file.includes(`${path.sep}faq${path.sep}`))).toBe(true);
    expect(project.memory.length).toBeGreaterThan(1);
  });

  it('expands to the same convos, with the same steps, asserters, logic hooks, user inputs and arguments', () => {
    expect(ours.map((c) => c.name)).toEqual(reference.map((c) => c.header.name));
    ours.forEach((c, i) => {
      const r = reference[i]!;
      expect({ name: c.name, begin: c.beginLogicHook }).toEqual({ name: r.header.name, begin: JSON.parse(JSON.stringify(r.beginLogicHook)) });
      expect({ name: c.name, steps: c.conversation.map(comparable) }).toEqual({ name: r.header.name, steps: r.conversation.map(comparable) });
    });
  });

  it('compiles the files refused for this bot the same way too (the refusal is about meaning, not syntax)', () => {
    const refusedDir = path.join(IMPORTS, 'botium-refused');
    const reference = botium(refusedDir, false);
    for (const r of reference) {
      const file = path.join(refusedDir, (r as unknown as { sourceTag: { filename: string } }).sourceTag.filename);
      const c = compileConvoText(file);
      expect({ file, steps: c.conversation.map(comparable) }).toEqual({ file, steps: r.conversation.map(comparable) });
    }
  });
});
