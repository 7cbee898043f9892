#include "shell/tools/tools.h"

#include <errno.h>

/* Fixed texts, so a German locale cannot change a transcript. */
const char *
nns_strerror(int errnum)
{
  switch (errnum) {
  case EPERM: return "Operation not permitted";
  case ENOENT: return "No such file or directory";
  case ESRCH: return "No such process";
  case EIO: return "Input/output error";
  case EBADF: return "Bad file descriptor";
  case EACCES: return "Permission denied";
  case EBUSY: return "Device or resource busy";
  case EEXIST: return "File exists";
  case ENODEV: return "No such device";
  case ENOTDIR: return "Not a directory";
  case EISDIR: return "Is a directory";
  case EINVAL: return "Invalid argument";
  case EFBIG: return "File too large";
  case ENOSPC: return "No space left on device";
  case EROFS: return "Read-only file system";
  case ERANGE: return "Numerical result out of range";
  case EOPNOTSUPP: return "Operation not supported";
  case EADDRNOTAVAIL: return "Cannot assign requested address";
  case ENETDOWN: return "Network is down";
  case ENETUNREACH: return "Network is unreachable";
  default: return g_strerror(errnum);
  }
}
