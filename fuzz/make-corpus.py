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
                              after a first byte of flags (0: none);
  OUT_DIR/iptables-restore/cmd-<hash>  each `printf '...' | iptables-restore`
                              input of a command list (its flags in the
                              first byte), and each `iptables` command as
                              a one-rule block of its table;
  OUT_DIR/iptables-restore/all-<case>  all of a list's `iptables` commands
                              as one ruleset (one block per table).
The netlink harness's seeds are the kernel's real answers, recorded once
and kept in fuzz/seeds-netlink/ (fuzz/capture-netlink needs root and the
kernel backend's sandbox, which a corpus build may not have):
  OUT_DIR/netlink/<name>      each of them.
The regression inputs in fuzz/regressions/<harness>/ are added too, so a
fuzzing run starts from every crash already found.
"""
import hashlib, os, re, shlex, sys

PRINTF_ESCAPES = {'n': '\n', 't': '\t', '\\': '\\', "'": "'", '"': '"'}


def printf_text(fmt):
    """The text `printf FMT` prints for a format without conversions."""
    return re.sub(r'\\(.)', lambda m: PRINTF_ESCAPES.get(m.group(1), m.group(0)), fmt)


def restore_seeds(cmd):
    """Seeds (flags byte + text) for the iptables-restore harness from one
    command line: printf's text piped or written to iptables-restore, or an
    `iptables` command turned into a rule line of its table."""
    try:
        words = shlex.split(cmd)
    except ValueError:
        return []
    if not words:
        return []
    if words[0] == 'printf' and ('|' in words or '>' in words):
        args = words[1:words.index('|') if '|' in words else words.index('>')]
        args = [a for a in args if a != '--']
        if not args:
            return []
        flags = 0
        if '|' in words:
            rest = words[words.index('|') + 1:]
            if not rest or rest[0] != 'iptables-restore':
                return []
            flags = (1 if '--noflush' in rest or '-n' in rest else 0) | \
                    (2 if '--test' in rest or '-t' in rest else 0)
        text = printf_text(args[0])
        if '*' not in text:
            return []
        return [chr(flags) + text]
    if words[0] != 'iptables':
        return []
    table, rule = 'filter', []
    i = 1
    while i < len(words):
        if words[i] == '-t' and i + 1 < len(words):
            table = words[i + 1]
            i += 2
            continue
        rule.append(words[i])
        i += 1
    if not rule or not rule[0].startswith('-'):
        return []
    line = ' '.join(shlex.quote(w) if ' ' in w or not w else w for w in rule)
    return ['\0*%s\n%s\nCOMMIT\n' % (table, line)]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def main():
    fixtures, out = sys.argv[1:3]
    here = os.path.dirname(os.path.abspath(__file__))
    lines = set()
    restore = set()
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
            tables = {}
            for cmd in cmds:
                for seed in restore_seeds(cmd):
                    restore.add(seed)
                    if seed.startswith('\0*') and cmd.startswith('iptables '):
                        table, line = seed[2:].split('\n')[:2]
                        tables.setdefault(table, []).append(line)
            if tables:
                write(os.path.join(out, 'iptables-restore', 'all-' + case),
                      '\0' + ''.join('*%s\n%s\nCOMMIT\n' % (t, '\n'.join(ls))
                                      for t, ls in sorted(tables.items())))
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
    for seed in sorted(restore):
        h = hashlib.sha1(seed.encode()).hexdigest()[:16]
        write(os.path.join(out, 'iptables-restore', 'cmd-' + h), seed)
    def copy_dir(src, harness, prefix):
        if not os.path.isdir(src):
            return 0
        names = sorted(os.listdir(src))
        for name in names:
            with open(os.path.join(src, name), 'rb') as f:
                data = f.read()
            os.makedirs(os.path.join(out, harness), exist_ok=True)
            with open(os.path.join(out, harness, prefix + name), 'wb') as f:
                f.write(data)
        return len(names)

    netlink = copy_dir(os.path.join(here, 'seeds-netlink'), 'netlink', '')
    for harness in ('record', 'script', 'shell-line', 'iptables-restore', 'transcript', 'netlink'):
        copy_dir(os.path.join(here, 'regressions', harness), harness, 'regression-')
    print('make-corpus: %d command lists, %d distinct command lines, %d iptables-save blocks, '
          '%d iptables-restore inputs from commands, %d netlink datagrams'
          % (n, len(lines), blocks, len(restore), netlink))


if __name__ == '__main__':
    main()
