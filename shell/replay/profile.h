/* Compatibility profiles: each renders netnsim's output (the format of
 * iproute2 6.1, iputils 20221126, coreutils in the C locale) in the format
 * an older tool version or another locale printed, so that a document
 * written on such a machine can be held against netnsim exactly.  A profile
 * only ever rewrites netnsim's side, and only where it knows the old
 * format; docs/transcripts.md states what each one renders and why. */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

/* The command whose output is being rendered. */
typedef struct {
  NnsShell *sh;               /* the machine just after the command ran */
  char **argv;                /* its words, `ip netns exec NS` taken off */
  const char *netns;          /* NS of `ip netns exec NS`, else NULL */
} NnsProfileCmd;

/* Rewrites the output lines (char*) in place. */
typedef void (*NnsProfileFn)(const NnsProfileCmd *cmd, GPtrArray *lines);

typedef struct {
  const char *name;
  NnsProfileFn apply;
} NnsProfile;

const NnsProfile *nns_profile_lookup(const char *name);
/* Apply `profiles` (NnsProfile*, in order) to the output of `cmdline`.
 * Lines of a pipeline or a compound command are left alone: their output
 * is no single tool's. */
void nns_profiles_apply(GPtrArray *profiles, NnsShell *sh, const char *cmdline, GPtrArray *lines);

/* Helpers for the profiles. */
/* Is `word` an abbreviation of `full`, as iproute2 accepts ("a", "addr")? */
gboolean nns_profile_matches(const char *word, const char *full);
/* The `ip` object (argv index) after the global options, or -1. */
int nns_profile_ip_object(char **argv);
/* A process in the namespace the command ran in, for lookups there;
 * `*spawned` is one to end afterwards with process_exit (0: none). */
int nns_profile_command_pid(const NnsProfileCmd *cmd, int *spawned);
/* Replace line i of `lines` by `text` (taken). */
void nns_profile_set_line(GPtrArray *lines, guint i, char *text);

void nns_profile_iproute2_3_10(const NnsProfileCmd *cmd, GPtrArray *lines);
void nns_profile_iputils_s20121221(const NnsProfileCmd *cmd, GPtrArray *lines);
void nns_profile_iputils_s20101006(const NnsProfileCmd *cmd, GPtrArray *lines);
void nns_profile_locale_zh_cn(const NnsProfileCmd *cmd, GPtrArray *lines);
void nns_profile_linux_3(const NnsProfileCmd *cmd, GPtrArray *lines);

G_END_DECLS
