"""What the kernel tests share: whether this machine lets them run."""
import os
import subprocess

SKIP = 77


def skip_reason(netnsim):
    """None when the kernel backend can run here, else why not."""
    if os.geteuid() != 0:
        return 'not root: the kernel backend tests need root (CAP_SYS_ADMIN) to build their sandbox'
    run = subprocess.run([netnsim, '--backend', 'kernel', '--world', 'bare', '-c', 'true'],
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return 'the kernel backend cannot start here: ' + (run.stderr.strip() or 'exit %d' % run.returncode)
    return None
