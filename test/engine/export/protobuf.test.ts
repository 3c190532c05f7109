// The protobuf writer produces the wire format's bytes: the encoding guide's own examples
// (https://protobuf.dev/programming-guides/encoding/), negative int64, floats, long fields.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../../engine/export/protobuf';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  it('writes the encoding guide examples: varint 150, string "testing", a nested message', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish())).toBe('1a03089601');
  });

  it('writes a negative int64 as ten bytes of two’s complement, and a float as fixed32 little-endian', () => {
    expect(hex(new ProtoWriter().int(1, -2).finish())).toBe('08feffffffffffffffff01');
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
    expect(hex(new ProtoWriter().int(1, 2 ** 53 - 1).finish())).toBe('08ffffffffffffff0f');
  });

  it('agrees with protobufjs on large fields and many fields (the buffer grows)', () => {
    const payload = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 255);
    const w = new ProtoWriter();
    for (let i = 0; i < 1000; i++) w.int(1, i * 1_000_003);
    w.bytes(2, payload).string(3, 'déjà vu ✓').float(4, -0.1);
    const ours = w.finish();
    const theirs = protobuf.Writer.create();
    for (let i = 0; i < 1000; i++) theirs.uint32(8).int64(i * 1_000_003);
    theirs.uint32(18).bytes(payload).uint32(26).string('déjà vu ✓').uint32(37).float(-0.1);
    expect(hex(ours)).toBe(hex(theirs.finish()));
  });

  it('refuses field numbers and integers the format cannot hold', () => {
    expect(() => new ProtoWriter().int(0, 1)).toThrow(/field number 0/);
    expect(() => new ProtoWriter().int(1, 2 ** 53)).toThrow(/not a safe integer/);
  });
});
