#!/usr/bin/env python3
"""make-corpus: seed corpora for the fuzz harnesses, built from fixtures/.

    make-corpus.py FIXTURES_DIR OUT_DIR

Every command list (*.cmds, record-kernel's format) under FIXTURES_DIR gives:
  OUT_DIR/record/<case>       the list itself (the record harness's input);
  OUT_DIR/script/<case>       the same commands as a plain script;
  OUT_DIR/shell-line/<hash>   each distinct command line, one per file.
Every recording (*.t) and markdown document (*.md) gives:
  OUT_DIR/transcript/<case>   the document itself;
  OUT_DIR/iptables-restore/<case>-<n>  each `*table ... COMMIT` block the
                              recording shows (iptables-save's output),
                              after a first byte of flags (0: none).
The regression inputs in fuzz/regressions/<harness>/ are added too, so a
fuzzing run starts from every crash already found.
"""
import hashlib, os, sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def main():
    fixtures, out = sys.argv[1:3]
    here = os.path.dirname(os.path.abspath(__file__))
    lines = set()
    n = 0
    for root, _, files in sorted(os.walk(fixtures)):
        for name in sorted(files):
            if not name.endswith('.cmds'):
                continue
            case = os.path.relpath(os.path.join(root, name), fixtures).replace('/', '_')[:-5]
            with open(os.path.join(root, name)) as f:
                text = f.read()
            cmds = []
            for line in text.splitlines():
                if not line.strip() or line.startswith(';'):
                    continue
                cmd = line[2:] if line.startswith('@ ') else line
                cmds.append(cmd)
                lines.add(cmd)
            write(os.path.join(out, 'record', case), text)
            write(os.path.join(out, 'script', case), '\n'.join(cmds) + '\n')
            n += 1
    blocks = 0
    for root, _, files in sorted(os.walk(fixtures)):
        for name in sorted(files):
            if not (name.endswith('.t') or name.endswith('.md')):
                continue
            case = os.path.relpath(os.path.join(root, name), fixtures).replace('/', '_')
            with open(os.path.join(root, name)) as f:
                text = f.read()
            write(os.path.join(out, 'transcript', case), text)
            block = None
            for line in text.splitlines():
                if line.startswith('*'):
                    block = [line]
                elif block is not None:
                    block.append(line)
                    if line == 'COMMIT':
                        blocks += 1
                        write(os.path.join(out, 'iptables-restore', '%s-%d' % (case, blocks)),
                              '\0' + '\n'.join(block) + '\n')
                        block = None
    for cmd in sorted(lines):
        h = hashlib.sha1(cmd.encode()).hexdigest()[:16]
        write(os.path.join(out, 'shell-line', h), cmd)
    for harness in ('record', 'script', 'shell-line', 'iptables-restore', 'transcript'):
        reg = os.path.join(here, 'regressions', harness)
        if os.path.isdir(reg):
            for name in sorted(os.listdir(reg)):
                with open(os.path.join(reg, name), 'rb') as f:
                    data = f.read()
                os.makedirs(os.path.join(out, harness), exist_ok=True)
                with open(os.path.join(out, harness, 'regression-' + name), 'wb') as f:
                    f.write(data)
    print('make-corpus: %d command lists, %d distinct command lines, %d iptables-save blocks' % (n, len(lines), blocks))


if __name__ == '__main__':
    main()
