"""Take away a query worker's ability to open network connections (a Linux seccomp filter).

The endpoint refuses SERVICE and LOAD after reading the query, but pyoxigraph carries an HTTP
client and will fetch any SERVICE IRI it evaluates; a reading that misses one spelling would make
the server a proxy into its own network. So below that check, each worker process installs a
filter that makes ``socket()`` fail for every family but AF_UNIX (the worker talks to the server
over a Unix socket pair): whatever the query says, no TCP or UDP socket (DNS included) can be
made. The filter is inherited by nothing else and cannot be removed by the process itself.

Only x86-64 and AArch64 Linux are covered; elsewhere :func:`forbid_network` returns False and
the query check stands alone.
"""

from __future__ import annotations

import ctypes
import platform
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
EACCES = 13
AF_UNIX = 1

# (audit arch, socket() syscall number, socketpair() number) per machine
_ARCH = {
    "x86_64": (0xC000003E, 41, 53),
    "aarch64": (0xC00000B7, 198, 199),
}

_LD_ABS_W = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET = 0x06  # BPF_RET | BPF_K


def _program(arch: int, socket_nr: int, socketpair_nr: int) -> list[tuple[int, int, int, int]]:
    """The BPF instructions (code, jt, jf, k): jumps count instructions skipped."""
    deny = SECCOMP_RET_ERRNO | EACCES
    return [
        (_LD_ABS_W, 0, 0, 4),  # 0 seccomp_data.arch
        (_JEQ, 1, 0, arch),  # 1 a foreign ABI (32-bit entry points): deny
        (_RET, 0, 0, deny),  # 2
        (_LD_ABS_W, 0, 0, 0),  # 3 seccomp_data.nr
        (_JGE, 6, 0, 0x40000000),  # 4 x32 numbers: deny (-> 11)
        (_JEQ, 1, 0, socket_nr),  # 5 socket()
        (_JEQ, 0, 3, socketpair_nr),  # 6 socketpair(), else allow (-> 10)
        (_LD_ABS_W, 0, 0, 16),  # 7 args[0] (the family), low 32 bits
        (_JEQ, 0, 2, AF_UNIX),  # 8 a Unix socket: allow; anything else: deny
        (_RET, 0, 0, SECCOMP_RET_ALLOW),  # 9
        (_RET, 0, 0, SECCOMP_RET_ALLOW),  # 10
        (_RET, 0, 0, deny),  # 11
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def forbid_network() -> bool:
    """Make every later ``socket()`` of a non-Unix family fail with EACCES in this process.

    True when the filter is in place; False where the platform has no such filter (not Linux,
    another machine, seccomp not allowed), in which case nothing changed.
    """
    arch = _ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    code = b"".join(struct.pack("=HBBI", *ins) for ins in _program(*arch))
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p).value)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    return bool(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) == 0)
