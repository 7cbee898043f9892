/* print_addrinfo of iproute2 6.1: one address of `ip addr`. */
#include "shell/print/print-ip.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

const char *
nns_ip_scope_name(guint8 scope, char buf[16])
{
  switch (scope) {
  case RT_SCOPE_UNIVERSE: return "global";
  case RT_SCOPE_SITE: return "site";
  case RT_SCOPE_LINK: return "link";
  case RT_SCOPE_HOST: return "host";
  case RT_SCOPE_NOWHERE: return "nowhere";
  default:
    g_snprintf(buf, 16, "%u", scope);
    return buf;
  }
}

static void
print_flags(NnsPrinter *p, const NnsAddrRecord *a)
{
  static const struct { guint32 mask; const char *name; } names[] = {
    { IFA_F_SECONDARY, "secondary" }, { IFA_F_NODAD, "nodad" }, { IFA_F_OPTIMISTIC, "optimistic" },
    { IFA_F_DADFAILED, "dadfailed" }, { IFA_F_HOMEADDRESS, "home" }, { IFA_F_DEPRECATED, "deprecated" },
    { IFA_F_TENTATIVE, "tentative" }, { IFA_F_PERMANENT, "permanent" },
    { IFA_F_MANAGETEMPADDR, "mngtmpaddr" }, { IFA_F_NOPREFIXROUTE, "noprefixroute" },
    { IFA_F_MCAUTOJOIN, "autojoin" }, { IFA_F_STABLE_PRIVACY, "stable-privacy" },
  };
  guint32 flags = a->flags;
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    guint32 mask = names[i].mask;
    if (mask == IFA_F_PERMANENT) {
      if (!(flags & mask))
        nns_print_bool(p, NNS_PRINT_ANY, "dynamic", "dynamic ", TRUE);
    } else if (flags & mask) {
      if (mask == IFA_F_SECONDARY && a->family == AF_INET6) {
        nns_print_bool(p, NNS_PRINT_ANY, "temporary", "temporary ", TRUE);
      } else {
        nns_print_string(p, NNS_PRINT_FP, NULL, "%s ", names[i].name);
        nns_print_bool(p, NNS_PRINT_JSON, names[i].name, NULL, TRUE);
      }
    }
    flags &= ~mask;
  }
}

void
nns_print_addr(NnsPrinter *p, const NnsIpOptions *o, const NnsLinkRecord *link, const NnsAddrRecord *a)
{
  (void) o;
  (void) link;
  char buf[NNS_INET_STRLEN], scope[16];
  nns_print_open_object(p, NULL);
  nns_print_string(p, NNS_PRINT_ANY, "family", "    %s ", a->family == AF_INET6 ? "inet6" : "inet");
  nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(a->family), "local", "%s",
                         nns_inet_format(&a->local, buf));
  nns_print_uint(p, NNS_PRINT_ANY, "prefixlen", "/%u ", a->prefixlen);
  if (a->has_broadcast) {
    nns_print_text(p, "brd ");
    nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(a->family), "broadcast", "%s ",
                           nns_inet_format(&a->broadcast, buf));
  }
  nns_print_string(p, NNS_PRINT_ANY, "scope", "scope %s ", nns_ip_scope_name(a->scope, scope));
  print_flags(p, a);
  if (a->label[0])
    nns_print_string(p, NNS_PRINT_ANY, "label", "%s", a->label);
  nns_print_nl(p);
  nns_print_text(p, "       valid_lft ");
  if (a->valid_lft == 0xffffffffu) {
    nns_print_uint(p, NNS_PRINT_JSON, "valid_life_time", NULL, a->valid_lft);
    nns_print_text(p, "forever");
  } else {
    nns_print_uint(p, NNS_PRINT_ANY, "valid_life_time", "%usec", a->valid_lft);
  }
  nns_print_text(p, " preferred_lft ");
  if (a->preferred_lft == 0xffffffffu) {
    nns_print_uint(p, NNS_PRINT_JSON, "preferred_life_time", NULL, a->preferred_lft);
    nns_print_text(p, "forever");
  } else {
    nns_print_uint(p, NNS_PRINT_ANY, "preferred_life_time", "%usec", a->preferred_lft);
  }
  nns_print_close_object(p);
}
