/* dev->operstate: follows the carrier unless the link mode or a user's
 * IFLA_OPERSTATE made it differ (oper_stored), until the next carrier
 * change (rfc2863_policy overwrites it). */
#include "core/operstate.h"

#include <linux/if.h>

guint8
nns_operstate_default(const NnsDevice *dev)
{
  switch (dev->kind) {
  case NNS_KIND_DUMMY:
    /* UNKNOWN until a carrier change makes linkwatch apply
     * rfc2863_policy (`ip link set DEV carrier off`). */
    if (dev->carrier_changes)
      return dev->carrier ? IF_OPER_UP : IF_OPER_DOWN;
    return IF_OPER_UNKNOWN;
  case NNS_KIND_LOOPBACK:
  case NNS_KIND_IFB:
  case NNS_KIND_IPIP:
    return IF_OPER_UNKNOWN;
  case NNS_KIND_VETH:
    /* Its peer is its iflink: no carrier is LOWERLAYERDOWN. */
    return dev->carrier ? IF_OPER_UP : IF_OPER_LOWERLAYERDOWN;
  case NNS_KIND_BRIDGE:
    if (!dev->carrier)
      return IF_OPER_DOWN;
    return dev->ports->len ? IF_OPER_UP : IF_OPER_UNKNOWN;
  default:
    return dev->carrier ? IF_OPER_UP : IF_OPER_DOWN;
  }
}

guint8
nns_operstate_raw(const NnsDevice *dev)
{
  return dev->oper_stored ? dev->oper_raw : nns_operstate_default(dev);
}

gboolean
nns_operstate_oper_up(guint8 operstate)
{
  return operstate == IF_OPER_UP || operstate == IF_OPER_UNKNOWN;
}

static void
store(NnsDevice *dev, guint8 operstate)
{
  dev->oper_raw = operstate;
  dev->oper_stored = operstate != nns_operstate_default(dev);
}

void
nns_operstate_linkwatch(NnsDevice *dev, guint8 before)
{
  if (!dev->oper_stored && dev->link_mode == IF_LINK_MODE_DEFAULT)
    return;
  guint8 now = nns_operstate_default(dev);
  if (now == before)
    return store(dev, before);
  if (dev->link_mode == IF_LINK_MODE_DORMANT && now == IF_OPER_UP)
    now = IF_OPER_DORMANT;
  store(dev, now);
}

void
nns_operstate_set(NnsDevice *dev, guint8 transition)
{
  guint8 cur = nns_operstate_raw(dev), now = cur;
  switch (transition) {
  case IF_OPER_UP:
    /* No modelled driver sets the dormant or testing bits. */
    if (cur == IF_OPER_DORMANT || cur == IF_OPER_TESTING || cur == IF_OPER_UNKNOWN)
      now = IF_OPER_UP;
    break;
  case IF_OPER_TESTING:
  case IF_OPER_DORMANT:
    if (nns_operstate_oper_up(cur))
      now = transition;
    break;
  default:
    break;
  }
  store(dev, now);
}
