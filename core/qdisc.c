#include "core/qdisc.h"
#include "core/error.h"
#include "core/world.h"

#include <errno.h>
#include <string.h>

/* TC_H_MAKE(major, 0) of the kernel's handles. */
#define MAJOR(h) ((h) & 0xffff0000u)
#define TC_H_ROOT 0xffffffffu

gboolean
nns_qdisc_kind_known(const char *kind)
{
  static const char *const kinds[] = { "noqueue", "pfifo_fast", "fq_codel", "pfifo", "bfifo", "mq" };
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
  q->parent = TC_H_ROOT;
  q->limit = default_limit(dev, kind);
  q->quantum = dev->mtu + hard_header_len(dev);
  q->tx_bytes0 = dev->counters.tx_bytes;
  q->tx_packets0 = dev->counters.tx_packets;
  return q;
}

void
nns_qdisc_free(NnsQdisc *q)
{
  if (!q)
    return;
  if (q->children)
    g_ptr_array_free(q->children, TRUE);
  g_free(q);
}

/* get_default_qdisc_ops: a queue in use gets net.core.default_qdisc, the
 * others pfifo_fast.  The recording machine's default_qdisc is pfifo_fast
 * (fixtures/oracle/tc-mq), so both are; a NIC's root takes Debian 12's
 * fq_codel instead (default_kind, from published outputs): the model has
 * no one default_qdisc setting (docs/known-gaps.md). */
static const char *
mq_child_kind(const NnsDevice *dev, guint ntx)
{
  (void) dev, (void) ntx;
  return "pfifo_fast";
}

/* mq_init: multiqueue devices only (no extack); a default qdisc for every
 * transmit queue, on the class major:ntx+1. */
static NnsQdisc *
mq_new(NnsDevice *dev, guint32 handle, GError **error)
{
  if (dev->num_tx_queues <= 1) {
    nns_set_errno(error, EOPNOTSUPP);
    return NULL;
  }
  NnsQdisc *q = qdisc_new(dev, "mq", handle);
  q->children = g_ptr_array_new_with_free_func((GDestroyNotify) nns_qdisc_free);
  for (guint ntx = 0; ntx < dev->num_tx_queues; ntx++) {
    NnsQdisc *c = qdisc_new(dev, mq_child_kind(dev, ntx), 0);
    c->parent = MAJOR(handle) | (ntx + 1);
    c->queue = ntx;
    g_ptr_array_add(q->children, c);
  }
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
  g_clear_pointer(&dev->qdisc, nns_qdisc_free);
}

const char *
nns_qdisc_kind(const NnsDevice *dev)
{
  return dev->qdisc ? dev->qdisc->kind : "noop";
}

void
nns_qdisc_sent(const NnsDevice *dev, const NnsQdisc *q, guint64 *bytes, guint64 *packets)
{
  *bytes = *packets = 0;
  if (q->children) {
    /* mq_dump: the sum of every queue's qdisc. */
    for (guint i = 0; i < q->children->len; i++) {
      guint64 b, p;
      nns_qdisc_sent(dev, q->children->pdata[i], &b, &p);
      *bytes += b;
      *packets += p;
    }
    return;
  }
  if (g_str_equal(q->kind, "noqueue") || q->queue != 0)
    return;
  *bytes = dev->counters.tx_bytes - q->tx_bytes0;
  *packets = dev->counters.tx_packets - q->tx_packets0;
}

/* A default qdisc holds the queue's reference and dev->qdisc's; a grafted
 * one is also referenced by every transmit queue but the first.  mq is
 * referenced by dev->qdisc only (mq_attach grafts its children instead),
 * and each child by its queue only. */
guint
nns_qdisc_refcnt(const NnsDevice *dev, const NnsQdisc *q)
{
  if (q->parent != TC_H_ROOT || q->children)
    return 1;
  if (q->handle == 0)
    return 2;
  return dev->num_tx_queues + 1;
}

GPtrArray *
nns_qdisc_list(const NnsDevice *dev)
{
  GPtrArray *out = g_ptr_array_new();
  if (!dev->qdisc)
    return out;
  g_ptr_array_add(out, dev->qdisc);
  /* mq_attach hashes the children of the queues in use, in queue order,
   * all under handle 0, so one bucket's list holds them last first. */
  if (dev->qdisc->children)
    for (guint ntx = MIN(dev->real_num_tx_queues, dev->qdisc->children->len); ntx-- > 0;)
      g_ptr_array_add(out, dev->qdisc->children->pdata[ntx]);
  return out;
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
  NnsQdisc *q;
  if (g_str_equal(req->kind, "mq")) {
    if (!(q = mq_new(dev, handle, error)))
      return FALSE;
  } else {
    q = qdisc_new(dev, req->kind, handle);
  }
  if (req->has_limit)
    q->limit = req->limit;
  nns_qdisc_free(dev->qdisc);
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
