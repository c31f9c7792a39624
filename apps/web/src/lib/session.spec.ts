import { Refresher, type Session, SessionStore } from './session';

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (key: string) => this.map.get(key) ?? null;
  setItem = (key: string, value: string) => void this.map.set(key, value);
  removeItem = (key: string) => void this.map.delete(key);
}

const NOW = 1_000_000;
const session = (over: Partial<Session> = {}): Session => ({
  accessToken: 'a1',
  refreshToken: 'r1',
  expiresAt: NOW + 600_000,
  username: 'alice',
  ...over,
});
const direct = <T>(task: () => Promise<T>) => task();

describe('Refresher', () => {
  it('keeps a token that is good for a while', async () => {
    const store = new SessionStore(new MemoryStorage());
    store.write(session());
    const call = jest.fn();
    expect(await new Refresher(store, call, direct, () => NOW).fresh()).toEqual(session());
    expect(call).not.toHaveBeenCalled();
  });

  it('rotates a token about to expire, once for concurrent callers', async () => {
    const store = new SessionStore(new MemoryStorage());
    store.write(session({ expiresAt: NOW + 1_000 }));
    const call = jest.fn(async () => ({ access_token: 'a2', refresh_token: 'r2', expires_in: 900 }));
    const refresher = new Refresher(store, call, direct, () => NOW);
    const [one, two] = await Promise.all([refresher.fresh(), refresher.fresh()]);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('r1');
    expect(one).toEqual(two);
    expect(store.read()).toEqual(session({ accessToken: 'a2', refreshToken: 'r2', expiresAt: NOW + 900_000 }));
  });

  it('takes the token another tab already rotated instead of reusing the old one', async () => {
    const store = new SessionStore(new MemoryStorage());
    const stale = session({ accessToken: 'old' });
    store.write(session({ accessToken: 'a9', refreshToken: 'r9' })); // written by the other tab
    const call = jest.fn();
    expect(await new Refresher(store, call, direct, () => NOW).refresh(stale)).toMatchObject({ accessToken: 'a9' });
    expect(call).not.toHaveBeenCalled();
  });

  it('ends the session as expired when the server refuses the refresh token', async () => {
    const store = new SessionStore(new MemoryStorage());
    store.write(session());
    const refresher = new Refresher(store, async () => 'invalid' as const, direct, () => NOW);
    expect(await refresher.refresh(session())).toBeNull();
    expect(store.read()).toBeNull();
    expect(store.ended).toBe('expired');
  });
});

describe('SessionStore', () => {
  it('ignores a corrupt entry and tells listeners about changes', () => {
    const storage = new MemoryStorage();
    storage.setItem('federa.session', '{not json');
    const store = new SessionStore(storage);
    expect(store.read()).toBeNull();
    const listener = jest.fn();
    store.subscribe(listener);
    store.write(session());
    store.clear();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.ended).toBe('logout');
  });
});
