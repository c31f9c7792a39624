/**
 * Docker's log stream for a container without a TTY is multiplexed: frames of
 * [stream (1 = stdout, 2 = stderr), 0, 0, 0, size (uint32 big-endian)] followed by `size`
 * bytes. This joins the frames' payloads in order (stdout and stderr interleaved as written).
 * Anything that does not look like frames (a TTY container) is returned as plain text.
 */
export function demuxDockerLogs(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (offset + 8 > buffer.length) return fallback(buffer, parts, offset);
    const stream = buffer[offset]!;
    const padded = buffer[offset + 1] === 0 && buffer[offset + 2] === 0 && buffer[offset + 3] === 0;
    if (stream > 2 || !padded) return fallback(buffer, parts, offset);
    const size = buffer.readUInt32BE(offset + 4);
    const end = Math.min(buffer.length, offset + 8 + size);
    parts.push(buffer.subarray(offset + 8, end));
    offset = end;
  }
  return Buffer.concat(parts).toString('utf8');
}

function fallback(buffer: Buffer, parts: Buffer[], offset: number): string {
  // Frames up to `offset` were fine: keep them, and the rest as it is.
  return Buffer.concat([...parts, buffer.subarray(offset)]).toString('utf8');
}
