import { demuxDockerLogs } from './docker-logs';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demuxDockerLogs', () => {
  it('joins stdout and stderr frames in order', () => {
    const raw = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    expect(demuxDockerLogs(raw)).toBe('out 1\nerr 1\nout 2\n');
  });

  it('decodes UTF-8 and handles an empty log', () => {
    expect(demuxDockerLogs(frame(1, 'héllo ✓\n'))).toBe('héllo ✓\n');
    expect(demuxDockerLogs(Buffer.alloc(0))).toBe('');
  });

  it('returns the text of a TTY (unframed) log as it is', () => {
    expect(demuxDockerLogs(Buffer.from('plain output\n'))).toBe('plain output\n');
  });

  it('keeps a truncated last frame', () => {
    const raw = Buffer.concat([frame(1, 'whole\n'), frame(2, 'cut off').subarray(0, 11)]);
    expect(demuxDockerLogs(raw)).toBe('whole\ncut');
  });
});
