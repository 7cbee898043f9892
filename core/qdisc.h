/* Root queueing disciplines (net/sched/sch_api.c, sch_generic.c): the
 * default one a device gets when it first comes up (attach_default_qdiscs),
 * and the ones `tc qdisc` grafts at the root.  Only a device's root is
 * modelled, and the children `mq` attaches itself (one default qdisc per
 * transmit queue, sch_mq.c): no classes, no other child qdiscs, no
 * ingress/clsact. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

#define NNS_QDISC_KIND_MAX 16

typedef struct _NnsQdisc NnsQdisc;
struct _NnsQdisc {
  char kind[NNS_QDISC_KIND_MAX];  /* "noqueue", "pfifo_fast", "fq_codel", "pfifo", "bfifo", "mq" */
  guint32 handle;             /* TC_H_MAKE(major, 0); 0 for a default qdisc */
  guint32 parent;             /* TC_H_ROOT, or mq's class of the queue (major:queue+1) */
  guint queue;                /* an mq child: its transmit queue */
  GPtrArray *children;        /* mq: a qdisc per transmit queue (NnsQdisc *), else NULL */
  guint32 limit;              /* pfifo: packets, bfifo: bytes */
  guint32 quantum;            /* fq_codel: psched_mtu of the device when attached */
  guint64 tx_bytes0, tx_packets0; /* the device's counters when it was attached */
};

/* The NLM_F_* flags of the request. */
enum {
  NNS_QDISC_CREATE  = 1 << 0,
  NNS_QDISC_EXCL    = 1 << 1,
  NNS_QDISC_REPLACE = 1 << 2,
};

/* What `tc qdisc add|replace|change|del` asks (RTM_NEWQDISC / RTM_DELQDISC). */
typedef struct {
  guint nlflags;              /* NNS_QDISC_*: add CREATE|EXCL, replace CREATE|REPLACE, change 0 */
  gboolean root;              /* tcm_parent TC_H_ROOT (else 0: no parent given) */
  guint32 handle;             /* tcm_handle, 0 when none */
  const char *kind;           /* TCA_KIND, NULL when none */
  gboolean has_limit;         /* TCA_OPTIONS of a fifo */
  guint32 limit;
} NnsQdiscRequest;

/* Kinds the model knows (the kernel's qdisc_lookup_ops). */
gboolean nns_qdisc_kind_known(const char *kind);

void nns_qdisc_free(NnsQdisc *q);

/* dev_activate: a device coming up without a root qdisc gets its default. */
void nns_qdisc_attach_default(NnsDevice *dev);
/* dev_shutdown (unregistering, or leaving for another namespace). */
void nns_qdisc_detach(NnsDevice *dev);
/* IFLA_QDISC: the root's kind, "noop" when none is attached. */
const char *nns_qdisc_kind(const NnsDevice *dev);
/* The device's qdiscs as the kernel's dump lists them (tc_dump_qdisc_root):
 * the root, then the children in the device's qdisc hash, which holds mq's
 * children of the queues in use, the last hashed first.  Borrowed; empty
 * when nothing is attached. */
GPtrArray *nns_qdisc_list(const NnsDevice *dev);
/* A qdisc's reference count, as `tc qdisc show` prints it. */
guint nns_qdisc_refcnt(const NnsDevice *dev, const NnsQdisc *q);
/* What went through a qdisc (its "Sent" statistics): every frame the
 * device sent since it was attached (the simulation's frames all leave
 * by the first transmit queue); noqueue queues nothing; mq adds up its
 * children. */
void nns_qdisc_sent(const NnsDevice *dev, const NnsQdisc *q, guint64 *bytes, guint64 *packets);

/* tc_modify_qdisc / tc_get_qdisc(RTM_DELQDISC) at a device's root, with
 * their errno and extack texts. */
gboolean nns_qdisc_modify(NnsDevice *dev, const NnsQdiscRequest *req, GError **error);
gboolean nns_qdisc_delete(NnsDevice *dev, const NnsQdiscRequest *req, GError **error);

G_END_DECLS
