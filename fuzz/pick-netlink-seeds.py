#!/usr/bin/env python3
"""pick-netlink-seeds: choose the seeds of the `netlink` fuzz harness among
the datagrams fuzz/capture-netlink recorded from the kernel.

    pick-netlink-seeds.py CAPTURE_DIR OUT_DIR

A datagram is kept when one of its messages has a shape no kept datagram
had: its type, its family (the first byte after the header), the set of
its attribute types, and for a link the kinds its IFLA_LINKINFO names.
A kept datagram is cut, at a message boundary, to the harness's -max_len
(16 KiB; fuzz/run.sh), and written as OUT_DIR/<type>-<sha1 prefix>.
"""
import hashlib, os, struct, sys

MAX_LEN = 16384
RTM_NEWLINK = 16
IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_SLAVE_KIND = 18, 1, 4
# The fixed header after struct nlmsghdr, by message type (rtnetlink's
# NEW* answers; nfnetlink's struct nfgenmsg is 4 bytes).
FIXED = {16: 16, 20: 8, 24: 12, 28: 12, 32: 12, 36: 20, 88: 4}


def attrs(data, off, end):
    while off + 4 <= end:
        length, typ = struct.unpack_from('<HH', data, off)
        if length < 4 or off + length > end:
            return
        yield typ & 0x3fff, data[off + 4:off + length]
        off += (length + 3) & ~3


def messages(data):
    off = 0
    while off + 16 <= len(data):
        length, typ = struct.unpack_from('<IH', data, off)
        if length < 16 or off + length > len(data):
            return
        yield off, length, typ
        off += (length + 3) & ~3


def shape(data, off, length, typ):
    fixed = FIXED.get(typ, 4 if typ >= 256 else None)
    family = data[off + 16] if length > 16 else None
    if fixed is None:
        return (typ, family)
    found = tuple(attrs(data, off + 16 + fixed, off + length))
    kinds = ()
    if typ == RTM_NEWLINK:
        for t, payload in found:
            if t == IFLA_LINKINFO:
                kinds = tuple(sorted(bytes(p).rstrip(b'\0').decode('latin-1')
                                     for k, p in attrs(payload, 0, len(payload))
                                     if k in (IFLA_INFO_KIND, IFLA_INFO_SLAVE_KIND)))
    return (typ, family, tuple(sorted({t for t, _ in found})), kinds)


def main():
    capture, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    seen = set()
    kept = 0
    for name in sorted(os.listdir(capture)):
        with open(os.path.join(capture, name), 'rb') as f:
            data = f.read()
        msgs = list(messages(data))
        shapes = {shape(data, *m) for m in msgs}
        if not msgs or shapes <= seen:
            continue
        seen |= shapes
        end = 0
        for off, length, _ in msgs:
            nxt = min(off + ((length + 3) & ~3), len(data))
            if nxt > MAX_LEN:
                break
            end = nxt
        # A first message over the limit is kept cut: a seed all the same.
        seed = data[:end] if end else data[:MAX_LEN]
        digest = hashlib.sha1(seed).hexdigest()[:12]
        with open(os.path.join(out, '%d-%s' % (msgs[0][2], digest)), 'wb') as f:
            f.write(seed)
        kept += 1
    print('pick-netlink-seeds: %d datagrams kept, %d message shapes' % (kept, len(seen)))


if __name__ == '__main__':
    main()
