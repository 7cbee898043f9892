#include "core/qdisc.h"
#include "core/error.h"
#include "core/world.h"

#include <errno.h>
#include <string.h>

/* TC_H_MAKE(major, 0) of the kernel's handles. */
#define MAJOR(h) ((h) & 0xffff0000u)

gboolean
nns_qdisc_kind_known(const char *kind)
{
  static const char *const kinds[] = { "noqueue", "pfifo_fast", "fq_codel", "pfifo", "bfifo" };
  for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++)
    if (g_str_equal(kind, kinds[i]))
      return TRUE;
  return FALSE;
}

/* IFF_NO_QUEUE devices get noqueue; a NIC the qdisc of the reference
 * machine's net.core.default_qdisc (Debian 12: fq_codel); ifb has a real
 * queue and gets pfifo_fast. */
static const char *
default_kind(const NnsDevice *dev)
{
  switch (dev->kind) {
  case NNS_KIND_PHYSICAL:
  case NNS_KIND_IPIP: /* tunnels queue too (no IFF_NO_QUEUE) */
    return "fq_codel";
  case NNS_KIND_IFB: return "pfifo_fast";
  default: return "noqueue";
  }
}

/* psched_mtu: what one packet may take on the wire. */
static guint32
hard_header_len(const NnsDevice *dev)
{
  return dev->kind == NNS_KIND_IPIP ? 0 : 14;
}

/* fifo_init without options: the device's queue length (at least 1). */
static guint32
default_limit(const NnsDevice *dev, const char *kind)
{
  guint32 qlen = dev->txqlen ? dev->txqlen : 1;
  if (g_str_equal(kind, "bfifo"))
    return qlen * (dev->mtu + hard_header_len(dev));
  return qlen;
}

static NnsQdisc *
qdisc_new(NnsDevice *dev, const char *kind, guint32 handle)
{
  NnsQdisc *q = g_new0(NnsQdisc, 1);
  g_strlcpy(q->kind, kind, sizeof q->kind);
  q->handle = handle;
  q->limit = default_limit(dev, kind);
  q->quantum = dev->mtu + hard_header_len(dev);
  q->tx_bytes0 = dev->counters.tx_bytes;
  q->tx_packets0 = dev->counters.tx_packets;
  return q;
}

void
nns_qdisc_attach_default(NnsDevice *dev)
{
  if (!dev->qdisc)
    dev->qdisc = qdisc_new(dev, default_kind(dev), 0);
}

void
nns_qdisc_detach(NnsDevice *dev)
{
  g_clear_pointer(&dev->qdisc, g_free);
}

const char *
nns_qdisc_kind(const NnsDevice *dev)
{
  return dev->qdisc ? dev->qdisc->kind : "noop";
}

void
nns_qdisc_sent(const NnsDevice *dev, guint64 *bytes, guint64 *packets)
{
  *bytes = *packets = 0;
  if (!dev->qdisc || g_str_equal(dev->qdisc->kind, "noqueue"))
    return;
  *bytes = dev->counters.tx_bytes - dev->qdisc->tx_bytes0;
  *packets = dev->counters.tx_packets - dev->qdisc->tx_packets0;
}

/* A default qdisc holds the queue's reference and dev->qdisc's; a grafted
 * one is also referenced by every transmit queue but the first. */
guint
nns_qdisc_refcnt(const NnsDevice *dev)
{
  if (!dev->qdisc || dev->qdisc->handle == 0)
    return 2;
  return dev->num_tx_queues + 1;
}

/* qdisc_alloc_handle: one counter for the whole machine, 8001: first. */
static guint32
alloc_handle(NnsDevice *dev)
{
  NnsWorld *w = dev->ns->world;
  for (int i = 0x8000; i > 0; i--) {
    w->qdisc_autohandle += 0x10000u;
    if (w->qdisc_autohandle == 0xffff0000u)
      w->qdisc_autohandle = 0x80000000u;
    if (!dev->qdisc || dev->qdisc->handle != w->qdisc_autohandle)
      return w->qdisc_autohandle;
  }
  return 0;
}

/* qdisc_create + qdisc_graft at the root. */
static gboolean
create_graft(NnsDevice *dev, const NnsQdiscRequest *req, GError **error)
{
  if (!req->kind || !nns_qdisc_kind_known(req->kind)) {
    nns_set_extack(error, ENOENT, "Specified qdisc kind is unknown");
    return FALSE;
  }
  guint32 handle = req->handle ? req->handle : alloc_handle(dev);
  NnsQdisc *q = qdisc_new(dev, req->kind, handle);
  if (req->has_limit)
    q->limit = req->limit;
  g_free(dev->qdisc);
  dev->qdisc = q;
  return TRUE;
}

/* qdisc_change: a fifo takes a new limit; the others have no options. */
static gboolean
change(NnsQdisc *q, const NnsQdiscRequest *req)
{
  if (req->has_limit)
    q->limit = req->limit;
  return TRUE;
}

gboolean
nns_qdisc_modify(NnsDevice *dev, const NnsQdiscRequest *req, GError **error)
{
  guint flags = req->nlflags;
  NnsQdisc *q = NULL;
  if (req->root) {
    q = dev->qdisc;
    /* It may be the default qdisc: ignore it. */
    if (q && q->handle == 0)
      q = NULL;
    if (!q || !req->handle || q->handle != req->handle) {
      if (req->handle) {
        if (q && !(flags & NNS_QDISC_REPLACE)) {
          nns_set_extack(error, EEXIST, "NLM_F_REPLACE needed to override");
          return FALSE;
        }
        if (req->handle & 0xffff) {
          nns_set_extack(error, EINVAL, "Invalid minor handle");
          return FALSE;
        }
        /* No other qdisc of the device can have the handle: create. */
        goto create_n_graft;
      }
      if (!q)
        goto create_n_graft;
      /* A kind other than the root's: add and replace graft a new one,
       * change (no flags) does too, without needing NLM_F_CREATE. */
      if (req->kind && !g_str_equal(req->kind, q->kind)) {
        gboolean create = flags & NNS_QDISC_CREATE;
        if ((create && (flags & NNS_QDISC_REPLACE)) || (create && (flags & NNS_QDISC_EXCL)))
          goto create_n_graft;
        if (!(flags & (NNS_QDISC_CREATE | NNS_QDISC_REPLACE | NNS_QDISC_EXCL)))
          return create_graft(dev, req, error);
      }
    }
  } else {
    if (!req->handle) {
      nns_set_extack(error, EINVAL, "Handle cannot be zero");
      return FALSE;
    }
    q = dev->qdisc && dev->qdisc->handle == req->handle ? dev->qdisc : NULL;
  }
  /* Change the parameters of the one there. */
  if (!q) {
    nns_set_extack(error, ENOENT, "Specified qdisc not found");
    return FALSE;
  }
  if (flags & NNS_QDISC_EXCL) {
    nns_set_extack(error, EEXIST, "Exclusivity flag on, cannot modify");
    return FALSE;
  }
  if (req->kind && !g_str_equal(req->kind, q->kind)) {
    nns_set_extack(error, EINVAL, "Invalid qdisc name: must match existing qdisc");
    return FALSE;
  }
  return change(q, req);

create_n_graft:
  if (!(flags & NNS_QDISC_CREATE)) {
    nns_set_extack(error, ENOENT, "Qdisc not found. To create specify NLM_F_CREATE flag");
    return FALSE;
  }
  return create_graft(dev, req, error);
}

gboolean
nns_qdisc_delete(NnsDevice *dev, const NnsQdiscRequest *req, GError **error)
{
  NnsQdisc *q;
  /* noop_qdisc stands where nothing is attached: handle 0, kind "noop". */
  static const NnsQdisc noop = { .kind = "noop" };
  if (req->root) {
    q = dev->qdisc ? dev->qdisc : (NnsQdisc *) &noop;
    if (req->handle && q->handle != req->handle) {
      nns_set_extack(error, EINVAL, "Invalid handle");
      return FALSE;
    }
  } else {
    q = req->handle && dev->qdisc && dev->qdisc->handle == req->handle ? dev->qdisc : NULL;
    if (!q) {
      nns_set_extack(error, ENOENT, "Failed to find qdisc with specified handle");
      return FALSE;
    }
  }
  if (req->kind && !g_str_equal(req->kind, q->kind)) {
    nns_set_extack(error, EINVAL, "Invalid qdisc name: must match existing qdisc");
    return FALSE;
  }
  if (!req->root) {
    nns_set_extack(error, EINVAL, "Classid cannot be zero");
    return FALSE;
  }
  if (q->handle == 0) {
    nns_set_extack(error, ENOENT, "Cannot delete qdisc with handle of zero");
    return FALSE;
  }
  /* The root goes; a device that is up gets its default back (dev_activate). */
  nns_qdisc_detach(dev);
  if (dev->admin_up)
    nns_qdisc_attach_default(dev);
  return TRUE;
}
