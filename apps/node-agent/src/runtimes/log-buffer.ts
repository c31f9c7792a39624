import { MAX_LOG_CHARS } from './runtime';

/** Collects output as it comes, keeping only the last `max` characters (a chatty loop can't eat memory). */
export class LogBuffer {
  private chunks: string[] = [];
  private length = 0;
  private dropped = 0;

  constructor(private readonly max = MAX_LOG_CHARS) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.chunks.push(text);
    this.length += text.length;
    while (this.length > this.max && this.chunks.length > 1) {
      const head = this.chunks.shift()!;
      this.length -= head.length;
      this.dropped += head.length;
    }
  }

  toString(): string {
    let text = this.chunks.join('');
    let dropped = this.dropped;
    if (text.length > this.max) {
      dropped += text.length - this.max;
      text = text.slice(-this.max);
    }
    return dropped > 0 ? `[… ${dropped} earlier characters cut]\n${text}` : text;
  }
}
