import { InMemoryDirectLineStore, type DirectLineStore } from '../../bot/directline';

const record = (id: string, lastActiveAt = 1000) => ({ id, createdAt: 1000, lastActiveAt, joined: false, tokenGeneration: 0 });
const idFor = (seq: number) => `c|${seq}`;

describe('InMemoryDirectLineStore', () => {
  let store: DirectLineStore;
  beforeEach(async () => {
    store = new InMemoryDirectLineStore({ maxActivitiesPerConversation: 3 });
    await store.createConversation(record('c'));
  });

  test('keeps only the newest activities, while watermarks keep counting up', async () => {
    for (const text of ['1', '2', '3', '4', '5']) await store.appendActivity('c', { type: 'message', text }, idFor);

    const page = await store.listActivities('c', 0, 100);

    expect(page.activities.map((a) => a.text)).toEqual(['3', '4', '5']);
    expect(page.activities.map((a) => a.id)).toEqual(['c|3', 'c|4', 'c|5']);
    expect(page.watermark).toBe(5);
  });

  test('a page stops at its limit and its watermark lets the next page continue', async () => {
    for (const text of ['1', '2', '3']) await store.appendActivity('c', { type: 'message', text }, idFor);

    const first = await store.listActivities('c', 0, 2);
    const second = await store.listActivities('c', first.watermark, 2);

    expect([...first.activities, ...second.activities].map((a) => a.text)).toEqual(['1', '2', '3']);
  });

  test('exactly one caller gets to announce the join', async () => {
    const results = await Promise.all([store.markJoined('c'), store.markJoined('c'), store.markJoined('c')]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('callers cannot change the history through the objects they get back', async () => {
    const appended = await store.appendActivity('c', { type: 'message', text: 'original' }, idFor);
    appended!.activity.text = 'tampered';
    const [listed] = (await store.listActivities('c', 0, 10)).activities;
    listed!.text = 'tampered';

    expect((await store.listActivities('c', 0, 10)).activities[0]?.text).toBe('original');
  });

  test('idle conversations are deleted unless someone is still connected', async () => {
    await store.createConversation(record('busy', 1000));
    await store.createConversation(record('fresh', 9000));

    const removed = await store.deleteIdleConversations(5000, new Set(['busy']));

    expect(removed).toEqual(['c']);
    expect(await store.countConversations()).toBe(2);
  });
});
